// Shapes shared by the sample generator: log events before rendering, streams, deployment setup, scenarios.
import type { SampleKey } from './keys.ts';
import type { World } from './world.ts';

export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
/** An ordered key/value pair: slog keeps call-site order, so attributes are a list, not an object. */
export type Attr = readonly [string, unknown];

/** One log event before rendering. `raw` lines (fatal errors, console output) are written verbatim. */
export interface LogLine {
  t: number;
  /** Sub-millisecond nanoseconds, so JSON times are not all whole milliseconds. */
  nanos: number;
  level: Level;
  msg: string;
  attrs: Attr[];
  raw?: string;
  /** Written to stderr (matters for docker json-file and CRI wrappers). */
  stderr?: boolean;
  /** Python logger name / TS stream tag. */
  logger?: string;
  /** Split by the CRI runtime into a `P` partial line and its `F` rest. */
  partial?: boolean;
}

/** How a stream's lines are written: the inner format of each line. */
export type LogFormat = 'slog-json' | 'slog-text' | 'python' | 'python-json' | 'console';
/** The container-log wrapper around each line. */
export type Wrapper = 'none' | 'kubectl' | 'docker-json' | 'cri' | 'journald' | 'compose';

export interface Stream {
  /** Path inside the bundle; streams sharing a file (compose) are merged by time. */
  file: string;
  format: LogFormat;
  wrapper: Wrapper;
  /** kubectl `[pod/<pod>/<container>]`, compose `<container>  | `, journald `_HOSTNAME`. */
  pod: string;
  container: string;
  lines: LogLine[];
}

export type Deployment = 'k8s' | 'k8s-cri' | 'compose' | 'docker' | 'systemd';
export type McpKind = 'go' | 'python' | 'python-json' | 'ts';
export type AuditFormat = 'array' | 'array-pretty' | 'envelope' | 'ndjson' | 'csv';
export type Packaging = 'tgz' | 'zip' | 'dir';

/** Deployment knobs the background traffic and documents are built from. */
export interface Setup {
  issuer: string;
  /** The MCP server's resource URI (RFC 8707), also the token audience. */
  resource: string;
  version: string;
  deployment: Deployment;
  logFormat: 'slog-json' | 'slog-text';
  tracing: boolean;
  pods: number;
  mcp: McpKind;
  audit: AuditFormat;
  packaging: Packaging;
  /** Minutes after BASE at which /metrics was scraped (two or more). */
  snapshots: number[];
  /** Signing keys in the JWKS, current first. */
  keys: SampleKey[];
  storage: 'postgres' | 'sqlite';
  scopes: string[];
  /** Traffic multiplier (1 = a modest hour). */
  rate: number;
  /** Minutes after BASE when the bundle was collected (documents captured). */
  collectedAt: number;
  /** Fixed replica-set hash for pod names (optional). */
  replicaSet?: string;
}

/** The contract of one sample's expected.json. */
export interface Expected {
  scenario: string;
  description: string;
  must_report: string[];
  primary: string | null;
  must_not_report: string[];
  healthy: boolean;
  secrets: string[];
  must_survive: string[];
}

/** A scenario: a small description applied on top of the shared background hour. */
export interface Scenario {
  name: string;
  seed: number;
  /** What is broken (README, expected.json description). */
  broken: string;
  /** What a user sees. */
  symptom: string;
  /** Marks the seed checklist's own examples in the README. */
  checklist?: boolean;
  setup?: Partial<Setup>;
  must_report: string[];
  primary: string | null;
  must_not_report: string[];
  healthy?: boolean;
  /** Runs before the background hour: set hooks, down periods, key timelines. */
  prepare?(w: World): void | Promise<void>;
  /** Inject the failure: log lines, metric deltas, audit rows, document changes, captures. */
  apply?(w: World): void | Promise<void>;
}
