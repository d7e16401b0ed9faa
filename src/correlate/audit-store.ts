// Compact storage of audit rows rebuilt from `audit` / `audit event dropped` log lines: one entry
// per column (interned action/actor/client/ip/file, numeric times, trace ids as trace-graph nodes,
// created_at as numbers, details as bytes), AuditRecord objects built on demand. A gigabyte bundle
// holds hundreds of thousands of these rows; as objects they were half the live heap.
import type { AuditRecord, LogRecord } from '../ingest/index.ts';
import { parseAuditDetail } from './audit-detail.ts';
import { delta, i32, Interner, u16w, u32, u8 } from './columns.ts';
import { AUDIT_DROPPED_MSG, AUDIT_MSG } from './log-facts.ts';
import { TextColumn } from './text-column.ts';
import { TimeTexts } from './time-text.ts';

/** Row origins as stored in the `origin` column. */
export const LOG_COPY = 0;
export const DROPPED = 1;
const AUDIT_FAILED_MSG = 'failed to record audit event';

/** Where trace ids live as numbers (the trace graph): a known id's node, and its spelling. */
export interface TraceIdSpelling {
  /** Node of a trace id already seen, or -1. */
  traceNode(id: string): number;
  /** The id of a node, exactly as spelled. */
  name(node: number): string;
}

const NO_TRACE = -1;
const OTHER_TRACE = -2;

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
  readonly line = u32();
  readonly offset = delta();
  /** created_at as epoch ms; NaN when the line had no readable time. */
  readonly ts = delta();
  readonly origin = u8();
  private readonly details = new TextColumn();
  /** Trace-graph node of the row's trace id; NO_TRACE for none, OTHER_TRACE for one in `otherTraces`. */
  private readonly trace = i32();
  private readonly otherTraces = new Map<number, string>();
  private readonly createdAts = new TimeTexts();
  /** The persisted row id that `audit event dropped` lines carry (log copies have none). */
  private readonly ids = new Map<number, string>();

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
    const i = this.length;
    if (!isCopy && str(a.id) !== '') this.ids.set(i, str(a.id));
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
    this.pushTrace(i, str(a.trace_id) || r.traceId || '');
    this.createdAts.push(observed || r.time || '');
    return true;
  }

  private pushTrace(i: number, id: string): void {
    if (id === '') {
      this.trace.push(NO_TRACE);
      return;
    }
    const node = this.traces ? this.traces.traceNode(id) : -1;
    if (node >= 0) {
      this.trace.push(node);
      return;
    }
    this.trace.push(OTHER_TRACE);
    this.otherTraces.set(i, id);
  }

  /** The `detail` text of row i. */
  detail(i: number): string {
    return this.details.get(i);
  }

  /** The trace id of row i ('' for none). */
  traceId(i: number): string {
    const t = this.trace.get(i);
    if (t === NO_TRACE) return '';
    return t === OTHER_TRACE ? this.otherTraces.get(i)! : this.traces!.name(t);
  }

  /** created_at of row i as written ('' for none). */
  createdAt(i: number): string {
    return this.createdAts.get(i);
  }

  /** Row id: the persisted id of a dropped row, else `log:<file>:<line>`. */
  id(i: number): string {
    return this.ids.get(i) ?? `log:${this.dict.values[this.file.get(i)]!}:${this.line.get(i)}`;
  }

  /** `action \0 actor \0 client \0 detail`: what makes a log copy the same event as a dumped row. */
  contentKey(i: number): string {
    const v = this.dict.values;
    return `${v[this.action.get(i)]!}\u0000${v[this.actor.get(i)]!}\u0000${v[this.client.get(i)]!}\u0000${this.detail(i)}`;
  }

  /** Time of row i, null when unknown (as AuditRecord.ts). */
  time(i: number): number | null {
    const t = this.ts.get(i);
    return Number.isNaN(t) ? null : t;
  }

  /** Build row i as an AuditRecord. */
  record(i: number): AuditRecord {
    const v = this.dict.values;
    const detail = this.detail(i);
    return {
      kind: 'audit', file: v[this.file.get(i)]!, line: this.line.get(i), offset: this.offset.get(i),
      id: this.id(i), action: v[this.action.get(i)]!, actorId: v[this.actor.get(i)]!, clientId: v[this.client.get(i)]!,
      ip: v[this.ip.get(i)]!, detail, ...parseAuditDetail(detail),
      traceId: this.traceId(i), createdAt: this.createdAt(i), ts: this.time(i),
      origin: this.origin.get(i) === LOG_COPY ? 'log' : 'dropped',
    };
  }
}
