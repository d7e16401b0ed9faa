// The audit trail: dump rows plus rows rebuilt from `audit` and `audit event dropped` log lines
// (reference §4.1), deduplicated (the dump wins), ordered by created_at, and grouped into stories.
import type { AuditRecord, LogRecord } from '../ingest/index.ts';
import { parseAuditDetail } from './audit-detail.ts';
import { AUDIT_DROPPED_MSG, AUDIT_MSG } from './log-facts.ts';
import type { AuditIndex, AuditStory } from './model.ts';
import { inWindow, type Window } from './window.ts';

/** A log copy within this distance of a dumped row with the same content is that row. */
const SAME_EVENT_MS = 2000;
const NOT_USERS = new Set(['', 'admin', 'system']);
type StoryKind = 'user' | 'client' | 'family' | 'grant';
/** Log attributes that carry each story's id. */
const LOG_KEYS: Record<StoryKind, string[]> = { user: ['user_id', 'sub'], client: ['client_id'], family: ['family_id'], grant: ['grant_id'] };

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Shares one copy of repeated short strings (actions, actor/client ids, IPs) across many rows. */
export type Intern = (s: string) => string;
const noIntern: Intern = (s) => s;

/** Rebuild an audit row from an `audit` / `audit event dropped` log line; undefined for other lines. */
export function auditFromLog(r: LogRecord, intern: Intern = noIntern): AuditRecord | undefined {
  const isCopy = r.msg === AUDIT_MSG;
  if (!isCopy && r.msg !== AUDIT_DROPPED_MSG && r.msg !== 'failed to record audit event') return undefined;
  const a = r.attrs;
  const action = str(a.action);
  if (action === '') return undefined;
  const detail = str(a.detail);
  const observed = isCopy ? undefined : str(a.observed_at) || undefined;
  const observedTs = observed ? Date.parse(observed) : Number.NaN;
  return {
    kind: 'audit', file: r.file, line: r.line, offset: r.offset,
    id: (!isCopy && str(a.id)) || `log:${r.file}:${r.line}`, action: intern(action),
    actorId: intern(str(a.actor_id)), clientId: intern(str(a.client_id)), ip: intern(str(a.ip)), detail, ...parseAuditDetail(detail),
    traceId: str(a.trace_id) || r.traceId || '',
    createdAt: observed ?? r.time ?? '', ts: Number.isNaN(observedTs) ? r.ts : observedTs,
    origin: isCopy ? 'log' : 'dropped',
  };
}

const contentKey = (a: AuditRecord): string => `${a.action}\u0000${a.actorId}\u0000${a.clientId}\u0000${a.detail}`;

/** Dedupe: dump rows by id; dropped rows unless dumped; log copies unless a dump/dropped row matches. */
export function dedupeAudit(rows: readonly AuditRecord[]): AuditRecord[] {
  const byId = new Set<string>();
  const out: AuditRecord[] = [];
  const anchors = new Map<string, { ts: number | null; used: boolean }[]>();
  for (const origin of ['dump', 'dropped'] as const) {
    for (const a of rows) {
      if (a.origin !== origin || byId.has(a.id)) continue;
      byId.add(a.id);
      out.push(a);
      const k = contentKey(a);
      const l = anchors.get(k);
      if (l) l.push({ ts: a.ts, used: false });
      else anchors.set(k, [{ ts: a.ts, used: false }]);
    }
  }
  for (const a of rows) {
    if (a.origin !== 'log') continue;
    const cands = anchors.get(contentKey(a));
    let best: { ts: number | null; used: boolean } | undefined;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const c of cands ?? []) {
      if (c.used) continue;
      const gap = c.ts === null || a.ts === null ? SAME_EVENT_MS : Math.abs(c.ts - a.ts);
      if (gap <= SAME_EVENT_MS && gap < bestGap) {
        best = c;
        bestGap = gap;
      }
    }
    if (best) best.used = true;
    else out.push(a);
  }
  return out;
}

/** Story keys an audit row belongs to. */
function storyKeys(a: AuditRecord): string[] {
  const keys: string[] = [];
  if (!NOT_USERS.has(a.actorId) && a.actorId !== a.clientId) keys.push(`user:${a.actorId}`);
  if (a.clientId !== '') keys.push(`client:${a.clientId}`);
  if (a.detailKv.family) keys.push(`family:${a.detailKv.family}`);
  if (a.detailKv.grant_id) keys.push(`grant:${a.detailKv.grant_id}`);
  return keys;
}

/** Build the AuditIndex over the window; story logs come from the retained records. */
export function buildAudit(rows: readonly AuditRecord[], w: Window, logs: readonly LogRecord[]): AuditIndex {
  const hasDump = rows.some((a) => a.origin === 'dump');
  const kept = dedupeAudit(rows.filter((a) => inWindow(w, a.ts)));
  const sorted = kept.map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.ts ?? Infinity) - (y.a.ts ?? Infinity) || x.i - y.i).map((x) => x.a);
  let stories: Map<string, AuditStory> | undefined;
  const build = (): Map<string, AuditStory> => {
    const m = new Map<string, AuditStory>();
    for (const a of sorted) {
      for (const k of storyKeys(a)) {
        const s = m.get(k);
        if (s) s.rows.push(a);
        else m.set(k, { key: k, rows: [a], logs: [] });
      }
    }
    for (const r of logs) {
      if (r.msg === AUDIT_MSG || r.msg === AUDIT_DROPPED_MSG) continue;
      for (const kind of Object.keys(LOG_KEYS) as StoryKind[]) {
        for (const attr of LOG_KEYS[kind]) {
          const v = r.attrs[attr];
          if (typeof v !== 'string' || v === '') continue;
          const s = m.get(`${kind}:${v}`);
          if (s && s.logs[s.logs.length - 1] !== r) s.logs.push(r);
        }
      }
    }
    return m;
  };
  return {
    rows: () => [...sorted],
    byAction: (action) => sorted.filter((a) => (typeof action === 'string' ? a.action === action : action.test(a.action))),
    stories(kind) {
      stories ??= build();
      return [...stories.values()].filter((s) => kind === undefined || s.key.startsWith(`${kind}:`));
    },
    story(key) {
      stories ??= build();
      return stories.get(key);
    },
    hasDump,
  };
}
