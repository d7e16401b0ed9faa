// The world of one sample: servers, the MCP server, audit rows, metrics, files and planted secrets,
// plus the helpers background traffic and scenarios use to add requests, log lines and audit rows.
import { BASE, MINUTE } from './clock.ts';
import { MetricsRecorder } from './metrics.ts';
import { Rng } from './prng.ts';
import type { TokenCache } from './tokens.ts';
import type { Attr, Level, LogLine, Setup, Stream } from './types.ts';

/** One AuthPlane server process (a pod, a container or a systemd unit). */
export interface Server {
  name: string;
  version: string;
  stream: Stream;
  metrics: MetricsRecorder;
  /** Cluster address, used as the target of probes. */
  ip: string;
  /** Periods when this process was not serving (crash, restart, stop): [from, to) epoch ms. */
  down: [number, number][];
}

/** The MCP server (resource server) with its own log stream. */
export interface McpServer {
  name: string;
  stream: Stream;
  /** Clock offset of the MCP host in ms (its timestamps = true time + offset). */
  clockOffset: number;
  ip: string;
}

export interface AuditRow {
  id: string;
  action: string;
  actor_id: string;
  client_id: string;
  ip: string;
  detail: string;
  trace_id: string;
  created_at: string;
  /** Epoch ms (for ordering; not written). */
  t: number;
}

/** A request in flight: its ids and timing. */
export interface Req {
  id: string;
  traceId?: string;
  spanId?: string;
  t: number;
}

export interface HttpOpts {
  method: string;
  path: string;
  status: number;
  ms?: number;
  bytes?: number;
  remote: string;
  ua: string;
  /** `http` (public port) or `admin-http`. */
  component?: string;
  /** Route label for metrics (defaults to the path without query). */
  route?: string | null;
  /** Use this request id instead of a random one. */
  id?: string;
}

/** A file added to the bundle verbatim. */
export interface ExtraFile {
  path: string;
  content: string | Buffer;
  mtime: number;
}

/** An access token a client holds (only its claims matter for logs; real JWTs are signed on demand). */
export interface Tok {
  sub: string;
  clientId: string;
  scope: string;
  kid: string;
  aud: string[];
  iss: string;
  iat: number;
  exp: number;
  jti: string;
  familyId: string;
}

/** A call a client makes to the MCP server. */
export interface RsCall {
  t: number;
  tok: Tok | null;
  ua: string;
  remote: string;
  tool: string;
}

/** How the MCP server rejects a call, in each SDK's words (sdk-facts §1, §3). */
export interface RsFailure {
  status: number;
  /** Go verifier error text (logged by the Go host app). */
  goError: string;
  /** Python exception class and message (DEBUG `authplane.token_verification_failed`). */
  pyClass: string;
  pyError: string;
  /** Optional SDK warning line before the rejection: Python [logger, level, msg] or TS console text. */
  pyPre?: [string, 'INFO' | 'WARN', string];
  tsWarn?: string;
}

export interface User { id: string; ip: string }
export interface Client { id: string; name: string; ua: string }

/** Scenario hooks consulted while the background hour is generated. */
export interface Hooks {
  /** Decide whether the MCP server rejects a call. */
  rsOutcome?(w: World, call: RsCall): RsFailure | null;
  /** False when the MCP server's JWKS refresh at t fails (it then logs its SDK's failure line). */
  jwksFetchOk?(w: World, t: number): boolean;
  /** Kid the AS signs with at time t (default: first key of the setup). */
  signingKid?(t: number): string;
  /** Token audience for a new token (default: [resource]). */
  audience?(t: number, clientId: string): string[];
  /** Issuer written into tokens (default: the AS issuer in state). */
  tokenIssuer?(t: number): string;
  /** A server-side failure of login / token / readiness requests at t (DB down, signer down). */
  asError?(t: number, kind: 'login' | 'token' | 'ready'): { status: number; msg: string; error: string } | null;
  /** Status of the MCP server's PRM endpoint at t (default 200). */
  prmStatus?(t: number): number;
  /** False when a new client cannot get from the PRM to the authorization server (wrong authorization_servers, no scopes…). */
  newClientCanLogin?(t: number, client: Client): boolean;
  /** Scope string of a new token (default: every setup scope). */
  tokenScope?(t: number, clientId: string): string;
  /** The MCP server does not verify tokens at all (middleware missing). */
  rsUnprotected?: boolean;
  /** The audit store write error at t, when audit rows are being dropped. */
  auditDrop?(t: number): string | null;
}

export class World {
  hooks: Hooks = {};
  /** Signature cache for real JWTs (set by the generator). */
  tokens!: TokenCache;
  users: User[] = [];
  clients: Client[] = [];
  /** Client-side address as the server sees it (an ingress pod in Kubernetes, the client itself elsewhere). */
  remoteFor(u: User): string {
    const port = this.rng.int(32768, 60999);
    return this.setup.deployment.startsWith('k8s') ? `10.42.0.${17 + (u.ip.length % 3)}:${port}` : `${u.ip}:${port}`;
  }

  readonly rng: Rng;
  servers: Server[] = [];
  mcp!: McpServer;
  /** Extra log streams (previous containers, a second MCP server, purge job). */
  streams: Stream[] = [];
  auditRows: AuditRow[] = [];
  /** False when the bundle holds no audit dump (the /admin/audit fetch failed): rows then live only in the log copies. */
  auditDump = true;
  files: ExtraFile[] = [];
  /** Default documents to leave out, or replace: path → content (null = omit). */
  overrides = new Map<string, string | null>();
  secrets = new Set<string>();
  mustSurvive = new Set<string>();
  /** Mutable document state the default documents are written from. */
  state = {
    asIssuer: '',
    scopesSupported: [] as string[],
    jwksKids: [] as string[],
    prm: null as Record<string, unknown> | null,
    health: 'ok' as 'ok' | 'degraded' | 'refused',
    config: {} as Record<string, unknown>,
    env: {} as Record<string, string>,
  };

  constructor(
    readonly name: string,
    seed: number,
    readonly setup: Setup,
  ) {
    this.rng = new Rng(seed);
  }

  /** Register a planted secret (expected.json `secrets`). */
  secret<T extends string>(value: T): T {
    this.secrets.add(value);
    return value;
  }

  /** Register a debug id that must survive redaction. */
  keep<T extends string>(value: T): T {
    this.mustSurvive.add(value);
    return value;
  }

  /** Start a request on a server at time t (ids only; nothing logged yet). */
  begin(t: number, id?: string): Req {
    const r: Req = { id: id ?? this.rng.hex(32), t };
    if (this.setup.tracing) {
      r.traceId = this.rng.hex(32);
      r.spanId = this.rng.hex(16);
    }
    return r;
  }

  /** Append a slog record to a server stream, with the keys authserver's handlers add around call-site attributes. */
  log(srv: Server, t: number, level: Level, msg: string, attrs: Attr[] = [], opts: { component?: string; req?: Req } = {}): LogLine {
    const a: Attr[] = [['service', 'authserver']];
    if (opts.component) a.push(['component', opts.component]);
    a.push(...attrs);
    if (opts.req) {
      if (opts.req.traceId) a.push(['trace_id', opts.req.traceId], ['span_id', opts.req.spanId]);
      a.push(['request_id', opts.req.id]);
    }
    const line: LogLine = { t, nanos: this.rng.int(0, 999_999), level, msg, attrs: a };
    srv.stream.lines.push(line);
    return line;
  }

  /** A verbatim line (fatal `error: …` output, boot abort lists) on a stream. */
  raw(stream: Stream, t: number, text: string, level: Level = 'ERROR', stderr = true): void {
    stream.lines.push({ t, nanos: 0, level, msg: text, attrs: [], raw: text, stderr });
  }

  /**
   * One HTTP request on a server: `domain` logs what the handler did, then the access line is written
   * at the end (level from the status, as the middleware does) and the HTTP metrics are recorded.
   */
  http(srv: Server, t: number, o: HttpOpts, domain?: (r: Req) => void): Req {
    const r = this.begin(t, o.id);
    domain?.(r);
    const ms = o.ms ?? this.rng.latency(8);
    const end = t + ms;
    const level: Level = o.status >= 500 ? 'ERROR' : o.status >= 400 ? 'WARN' : 'INFO';
    const attrs: Attr[] = [['request_id', r.id], ['method', o.method], ['path', o.path.split('?')[0]!], ['status', o.status],
      ['duration_ms', ms], ['bytes', o.bytes ?? this.rng.int(120, 900)], ['remote_addr', o.remote], ['user_agent', o.ua]];
    this.log(srv, end, level, 'http request', attrs, { component: o.component ?? 'http', req: r });
    const route = o.route === undefined ? o.path.split('?')[0]! : o.route;
    const labels: Record<string, string> = { http_method: o.method, http_status_code: String(o.status) };
    if (route) labels.http_route = route;
    srv.metrics.inc(end, 'authserver_http_requests_total', labels);
    srv.metrics.observe(end, 'authserver_http_request_duration_seconds', labels, ms / 1000);
    return r;
  }

  /** An audit event: the row (dump) and its INFO `audit` copy in the server log. */
  audit(srv: Server, t: number, action: string, row: { actor?: string; client?: string; ip?: string; detail?: string }, req?: Req): AuditRow {
    const a: AuditRow = {
      id: this.rng.b64url(22), action, actor_id: row.actor ?? '', client_id: row.client ?? '', ip: row.ip ?? '',
      detail: row.detail ?? '', trace_id: req?.traceId ?? '', created_at: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'), t,
    };
    const dropped = this.hooks.auditDrop?.(t);
    if (dropped) {
      // The store write failed: the whole row goes to an ERROR line and the drop counter instead.
      this.log(srv, t, 'ERROR', 'audit event dropped — not persisted', [['action', action], ['id', a.id], ['actor_id', a.actor_id], ['client_id', a.client_id],
        ['ip', a.ip], ['detail', a.detail], ['trace_id', a.trace_id], ['observed_at', new Date(t).toISOString()], ['error', dropped]], { component: 'audit', req });
      srv.metrics.inc(t, 'authserver_audit_events_dropped_total', { action });
      return a;
    }
    this.auditRows.push(a);
    this.log(srv, t, 'INFO', 'audit', [['action', action], ['actor_id', a.actor_id], ['client_id', a.client_id], ['ip', a.ip], ['detail', a.detail]],
      { component: 'audit', req });
    return a;
  }

  /** Log a line on the MCP server's stream at true time t (its clock offset is applied). */
  mcpLog(t: number, level: Level, msg: string, attrs: Attr[] = [], logger?: string, stderr = false): LogLine {
    const line: LogLine = { t: t + this.mcp.clockOffset, nanos: this.rng.int(0, 999_999), level, msg, attrs, logger, stderr };
    this.mcp.stream.lines.push(line);
    return line;
  }

  /** True when no server is serving at time t. */
  allDown(t: number): boolean {
    return this.servers.every((s) => s.down.some(([a, b]) => t >= a && t < b));
  }

  /** The server that handles a request at time t (round robin by time slice). */
  pick(t: number): Server {
    const up = this.servers.filter((s) => !s.down.some(([a, b]) => t >= a && t < b));
    const pool = up.length ? up : this.servers;
    return pool[Math.floor(t / 7_000) % pool.length]!;
  }

  /** Every minute in [from, to) with a jittered second, for periodic traffic. */
  *minutes(from: number, to: number, everyMin = 1): Generator<number> {
    for (let m = from; m < to; m += everyMin) yield BASE + m * MINUTE + this.rng.int(0, 59_000);
  }
}
