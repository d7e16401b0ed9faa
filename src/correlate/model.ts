// The correlated model: what rules, reports and the TUI read. Built incrementally from the
// record stream (Correlator), so a multi-gigabyte bundle is never held whole in memory:
// every record updates compact indexes and counters, and only a bounded set of records is
// retained in full (see `LogIndex.isComplete`).
import type {
  AuditRecord, DocumentKind, DocumentRecord, FileInfo, Level, LogOrigin, LogRecord,
  MetricSnapshot, Problem, TokenRecord, TokenVault,
} from '../ingest/index.ts';

export interface BundleSummary {
  source: string;
  sha256: string;
  files: FileInfo[];
  problems: Problem[];
  /** Best-known AuthPlane version (status doc, `authserver version`, `starting authserver`), or null. */
  authplaneVersion: string | null;
  /** Every version seen, with where (for version skew). */
  versions: { version: string; source: string; file: string; line: number }[];
  timeRange: { from: string; to: string } | null;
  /** Deployment hints: kubernetes / docker / compose / systemd, from wrappers and file names. */
  deployment: string[];
  storageDriver: string | null;
}

/** A log stream (pod/container/process) as seen across files. */
export interface LogSource {
  source: string;
  origin: LogOrigin;
  formats: string[];
  files: string[];
  records: number;
  first: number | null;
  last: number | null;
}

export interface LogIndex {
  /**
   * Retained records, time-ordered (records without time keep file order at their neighbours' place).
   * When `isComplete` is true every log record is here; otherwise high-volume INFO/DEBUG lines were
   * counted and sampled but not all retained.
   */
  records(): readonly LogRecord[];
  isComplete: boolean;
  /** Total log records read (retained or not). */
  total: number;
  /** Retained records whose msg equals `msg` (or starts with it, for a string ending in `…` / a RegExp). */
  withMessage(msg: string | RegExp): LogRecord[];
  /** Count of all records (retained or not) with exactly this msg. */
  countMessage(msg: string): number;
  /** Retained records matching a predicate (msg, attrs, origin …). */
  where(pred: (r: LogRecord) => boolean): LogRecord[];
  sources(): LogSource[];
  /** Counts per level over all records. */
  levelCounts: Record<Level, number>;
  /**
   * How many log lines a retained record stands for: 1, or more for a record of a sampled key (see
   * `sampled`), whose kept records share its lines. Summing weights instead of counting records keeps
   * counts right for lines selected by message, source or level.
   */
  weight(r: LogRecord): number;
  /** Lines that repeated past the per-key cap: only their first and latest ones were kept whole (most repeated first). */
  sampled: SampledLines[];
}

/** One (source, message, level) whose lines were sampled past the retain limit. */
export interface SampledLines {
  source: string;
  msg: string;
  level: Level;
  /** Lines offered for keeping past the retain limit, and how many of them were kept. */
  seen: number;
  kept: number;
}

/** HTTP access lines (`msg == "http request"` on the server; MCP server access lines too). */
export interface HttpIndex {
  total: number;
  /** Count per status over all access lines. */
  byStatus: Map<number, number>;
  /** Count per `path` then status. */
  byPath: Map<string, Map<number, number>>;
  /** Retained access records with status >= 400. */
  failures(): LogRecord[];
  /** Distinct `remote_addr` host parts per status class (e.g. how many clients got 429). */
  remoteAddrs(status?: number): Map<string, number>;
}

/** One counter's value change between two consecutive snapshots of the same server. */
export interface CounterInterval {
  from: number | null;
  to: number | null;
  before: number;
  after: number;
  /** after - before, or `after` when the counter reset (after < before). */
  delta: number;
  /** delta per second, null when the interval has no known length. */
  rate: number | null;
  reset: boolean;
  fromFile: string;
  toFile: string;
}

export interface CounterSeries {
  name: string;
  labels: Record<string, string>;
  instance: string;
  /** Values in snapshot order (one per snapshot that has the series). */
  values: { time: number | null; value: number; file: string; line: number }[];
  intervals: CounterInterval[];
  /** Sum of interval deltas (reset-aware). 0 with a single snapshot. */
  totalDelta: number;
  /** Latest value. */
  last: number;
}

export interface HistogramInterval {
  from: number | null;
  to: number | null;
  count: number;
  /** Quantiles interpolated inside a bucket, as Prometheus does: estimates, not observations. */
  p50: number | null;
  p99: number | null;
  /** Bounds of the bucket the p99 falls in: what the histogram can say for sure (`p99 ≤ upper`). */
  p99Bucket: { lower: number; upper: number } | null;
  /** Each bucket: observations ≤ le in the interval, and the bucket sample in the scrape closing it. */
  buckets: HistogramBucket[];
}

/** One cumulative bucket of a histogram interval (or of the latest scrape), with its sample's place. */
export interface HistogramBucket {
  le: number;
  /** Observations ≤ le in the interval (for the lifetime: since the counter started). */
  count: number;
  /** The bucket sample's value in the scrape opening the interval (null for the lifetime), and in the closing one. */
  before: number | null;
  after: number;
  file: string;
  line: number;
}

export interface HistogramSeries {
  name: string;
  labels: Record<string, string>;
  instance: string;
  intervals: HistogramInterval[];
  /** Quantiles over the cumulative buckets of the latest snapshot (everything since the counters started). */
  lifetime: { count: number; p50: number | null; p99: number | null; p99Bucket: { lower: number; upper: number } | null; buckets: HistogramBucket[] };
}

export interface MetricIndex {
  snapshots(): MetricSnapshot[];
  instances(): string[];
  /**
   * Counter series of a name, optionally filtered by labels. Label aliases from the docs are
   * normalised (method/path/status → http_method/http_route/http_status_code, outcome → result).
   */
  counter(name: string, match?: Record<string, string>): CounterSeries[];
  /** Gauge or any sample's latest values. */
  latest(name: string, match?: Record<string, string>): { labels: Record<string, string>; value: number; instance: string; file: string; line: number }[];
  histogram(name: string, match?: Record<string, string>): HistogramSeries[];
  /** Every counter series (for the TUI), sorted by totalDelta descending. */
  allCounters(): CounterSeries[];
  /** Every histogram series (for the TUI). */
  allHistograms(): HistogramSeries[];
}

export interface AuditStory {
  /** `user:<id>`, `client:<id>`, `family:<id>`, `grant:<id>`. */
  key: string;
  rows: AuditRecord[];
  /** Log records that share the story's id (e.g. `family_id`), retained ones only. */
  logs: LogRecord[];
}

/**
 * A read-only look at one audit row without building it (AuditIndex.scan / where). The object is
 * reused from row to row: read what you need inside the callback, or keep `record()`.
 */
export interface AuditRowView {
  readonly action: string;
  readonly actorId: string;
  readonly clientId: string;
  readonly detail: string;
  /** `(\w+)=(\S+)` pairs of detail, parsed when first read for this row. */
  readonly detailKv: Record<string, string>;
  readonly ts: number | null;
  /** The row as an AuditRecord (the same object rows() hands out). */
  record(): AuditRecord;
}

/** A story's size and span, known without building its rows (the TUI's story list). */
export interface AuditStoryHead {
  key: string;
  /** Number of audit rows and of retained log lines in the story. */
  rows: number;
  logs: number;
  first: number | null;
  last: number | null;
  /** Distinct actions in time order. */
  actions(): string[];
}

export interface AuditIndex {
  /** Rows from dumps plus rows rebuilt from `audit` / `audit event dropped` log lines, deduplicated, by created_at. */
  rows(): AuditRecord[];
  byAction(action: string | RegExp): AuditRecord[];
  /** byAction(action).length, without building (and keeping) the rows. */
  countByAction(action: string | RegExp): number;
  stories(kind?: 'user' | 'client' | 'family' | 'grant'): AuditStory[];
  story(key: string): AuditStory | undefined;
  /** True when the bundle held an audit dump (not just log copies). */
  hasDump: boolean;
  /** Number of rows, i.e. rows().length, without building any. */
  count(): number;
  /** Visit every row in rows() order through a reused view; nothing is built unless `record()` is called. */
  scan(visit: (row: AuditRowView) => void): void;
  /** Rows whose view matches, in rows() order; only those are built (cheap checks on `action` first). */
  where(pred: (row: AuditRowView) => boolean): AuditRecord[];
  /**
   * `[key, value]` of each distinct actor id (key `actor_id`) and of the pairs of each distinct
   * detail (key: the pair's key), in first-seen row order: what a redactor learns identities from.
   * With `wanted`, only pairs whose key it accepts, and a detail with no such key is not parsed.
   */
  identities(wanted?: (key: string) => boolean): Iterable<[string, string]>;
  /** Each distinct non-empty client_id of the rows. */
  clientIds(): string[];
  /** Every story's head (key, counts, span), without building rows. */
  storyHeads(kind?: 'user' | 'client' | 'family' | 'grant'): AuditStoryHead[];
}

export interface DocumentIndex {
  all(): DocumentRecord[];
  /** Documents of a kind; an http-exchange counts under its `bodyKind` too. */
  ofKind(kind: DocumentKind): DocumentRecord[];
  /** HTTP exchanges (captured curl -i / -v output, collect manifest entries). */
  exchanges(): DocumentRecord[];
}

export type TraceOutcome = 'ok' | 'client-error' | 'server-error' | 'denied' | 'unknown';

export interface TraceSummary {
  /** trace_id when known, else `req:<request_id>`. */
  id: string;
  traceId?: string;
  requestIds: string[];
  start: number | null;
  end: number | null;
  durationMs: number | null;
  outcome: TraceOutcome;
  /** HTTP status from the access line, the OAuth error code, and/or the SDK verdict. */
  status?: number;
  errorCode?: string;
  verdict?: string;
  method?: string;
  path?: string;
  recordCount: number;
  /** Distinct sources (streams) and origins involved. */
  sources: string[];
  origins: LogOrigin[];
}

export interface TimelineEntry {
  record: LogRecord | AuditRecord;
  /** ts corrected by the estimated clock offset of its source (ms), and the offset applied. */
  correctedTs: number | null;
  offsetMs: number;
  /** span parent/child nesting depth when span ids exist, else 0. */
  depth: number;
}

export interface TraceIndex {
  /** Failing traces first (server-error, denied, client-error with 404s last), then the rest, each by start time; at most `limit` when given. */
  list(limit?: number): TraceSummary[];
  get(id: string): TraceSummary | undefined;
  /** Find by trace id or request id. */
  find(id: string): TraceSummary | undefined;
  /** Full cross-source timeline of one trace, in corrected time order. Empty when its records were not retained. */
  timeline(id: string): TimelineEntry[];
  /**
   * Where every log line of a trace is (retained or not), from the compact per-record index, in time
   * order: enough to re-read the lines from the bundle when the timeline is incomplete.
   */
  locate?(id: string): RecordLocation[];
  total: number;
}

/** A log line's place and headline, kept for every record even when the record itself was not retained. */
export interface RecordLocation {
  file: string;
  line: number;
  offset: number;
  ts: number | null;
  level: Level;
  msg: string;
  source: string;
}

export interface ClockOffset {
  /** The source compared against the reference (usually the AuthPlane server). */
  source: string;
  reference: string;
  /** Estimated offset in ms: add it to `source` timestamps to get reference time. */
  offsetMs: number;
  /** Number of ordered pairs the estimate rests on. */
  pairs: number;
  evidence: { file: string; line: number; note: string }[];
}

export interface ConfigValue {
  key: string;
  value: string;
  /** Where it was set: `config.yaml:12`, `authplane.env:3`, `admin/system/config`, `starting authserver` log line. */
  from: string;
  file: string;
  line: number;
}

export interface ConfigView {
  /** Effective value of a YAML key (`server.issuer`), env vars mapped to their YAML key; env wins over YAML. */
  get(key: string): ConfigValue | undefined;
  all(): ConfigValue[];
  /** True when the bundle held any config (yaml, env, admin config). */
  present: boolean;
}

/** A server boot seen in the logs (`starting authserver`), with what happened around it. */
export interface BootEvent {
  source: string;
  file: string;
  line: number;
  ts: number | null;
  version?: string;
  issuer?: string;
  /** `no signing key found, generating` seen during this boot. */
  keyGenerated: boolean;
  keyGeneratedAt?: { file: string; line: number; ts: number | null };
}

export interface Model {
  bundle: BundleSummary;
  logs: LogIndex;
  http: HttpIndex;
  metrics: MetricIndex;
  audit: AuditIndex;
  documents: DocumentIndex;
  tokens: TokenRecord[];
  traces: TraceIndex;
  clock: ClockOffset[];
  config: ConfigView;
  boots: BootEvent[];
  /** Raw JWTs by fingerprint for signature checks; never rendered. */
  tokenVault: TokenVault;
  /** Options the model was built with (time window). */
  window: { since: number | null; until: number | null };
}
