// Normalized records that every parser emits, with their provenance (design.md "Normalized records").
// Everything downstream (correlate, rules, report, tui) sees only these shapes, never raw files.

/** Where a record came from. `file` is the path inside the bundle; nested archives join with `!/`. */
export interface Provenance {
  /** Path inside the bundle, e.g. `logs/authserver.log` or `extra.zip!/pods.tgz!/pod-a.log`. */
  file: string;
  /** 1-based line of the record's first line (1 for whole-document records). */
  line: number;
  /** Byte offset of that line in the decompressed file. */
  offset: number;
}

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Who wrote a log line: the AuthPlane server, an AuthPlane SDK inside an MCP server, the MCP server app itself, or anything else. */
export type LogOrigin = 'authserver' | 'sdk' | 'mcp-server' | 'other';

export interface LogRecord extends Provenance {
  kind: 'log';
  /** The timestamp as written (after unwrapping), or undefined. */
  time?: string;
  /** Epoch milliseconds, or null when the line had no usable time. */
  ts: number | null;
  level: Level;
  /** The message. Multi-line messages (self-check, boot abort, validation lists) keep their `\n`. */
  msg: string;
  /**
   * The stream this line belongs to, stable across files of the same process: a pod/container from a
   * kubectl or compose prefix, a journald unit+host, a docker container id, else the file path.
   */
  source: string;
  origin: LogOrigin;
  /** Inner line format, e.g. `slog-json`, `slog-text`, `generic-json`, `python`, `ts-console`, `java-jul`, `go-log`, `rust-tracing`, `fatal`, `plain`. */
  format: string;
  requestId?: string;
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  /** slog `service` / `component` keys when present. */
  service?: string;
  component?: string;
  /**
   * Every other key. Groups are flattened to dotted keys (`http.method`) for both JSON (nested
   * objects) and text (dotted keys) input. A key repeated with the same value collapses to one;
   * repeated with different values it becomes an array of the values in order.
   */
  attrs: Record<string, unknown>;
}

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'gaugehistogram' | 'info' | 'stateset' | 'unknown';

export interface MetricSample {
  /** Full sample name as exposed, e.g. `authserver_token_issuance_duration_seconds_bucket`. */
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Explicit sample timestamp (ms) when the exposition carried one. */
  timestampMs?: number;
  line: number;
  /** OpenMetrics exemplar (`# {trace_id="…"} 0.7 1696324500.1`), kept apart from `value`; links a sample to a trace. */
  exemplar?: { labels: Record<string, string>; value: number; timestampMs?: number };
}

export interface MetricFamily {
  /** Family name: the base name for histograms/summaries (`…_seconds`), the sample name otherwise. */
  name: string;
  type: MetricType;
  help?: string;
  samples: MetricSample[];
}

/** One `/metrics` scrape (one file, or one `# EOF`-terminated block). */
export interface MetricSnapshot extends Provenance {
  kind: 'metrics';
  format: 'prometheus' | 'openmetrics';
  /** Epoch ms of the scrape, from the content, else the file name, else the file mtime; null if none. */
  time: number | null;
  timeSource: 'content' | 'name' | 'mtime' | null;
  /** Server identity: `instance` label / target_info / file grouping (e.g. the folder name). */
  instance: string;
  families: MetricFamily[];
}

/** Where an audit row came from: an audit dump, the `audit` INFO log copy, or an `audit event dropped` log line. */
export type AuditOrigin = 'dump' | 'log' | 'dropped';

export interface AuditRecord extends Provenance {
  kind: 'audit';
  id: string;
  action: string;
  actorId: string;
  clientId: string;
  ip: string;
  /** `detail` exactly as stored. */
  detail: string;
  /** Leading bare word(s) of detail before the first key=value, e.g. `reuse_detection`, `admin rotated signing key:`. */
  detailWord?: string;
  /** `(\w+)=(\S+)` pairs of detail. */
  detailKv: Record<string, string>;
  traceId: string;
  createdAt: string;
  ts: number | null;
  origin: AuditOrigin;
}

/**
 * What a document is, and the shape of `DocumentRecord.body` for it (src/ingest/parsers/docs):
 * - JSON documents (health, ready, livez, as-metadata, openid-configuration, jwks, prm, admin-status,
 *   admin-config, admin-stats, manifest, conformance-report, other-json): the parsed JSON as served.
 *   Any compact JWT string inside is replaced by `[jwt:<fingerprint>]` and emitted as a TokenRecord.
 * - config-yaml: `{ config: <YAML as object>, lines: { 'server.issuer': 3, … } }` (dotted key → 1-based line).
 * - env: `{ vars: { AUTHPLANE_X: 'v', … }, lines: { AUTHPLANE_X: 4, … } }` (quotes removed, `export` dropped).
 * - version: `{ version: '0.2.2-3-gabc1234-dirty', base: '0.2.2' | null, raw: 'v0.2.2-3-gabc1234-dirty' }`
 *   (`version` without the leading `v`; `base` is the release semver, null for `dev`).
 * - http-exchange: the response body parsed as JSON, or null (text in `http.bodyText`). `bodyKind` says
 *   what the request path (or, failing that, the body) is. Authorization/DPoP/Cookie header values are
 *   reduced to the scheme plus `[jwt:<fingerprint>]` or `[redacted]`.
 */
export type DocumentKind =
  | 'health' | 'ready' | 'livez'
  | 'as-metadata' | 'openid-configuration' | 'jwks' | 'prm'
  | 'admin-status' | 'admin-config' | 'admin-stats'
  /** `GET /admin/auth/verify`: `{ valid, version }`, the admin key check. */
  | 'admin-auth-verify'
  | 'config-yaml' | 'env' | 'version'
  | 'http-exchange' | 'manifest' | 'conformance-report' | 'other-json';

export interface HttpExchange {
  method?: string;
  url?: string;
  /** Port the request went to, when known (e.g. 9001 means the admin port). */
  port?: number;
  path?: string;
  status?: number;
  statusText?: string;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  /** Response body as text (capped); parsed JSON in `DocumentRecord.body` when it is JSON. */
  bodyText?: string;
  /** A connection error recorded instead of a response (`connection refused`, `timeout`). */
  error?: string;
  /**
   * The jq filter the output was piped through (`curl -s URL | jq .issuer`), when not `.`: the body is
   * then rebuilt as the part of the document the filter selected (`{ issuer: … }`), when it can be.
   */
  jq?: string;
  /**
   * 1-based file lines of the capture's parts, so evidence can point at the line it quotes: the
   * (last) status line, the curl error, each response header by lower-case name (its first line),
   * and the first body line. Absent for exchanges not read from a capture.
   */
  lines?: { status?: number; error?: number; headers: Record<string, number>; body?: number };
}

export interface DocumentRecord extends Provenance {
  kind: 'document';
  docKind: DocumentKind;
  /**
   * Parsed body: JSON value, `{ config, lines }` for config.yaml, `{ vars, lines }` for env files (plus `service` for a docker-compose `environment:` block),
   * `{ version, base, raw }` for version output. For an http-exchange, the parsed response body (or
   * null). Exact shapes per kind: see DocumentKind.
   */
  body: unknown;
  /** For http-exchange documents (and documents whose capture carried status/headers). */
  http?: HttpExchange;
  /** For an http-exchange, what its request path says the body is (e.g. a `jwks` fetched with curl -i). */
  bodyKind?: DocumentKind;
  /** Epoch ms when the document was captured (headers `Date`, manifest, or file mtime), or null. */
  capturedAt: number | null;
  /**
   * The 1-based file line of a member of the JSON body (`['issuer']`, `['keys', 1, 'kid']`), found by
   * scanning the document's text only when asked: evidence needs it, indexing does not. Undefined
   * when the member is not in the text (e.g. a jq filter's output) or the text was not kept. The
   * text stays inside the closure and is never rendered: it may hold raw JWTs.
   */
  memberLine?: (path: readonly (string | number)[]) => number | undefined;
}

export type TokenUse = 'access' | 'dpop-proof' | 'id-token' | 'assertion' | 'unknown';

/** A JWT found in the bundle. The compact string and signature are never stored here (see TokenVault). */
export interface TokenRecord extends Provenance {
  kind: 'token';
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  use: TokenUse;
  /** First 16 hex chars of sha256(compact token): a stable handle that reveals nothing. */
  fingerprint: string;
  /** Where it was found: a token file, an Authorization/DPoP header of an exchange, a log attribute. */
  foundIn: 'file' | 'http-exchange' | 'log';
  /** When the bundle says it was presented/captured (exchange time or file mtime), or null. */
  capturedAt: number | null;
}

export type BundleRecord = LogRecord | MetricSnapshot | AuditRecord | DocumentRecord | TokenRecord;

export type FileKind = 'log' | 'metrics' | 'audit' | 'document' | 'token' | 'archive' | 'unknown';

/** One inventory row per file (contract.md `bundle.files`). */
export interface FileInfo {
  path: string;
  kind: FileKind;
  /** e.g. `slog-json`, `slog-text`, `prometheus`, `openmetrics`, `audit-array`, `audit-envelope`, `audit-ndjson`, `audit-csv`, `jwks`, `tgz`. */
  format: string;
  /** Container-log wrapper, e.g. `kubectl-prefix`, `kubectl-timestamps`, `docker-json`, `cri`, `journald`, `compose`; null when none. */
  wrapper: string | null;
  records: number;
  skipped: number;
  /** Decompressed bytes read. */
  bytes: number;
  timeRange: { from: string; to: string } | null;
  /** File modification time from the archive header or file system, epoch ms. */
  mtime: number | null;
}

/** A damaged or skipped part of the bundle: never fatal (contract.md `bundle.problems`). */
export interface Problem {
  path: string;
  line?: number;
  problem: string;
  /**
   * The input itself could not be read past this point (a cut or broken archive): whatever came
   * after it in the bundle is missing. Set on the archive's own problem, never on a file's.
   */
  endsInput?: boolean;
}

export interface IngestProgress {
  /** Compressed bytes of the input consumed so far, and the input size when known. */
  bytesRead: number;
  bytesTotal: number | null;
  filesDone: number;
  currentFile?: string;
}

export interface IngestOptions {
  /** Archive-bomb guards. Defaults: 20 GiB unpacked, 100 000 entries, nesting depth 4. */
  maxTotalBytes?: number;
  maxEntries?: number;
  maxNesting?: number;
  /** Longer lines are skipped and reported. Default 1 MiB. */
  maxLineBytes?: number;
  /** Whole-document formats (JSON, YAML) larger than this are streamed or skipped. Default 64 MiB. */
  maxDocumentBytes?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Formats to sniff with instead of allFormats() (tests, tools that read one kind only). */
  formats?: import('./format.ts').FileFormat[];
}

/** Raw JWTs by fingerprint, kept in memory only so rules can verify signatures. Never serialized. */
export type TokenVault = Map<string, string>;

export interface IngestResult {
  /** What the user passed (as given). */
  source: string;
  /** sha256 of the input file, or of the directory's files in walk order. */
  sha256: string;
  files: FileInfo[];
  problems: Problem[];
  tokenVault: TokenVault;
  bytesRead: number;
}

export type RecordSink = (rec: BundleRecord) => void;
