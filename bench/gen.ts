// Bench bundle generator: a realistic support bundle of any size. The base is the sample bundle of the
// signing-key-regenerated cascade (samples/, real formats, documents, metrics, audit); a second replica
// adds a planted DPoP replay burst; the bulk is an hour of healthy traffic from more authserver replicas
// (slog JSON, some wrapped by kubectl --prefix --timestamps) and MCP servers (slog text), scaled to size.
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
/** The base scenario: every planted failure of the sample stays, so its causes must be found at any size. */
export const BASE_SAMPLE = 'signing-key-regenerated';
const DPOP_SAMPLE = 'dpop-replay';
const HOUR_START = Date.parse('2026-10-03T08:00:00Z');
const HOUR_MS = 3_600_000;
const WRITE_BATCH = 1 << 20;

/** What a generated bundle holds. */
export interface GeneratedBundle {
  /** The .tgz written. */
  path: string;
  /** Uncompressed bytes of generated (bulk) log lines, and of all files. */
  bulkBytes: number;
  totalBytes: number;
  logFiles: number;
  /** Causes planted, which analysis must report at every size. */
  planted: string[];
}

/** A small, fast, seeded PRNG (mulberry32): crypto randomness would dominate generation time. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = Math.imul(this.s ^ (this.s >>> 15), 1 | this.s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  hex(chars: number): string {
    let s = '';
    while (s.length < chars) s += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, chars);
  }
  id22(): string {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (let i = 0; i < 22; i++) s += A[this.int(64)];
    return s;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
}

// Clients of the sample world (so the bulk looks like the same deployment).
const CLIENTS = ['0d8pykHt4v7orPbzUJtA66', 'bUaepxtzmmRfy3etofx452', 'FkVhSkp7Fuw_jT2Ld--xri', 'e6E-GWGrFLBx44cWS4d1ri'];
const AGENTS = ['claude-code/2.0.14', 'cursor/1.7.2', 'vscode-mcp/1.104.0', 'agent-runner/0.9 (python-httpx/0.28.1)'];
const PROBES = ['/health', '/ready', '/livez', '/metrics', '/.well-known/oauth-authorization-server', '/.well-known/jwks.json'];

/** Nanosecond RFC 3339 time as slog writes it (the fraction is synthetic). */
function stamp(ms: number, rng: Rng): string {
  const iso = new Date(ms).toISOString(); // 2026-10-03T08:00:00.123Z
  return `${iso.slice(0, 23)}${String(rng.int(1_000_000)).padStart(6, '0')}Z`;
}

interface Stream {
  /** kubectl `[pod/…/…] <ts> ` prefix, or none (plain `kubectl logs` / a file from the node). */
  prefix: string | null;
  lines: string[];
}

function put(s: Stream, time: string, line: string): void {
  s.lines.push(s.prefix === null ? line : `${s.prefix} ${time} ${line}`);
}

/** One authserver request of the background: refresh, login, machine token, introspection or a probe. */
function authRequest(s: Stream, ms: number, rng: Rng, users: string[]): void {
  const rid = rng.hex(32);
  const t = (d: number) => stamp(ms + d, rng);
  const head = (time: string, level: string, msg: string) => `{"time":"${time}","level":"${level}","msg":"${msg}","service":"authserver"`;
  const http = (time: string, method: string, path: string, status: number, ua: string, tail: string) =>
    `${head(time, 'INFO', 'http request')},"component":"http","request_id":"${rid}","method":"${method}","path":"${path}","status":${status},"duration_ms":${1 + rng.int(40)},"bytes":${120 + rng.int(5)},"remote_addr":"10.42.${rng.int(8)}.${rng.int(250)}:${30000 + rng.int(30000)}","user_agent":"${ua}"${tail},"request_id":"${rid}"}`;
  const r = rng.int(100);
  if (r < 45) { // probes and discovery: one access line
    const time = t(0);
    put(s, time, http(time, 'GET', rng.pick(PROBES), 200, 'kube-probe/1.31', ''));
    return;
  }
  const trace = `,"trace_id":"${rng.hex(32)}","span_id":"${rng.hex(16)}"`;
  const ids = `${trace},"request_id":"${rid}"`;
  const client = rng.pick(CLIENTS);
  const user = rng.pick(users);
  const ua = rng.pick(AGENTS);
  const ip = `10.42.0.${rng.int(250)}`;
  if (r < 80) { // refresh_token grant
    const family = rng.id22();
    let time = t(3);
    put(s, time, `${head(time, 'INFO', 'tokens refreshed')},"component":"token","client_id":"${client}","user_id":"${user}","family_id":"${family}","token_type":"Bearer"${ids}}`);
    time = t(4);
    put(s, time, `${head(time, 'INFO', 'audit')},"component":"audit","action":"token.refreshed","actor_id":"${user}","client_id":"${client}","ip":"${ip}","detail":"family=${family}"${ids}}`);
    time = t(6);
    put(s, time, http(time, 'POST', '/oauth/token', 200, ua, trace));
  } else if (r < 90) { // login + authorization code flow, squeezed into a few ms so the file stays in time order
    const session = rng.id22();
    const family = rng.id22();
    let time = t(0);
    put(s, time, `${head(time, 'INFO', 'authorization started')},"session_id":"${session}","client_id":"${client}"}`);
    time = t(1);
    put(s, time, http(time, 'GET', '/oauth/authorize', 303, 'Mozilla/5.0', ''));
    time = t(5);
    put(s, time, `${head(time, 'INFO', 'user authenticated')},"user_id":"${user}"${ids}}`);
    time = t(6);
    put(s, time, `${head(time, 'INFO', 'audit')},"component":"audit","action":"user.login","actor_id":"${user}","client_id":"","ip":"${ip}","detail":""${ids}}`);
    time = t(7);
    put(s, time, http(time, 'POST', '/login', 303, 'Mozilla/5.0', trace));
    time = t(9);
    put(s, time, `${head(time, 'INFO', 'authorization completed')},"session_id":"${session}","client_id":"${client}"}`);
    const trace2 = `,"trace_id":"${rng.hex(32)}","span_id":"${rng.hex(16)}"`;
    const rid2 = rng.hex(32);
    time = t(10);
    put(s, time, `${head(time, 'INFO', 'tokens issued')},"component":"token","client_id":"${client}","user_id":"${user}","family_id":"${family}","auth_session_id":"${session}","token_type":"Bearer"${trace2},"request_id":"${rid2}"}`);
    time = t(11);
    put(s, time, `${head(time, 'INFO', 'audit')},"component":"audit","action":"token.issued","actor_id":"${user}","client_id":"${client}","ip":"${ip}","detail":"family=${family}"${trace2},"request_id":"${rid2}"}`);
  } else if (r < 95) { // client_credentials
    const jti = rng.id22();
    let time = t(2);
    put(s, time, `${head(time, 'INFO', 'client credentials token issued')},"component":"client_credentials","client_id":"billing-agent","jti":"${jti}","scopes":["notes/admin"],"token_type":"Bearer"${ids}}`);
    time = t(3);
    put(s, time, `${head(time, 'INFO', 'audit')},"component":"audit","action":"client_credentials.issued","actor_id":"billing-agent","client_id":"billing-agent","ip":"10.42.5.96","detail":"jti=${jti} scopes=notes/admin"${ids}}`);
    time = t(4);
    put(s, time, http(time, 'POST', '/oauth/token', 200, 'billing-agent/1.2', trace));
  } else { // introspection by a resource server
    const time = t(2);
    put(s, time, http(time, 'POST', '/oauth/introspect', 200, 'notes-mcp/1.0', trace));
  }
}

/** One MCP call at a healthy MCP server (slog text): verified, then the access line. */
function mcpRequest(s: Stream, ms: number, rng: Rng, users: string[], service: string): void {
  const short = (d: number) => new Date(ms + d).toISOString();
  let time = stamp(ms, rng);
  put(s, time, `time=${short(0)} level=INFO msg=verified service=${service} sub=${rng.pick(users)} scope="tools/read tools/write" aud=https://mcp.acme.dev/mcp client_id=${rng.pick(CLIENTS)}`);
  const d = 3 + rng.int(30);
  time = stamp(ms + d, rng);
  put(s, time, `time=${short(d)} level=INFO msg="http request" service=${service} method=POST path=/mcp status=200 duration_ms=${d} remote_addr=10.42.0.${rng.int(250)}:${30000 + rng.int(30000)} user_agent=${goQuote(rng.pick(AGENTS))}`);
}

/** A slog TextHandler value: quoted (strconv.Quote) when it holds a space, `=` or `"`. */
function goQuote(v: string): string {
  return /[\s="]/.test(v) ? JSON.stringify(v) : v;
}

/** The planted DPoP replay burst on replica B: denied refreshes with reused proofs (30, 08:28 → 08:55). */
function dpopReplays(rng: Rng): { ms: number; lines: (s: Stream) => void }[] {
  const out: { ms: number; lines: (s: Stream) => void }[] = [];
  for (let i = 0; i < 30; i++) {
    const ms = Date.parse('2026-10-03T08:28:19Z') + i * 53_000;
    const rid = rng.hex(32);
    out.push({ ms, lines: (s) => {
      let time = stamp(ms, rng);
      put(s, time, `{"time":"${time}","level":"INFO","msg":"audit","service":"authserver","component":"audit","action":"token.refresh_denied","actor_id":"","client_id":"xQijGCy36rOaVPRdl3F8je","ip":"10.42.0.18","detail":"reason=invalid_dpop_proof","request_id":"${rid}"}`);
      time = stamp(ms + 4, rng);
      put(s, time, `{"time":"${time}","level":"WARN","msg":"http request","service":"authserver","component":"http","request_id":"${rid}","method":"POST","path":"/oauth/token","status":400,"duration_ms":8,"bytes":208,"remote_addr":"10.42.0.18:46766","user_agent":"agent-runner/0.9 (python-httpx/0.28.1)","request_id":"${rid}"}`);
    } });
  }
  return out;
}

interface FileSpec {
  path: string;
  share: number;
  kind: 'auth' | 'mcp';
  prefix: string | null;
  service: string;
  dpop?: boolean;
}

// Three more authserver replicas (one raw slog JSON, two kubectl-wrapped) and two MCP servers.
const FILES: FileSpec[] = [
  { path: 'logs/authserver-74cf9d0e4-k2x9p.log', share: 0.22, kind: 'auth', prefix: '[pod/authserver-74cf9d0e4-k2x9p/authserver]', service: 'authserver' },
  { path: 'logs/authserver-74cf9d0e4-q8w3z.log', share: 0.22, kind: 'auth', prefix: null, service: 'authserver' },
  { path: 'logs/authserver-74cf9d0e4-m4n7c.log', share: 0.22, kind: 'auth', prefix: '[pod/authserver-74cf9d0e4-m4n7c/authserver]', service: 'authserver', dpop: true },
  { path: 'logs/notes-mcp-56c214c3b-xv2lp.log', share: 0.17, kind: 'mcp', prefix: '[pod/notes-mcp-56c214c3b-xv2lp/notes-mcp]', service: 'notes-mcp' },
  { path: 'logs/notes-mcp-56c214c3b-r7hkt.log', share: 0.17, kind: 'mcp', prefix: '[pod/notes-mcp-56c214c3b-r7hkt/notes-mcp]', service: 'notes-mcp' },
];

/** Average bytes one request adds, measured on a sample run (used to space requests over the hour). */
function bytesPerRequest(spec: FileSpec, users: string[]): number {
  const rng = new Rng(7);
  const s: Stream = { prefix: spec.prefix, lines: [] };
  for (let i = 0; i < 2000; i++) (spec.kind === 'auth' ? authRequest : mcpRequest)(s, HOUR_START, rng, users, spec.service);
  return s.lines.reduce((n, l) => n + l.length + 1, 0) / 2000;
}

/** Writes one bulk log file of about `bytes`, its requests spread evenly over the hour; returns bytes written. */
function writeBulk(file: string, spec: FileSpec, bytes: number, seed: number, users: string[], failShare = 0): number {
  const rng = new Rng(seed);
  // Its own generator, so bundles without failures stay byte for byte what they were.
  const failRng = new Rng(seed + 1);
  const requests = Math.max(1, Math.round(bytes / bytesPerRequest(spec, users)));
  const step = HOUR_MS / requests;
  const planted = spec.dpop ? dpopReplays(rng) : [];
  const fd = openSync(file, 'w');
  let written = 0;
  const s: Stream = { prefix: spec.prefix, lines: [] };
  let pending = 0;
  const flush = () => {
    // Lines of one request may interleave with the next in time; a log file is in write order, like this.
    const text = s.lines.join('\n') + '\n';
    written += writeSync(fd, text);
    s.lines.length = 0;
    pending = 0;
  };
  for (let i = 0; i < requests; i++) {
    const ms = HOUR_START + Math.floor(i * step);
    while (planted.length > 0 && planted[0]!.ms <= ms) planted.shift()!.lines(s);
    if (spec.kind === 'auth') {
      const from = s.lines.length;
      authRequest(s, ms, rng, users);
      if (failShare > 0) failSome(s, from, failShare, failRng);
    } else mcpRequest(s, ms, rng, users, spec.service);
    pending += 1;
    if (pending >= 2000 && s.lines.length * 300 >= WRITE_BATCH) flush();
  }
  for (const p of planted) p.lines(s);
  if (s.lines.length > 0) flush();
  closeSync(fd);
  return written;
}

/** An outage: this share of the request's successful access lines become 503s, logged at ERROR. */
function failSome(s: Stream, from: number, share: number, rng: Rng): void {
  for (let i = from; i < s.lines.length; i++) {
    const line = s.lines[i]!;
    if (!line.includes('"msg":"http request"') || !line.includes('"status":200,') || rng.int(1000) >= share * 1000) continue;
    s.lines[i] = line.replace('"level":"INFO"', '"level":"ERROR"').replace('"status":200,', '"status":503,');
  }
}

/**
 * Generates `<dir>/bench-<MB>mb.tgz` holding about `logBytes` of bulk logs around the planted failures.
 * Uses the system `tar` and `gzip` (default level, as a support bundle would be packed).
 */
export function generateBundle(dir: string, logBytes: number, seed = 1, failShare = 0): GeneratedBundle {
  const name = `bench-${Math.round(logBytes / 1e6)}mb`;
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  execFileSync('tar', ['xzf', join(SAMPLES, `${BASE_SAMPLE}.tgz`), '-C', root]);
  const bundle = join(root, 'support-bundle');
  // The DPoP replay happened on replica m4n7c: its metrics scrapes and a captured response come along.
  const dpop = join(root, 'dpop');
  mkdirSync(dpop, { recursive: true });
  execFileSync('tar', ['xzf', join(SAMPLES, `${DPOP_SAMPLE}.tgz`), '-C', dpop]);
  mkdirSync(join(bundle, 'metrics', 'authserver-74cf9d0e4-m4n7c'), { recursive: true });
  for (const f of readdirSync(join(dpop, 'support-bundle', 'metrics'))) {
    copyFileSync(join(dpop, 'support-bundle', 'metrics', f), join(bundle, 'metrics', 'authserver-74cf9d0e4-m4n7c', f));
  }
  copyFileSync(join(dpop, 'support-bundle', 'captures', 'refresh-dpop.txt'), join(bundle, 'captures', 'refresh-dpop.txt'));
  execFileSync('rm', ['-rf', dpop]);

  const rng = new Rng(seed * 7919);
  const users = Array.from({ length: 800 }, () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-8${rng.hex(3)}-${rng.hex(12)}`);
  let bulkBytes = 0;
  FILES.forEach((spec, i) => {
    bulkBytes += writeBulk(join(bundle, spec.path), spec, logBytes * spec.share, seed * 1000 + i, users, failShare);
  });
  const totalBytes = Number(execFileSync('du', ['-sb', bundle], { encoding: 'utf8' }).split('\t')[0]);
  const logFiles = readdirSync(join(bundle, 'logs')).length;
  const out = join(dir, `${name}.tgz`);
  execFileSync('tar', ['czf', out, '-C', root, 'support-bundle']);
  execFileSync('rm', ['-rf', root]);
  return { path: out, bulkBytes, totalBytes, logFiles, planted: ['signing-key-regenerated', 'kid-unknown', 'dpop-replay'] };
}
