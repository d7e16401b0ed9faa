// Compact storage of audit rows rebuilt from `audit` / `audit event dropped` log lines: one entry
// per column (interned action/actor/client/ip/file, numeric times), AuditRecord objects built on demand.
// A gigabyte bundle holds hundreds of thousands of these rows; as objects they were half the live heap.
import type { AuditRecord, LogRecord } from '../ingest/index.ts';
import { parseAuditDetail } from './audit-detail.ts';
import { f64, i32, Interner, u8 } from './columns.ts';
import { AUDIT_DROPPED_MSG, AUDIT_MSG } from './log-facts.ts';

/** Row origins as stored in the `origin` column. */
export const LOG_COPY = 0;
export const DROPPED = 1;
const AUDIT_FAILED_MSG = 'failed to record audit event';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Audit rows rebuilt from log lines, stored by column. */
export class AuditColumns {
  /** Shared by action, actor, client, ip and file: the same few hundred values repeat on every row. */
  readonly dict = new Interner();
  readonly action = i32();
  readonly actor = i32();
  readonly client = i32();
  readonly ip = i32();
  readonly file = i32();
  readonly line = i32();
  readonly offset = f64();
  /** created_at as epoch ms; NaN when the line had no readable time. */
  readonly ts = f64();
  readonly origin = u8();
  readonly detail: string[] = [];
  readonly traceId: string[] = [];
  readonly createdAt: string[] = [];
  /** The persisted row id that `audit event dropped` lines carry (log copies have none). */
  private readonly ids = new Map<number, string>();

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
    this.detail.push(str(a.detail));
    this.traceId.push(str(a.trace_id) || r.traceId || '');
    this.createdAt.push(observed || r.time || '');
    return true;
  }

  /** Row id: the persisted id of a dropped row, else `log:<file>:<line>`. */
  id(i: number): string {
    return this.ids.get(i) ?? `log:${this.dict.values[this.file.get(i)]!}:${this.line.get(i)}`;
  }

  /** `action \0 actor \0 client \0 detail`: what makes a log copy the same event as a dumped row. */
  contentKey(i: number): string {
    const v = this.dict.values;
    return `${v[this.action.get(i)]!}\u0000${v[this.actor.get(i)]!}\u0000${v[this.client.get(i)]!}\u0000${this.detail[i]!}`;
  }

  /** Time of row i, null when unknown (as AuditRecord.ts). */
  time(i: number): number | null {
    const t = this.ts.get(i);
    return Number.isNaN(t) ? null : t;
  }

  /** Build row i as an AuditRecord. */
  record(i: number): AuditRecord {
    const v = this.dict.values;
    const detail = this.detail[i]!;
    return {
      kind: 'audit', file: v[this.file.get(i)]!, line: this.line.get(i), offset: this.offset.get(i),
      id: this.id(i), action: v[this.action.get(i)]!, actorId: v[this.actor.get(i)]!, clientId: v[this.client.get(i)]!,
      ip: v[this.ip.get(i)]!, detail, ...parseAuditDetail(detail),
      traceId: this.traceId[i]!, createdAt: this.createdAt[i]!, ts: this.time(i),
      origin: this.origin.get(i) === LOG_COPY ? 'log' : 'dropped',
    };
  }
}
