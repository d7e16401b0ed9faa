// Compact storage of audit rows, dumped or rebuilt from `audit` / `audit event dropped` log lines:
// one entry per column (interned action/actor/client/ip/file, numeric times, trace ids as
// trace-graph nodes, created_at as numbers, details and ids as bytes), AuditRecord objects built on
// demand. A gigabyte bundle holds hundreds of thousands of log-copy rows, and an SQL export of the
// audit table as many dumped rows; as objects they took ~700 B each.
import type { AuditOrigin, AuditRecord, LogRecord } from '../ingest/index.ts';
import { parseAuditDetail } from './audit-detail.ts';
import { delta, i32, Interner, near16, u16w, u8 } from './columns.ts';
import { AUDIT_DROPPED_MSG, AUDIT_MSG } from './log-facts.ts';
import { stringHash, TextColumn } from './text-column.ts';
import { TimeTexts } from './time-text.ts';

/** Row origins as stored in the `origin` column. */
export const LOG_COPY = 0;
export const DROPPED = 1;
/** A row of an audit dump (the `audit_events` table). */
export const DUMP = 2;
const AUDIT_FAILED_MSG = 'failed to record audit event';

/** Where trace ids live as numbers (the trace graph): a known id's node, and its spelling. */
export interface TraceIdSpelling {
  /** Node of a trace id already seen, or -1. */
  traceNode(id: string): number;
  /** The id of a node, exactly as spelled. */
  name(node: number): string;
}

const NO_TRACE = -1;
/** Trace column values at or below this point into `otherTraces` (-2 is its row 0, -3 row 1, …). */
const OTHER_TRACE = -2;
const NO_ID = -1;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Audit rows rebuilt from log lines, stored by column. */
export class AuditColumns {
  /** Shared by action, actor, client, ip and file: the same few hundred values repeat on every row. */
  readonly dict = new Interner();
  readonly action = u16w();
  readonly actor = u16w();
  readonly client = u16w();
  readonly ip = u16w();
  readonly file = u16w();
  // Rows in file order are near in line number and time: 2 bytes each (columns.ts near16).
  readonly line = near16();
  readonly offset = delta();
  /** created_at as epoch ms; NaN when the line had no readable time. */
  readonly ts = near16();
  readonly origin = u8();
  private readonly details = new TextColumn();
  /** Trace-graph node of the row's trace id; NO_TRACE for none, OTHER_TRACE - k for row k of `otherTraces`. */
  private readonly trace = i32();
  /** Trace ids the graph does not hold (dumped rows of requests whose logs are not in the bundle). */
  private readonly otherTraces = new TextColumn();
  private readonly createdAts = new TimeTexts();
  /** Row of `idTexts` holding the persisted id (dumped rows, `audit event dropped` lines), or NO_ID. */
  private readonly idRef = i32();
  private readonly idTexts = new TextColumn();
  /** Dumped rows that came labelled with another origin than `dump` (hand-built records). */
  private readonly labels = new Map<number, AuditOrigin>();
  /** Rows stored by addDump. */
  dumped = 0;

  /** `traces` spells trace ids kept as numbers; without it every trace id is kept as a string. */
  constructor(private readonly traces?: TraceIdSpelling) {}

  get length(): number {
    return this.origin.length;
  }

  /** Store the audit row of an `audit` / `audit event dropped` line; false for other lines or no action. */
  add(r: LogRecord): boolean {
    const isCopy = r.msg === AUDIT_MSG;
    if (!isCopy && r.msg !== AUDIT_DROPPED_MSG && r.msg !== AUDIT_FAILED_MSG) return false;
    const a = r.attrs;
    const action = str(a.action);
    if (action === '') return false;
    const observed = isCopy ? '' : str(a.observed_at);
    const observedTs = observed ? Date.parse(observed) : Number.NaN;
    this.pushId(isCopy ? '' : str(a.id));
    this.action.push(this.dict.id(action));
    this.actor.push(this.dict.id(str(a.actor_id)));
    this.client.push(this.dict.id(str(a.client_id)));
    this.ip.push(this.dict.id(str(a.ip)));
    this.file.push(this.dict.id(r.file));
    this.line.push(r.line);
    this.offset.push(r.offset);
    this.ts.push(Number.isNaN(observedTs) ? r.ts ?? Number.NaN : observedTs);
    this.origin.push(isCopy ? LOG_COPY : DROPPED);
    this.details.push(str(a.detail));
    this.pushTrace(str(a.trace_id) || r.traceId || '');
    this.createdAts.push(observed || r.time || '');
    return true;
  }

  /** Store a dumped row (any dump shape, already an AuditRecord). */
  addDump(a: AuditRecord): void {
    const i = this.length;
    this.dumped++;
    if (a.origin !== 'dump') this.labels.set(i, a.origin);
    this.pushId(a.id);
    this.action.push(this.dict.id(a.action));
    this.actor.push(this.dict.id(a.actorId));
    this.client.push(this.dict.id(a.clientId));
    this.ip.push(this.dict.id(a.ip));
    this.file.push(this.dict.id(a.file));
    this.line.push(a.line);
    this.offset.push(a.offset);
    this.ts.push(a.ts ?? Number.NaN);
    this.origin.push(DUMP);
    this.details.push(a.detail);
    this.pushTrace(a.traceId);
    this.createdAts.push(a.createdAt);
  }

  private pushId(id: string): void {
    if (id === '') {
      this.idRef.push(NO_ID);
      return;
    }
    this.idRef.push(this.idTexts.length);
    this.idTexts.push(id);
  }

  private pushTrace(id: string): void {
    if (id === '') {
      this.trace.push(NO_TRACE);
      return;
    }
    const node = this.traces ? this.traces.traceNode(id) : -1;
    if (node >= 0) {
      this.trace.push(node);
      return;
    }
    this.trace.push(OTHER_TRACE - this.otherTraces.length);
    this.otherTraces.push(id);
  }

  /** The `detail` text of row i. */
  detail(i: number): string {
    return this.details.get(i);
  }

  /** The trace id of row i ('' for none). */
  traceId(i: number): string {
    const t = this.trace.get(i);
    if (t === NO_TRACE) return '';
    return t <= OTHER_TRACE ? this.otherTraces.get(OTHER_TRACE - t) : this.traces!.name(t);
  }

  /** created_at of row i as written ('' for none). */
  createdAt(i: number): string {
    return this.createdAts.get(i);
  }

  /** Row id: the persisted id of a dumped or dropped row, else `log:<file>:<line>`. */
  id(i: number): string {
    const k = this.idRef.get(i);
    if (k !== NO_ID) return this.idTexts.get(k);
    // A dumped row without an id keeps '' (as read); a log copy is named by its place.
    return this.origin.get(i) === DUMP ? '' : `log:${this.dict.values[this.file.get(i)]!}:${this.line.get(i)}`;
  }

  /** A number equal for rows with the same action, actor, client and detail (what makes a log copy the same event as a dumped row). */
  contentHash(i: number): number {
    return (Math.imul(this.action.get(i) + 1, 0x9e3779b1) ^ Math.imul(this.actor.get(i) + 1, 0x85ebca6b)
      ^ Math.imul(this.client.get(i) + 1, 0xc2b2ae35) ^ this.details.hash(i)) | 0;
  }

  /** True when rows i and j have the same action, actor, client and detail. */
  sameContent(i: number, j: number): boolean {
    return this.action.get(i) === this.action.get(j) && this.actor.get(i) === this.actor.get(j)
      && this.client.get(i) === this.client.get(j) && this.details.equals(i, j);
  }

  /** A number equal for rows with the same id(). */
  idHash(i: number): number {
    const k = this.idRef.get(i);
    if (k !== NO_ID) return this.idTexts.hash(k);
    return stringHash(this.id(i));
  }

  /** True when rows i and j have the same id(). */
  sameId(i: number, j: number): boolean {
    const a = this.idRef.get(i);
    const b = this.idRef.get(j);
    return a !== NO_ID && b !== NO_ID ? this.idTexts.equals(a, b) : this.id(i) === this.id(j);
  }

  /** Time of row i, null when unknown (as AuditRecord.ts). */
  time(i: number): number | null {
    const t = this.ts.get(i);
    return Number.isNaN(t) ? null : t;
  }

  /** The origin row i's AuditRecord carries. */
  originOf(i: number): AuditOrigin {
    const o = this.origin.get(i);
    return o === LOG_COPY ? 'log' : o === DROPPED ? 'dropped' : this.labels.get(i) ?? 'dump';
  }

  /** Build row i as an AuditRecord (a dumped row comes back as it was added). */
  record(i: number): AuditRecord {
    const v = this.dict.values;
    const detail = this.detail(i);
    const o = this.origin.get(i);
    const p = parseAuditDetail(detail);
    // Key order as each had it: the dump parser writes the word first.
    const parsed = o !== DUMP || p.detailWord === undefined ? p : { detailWord: p.detailWord, detailKv: p.detailKv };
    return {
      kind: 'audit', file: v[this.file.get(i)]!, line: this.line.get(i), offset: this.offset.get(i),
      id: this.id(i), action: v[this.action.get(i)]!, actorId: v[this.actor.get(i)]!, clientId: v[this.client.get(i)]!,
      ip: v[this.ip.get(i)]!, detail, ...parsed,
      traceId: this.traceId(i), createdAt: this.createdAt(i), ts: this.time(i),
      origin: this.originOf(i),
    };
  }
}
