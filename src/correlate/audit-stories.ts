// Groups the audit trail into stories (per user, client, token family, broker grant) without
// building rows or one object per story: a gigabyte bundle has ~290 k stories, most of them a
// family of one to a few rows. Each story is a number; its rows are a chain through typed arrays.
import type { LogRecord } from '../ingest/index.ts';
import type { AuditColumns } from './audit-store.ts';
import { AUDIT_DROPPED_MSG, AUDIT_MSG } from './log-facts.ts';

/** Story kinds, in the order a row joins them. */
export const KINDS = ['user', 'client', 'family', 'grant'] as const;
export type StoryKind = (typeof KINDS)[number];
const USER = 0;
const CLIENT = 1;
const FAMILY = 2;
const GRANT = 3;

const NOT_USERS = new Set(['', 'admin', 'system']);
/** Log attributes that carry each kind's id. */
const LOG_KEYS: readonly (readonly string[])[] = [['user_id', 'sub'], ['client_id'], ['family_id'], ['grant_id']];
/** The audit detail's pairs (reference §4.1), as parseAuditDetail reads them. */
const KV = /(\w+)=(\S+)/g;

/** The story index: story `s` (0-based, in first-seen order) and its rows' positions in rows() order. */
export interface StoryIndex {
  /** Number of stories. */
  size: number;
  kind(s: number): StoryKind;
  key(s: number): string;
  /** The story with this key (`family:<id>` …), or -1. */
  find(key: string): number;
  rowCount(s: number): number;
  /** Positions of the story's rows, ascending. */
  positions(s: number): number[];
  firstPos(s: number): number;
  lastPos(s: number): number;
  /** Retained log records that share the story's id. */
  logs(s: number): readonly LogRecord[];
}

/** Growable int list (story attributes). */
class Ints {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** Family and grant ids of a detail text: the last `family=` / `grant_id=` pair, as parseAuditDetail keeps. */
function detailIds(detail: string): [string | undefined, string | undefined] {
  let family: string | undefined;
  let grant: string | undefined;
  KV.lastIndex = 0;
  for (let m = KV.exec(detail); m !== null; m = KV.exec(detail)) {
    if (m[1] === 'family') family = m[2];
    else if (m[1] === 'grant_id') grant = m[2];
  }
  return [family, grant];
}

/** Group the column rows at `sorted` and the retained logs into stories. */
export function buildStories(cols: AuditColumns, sorted: Int32Array, logs: readonly LogRecord[]): StoryIndex {
  const n = sorted.length;
  // next[kind][p]: the position of the story's next row after p, or -1.
  const next = KINDS.map(() => new Int32Array(n).fill(-1));
  const byValue = KINDS.map(() => new Map<string, number>());
  const kindOf = new Ints();
  const value: string[] = [];
  const first = new Ints();
  const last = new Ints();
  const count = new Ints();
  /** Append row p to story s. */
  const append = (s: number, p: number): number => {
    next[kindOf.a[s]!]![last.a[s]!] = p;
    last.a[s] = p;
    count.a[s]!++;
    return s;
  };
  /** Append row p to the story of this kind and id, opening it when new. */
  const join = (kind: number, v: string, p: number): number => {
    const s = byValue[kind]!.get(v);
    if (s !== undefined) return append(s, p);
    byValue[kind]!.set(v, value.length);
    value.push(v);
    kindOf.push(kind);
    first.push(p);
    last.push(p);
    count.push(1);
    return value.length - 1;
  };
  // Column rows repeat a few hundred actors and clients: remember each interned id's story.
  const userOf = new Map<number, number>();
  const clientOf = new Map<number, number>();
  const dict = cols.dict.values;
  for (let p = 0; p < n; p++) {
    const ref = sorted[p]!;
    const actor = cols.actor.get(ref);
    const client = cols.client.get(ref);
    // One dictionary for actors and clients, so equal ids are equal strings.
    if (actor !== client && !NOT_USERS.has(dict[actor]!)) {
      const s = userOf.get(actor);
      if (s === undefined) userOf.set(actor, join(USER, dict[actor]!, p));
      else append(s, p);
    }
    if (dict[client] !== '') {
      const s = clientOf.get(client);
      if (s === undefined) clientOf.set(client, join(CLIENT, dict[client]!, p));
      else append(s, p);
    }
    const detail = cols.detail(ref);
    // Cheap check first: most details (a jti, scopes, nothing) hold neither id.
    if (!detail.includes('family=') && !detail.includes('grant_id=')) continue;
    const [family, grant] = detailIds(detail);
    if (family) join(FAMILY, family, p);
    if (grant) join(GRANT, grant, p);
  }

  const storyLogs = new Map<number, LogRecord[]>();
  for (const r of logs) {
    if (r.msg === AUDIT_MSG || r.msg === AUDIT_DROPPED_MSG) continue;
    for (let k = 0; k < LOG_KEYS.length; k++) {
      for (const attr of LOG_KEYS[k]!) {
        const v = r.attrs[attr];
        if (typeof v !== 'string' || v === '') continue;
        const s = byValue[k]!.get(v);
        if (s === undefined) continue;
        const l = storyLogs.get(s);
        if (!l) storyLogs.set(s, [r]);
        else if (l[l.length - 1] !== r) l.push(r);
      }
    }
  }

  return {
    size: value.length,
    kind: (s) => KINDS[kindOf.a[s]!]!,
    key: (s) => `${KINDS[kindOf.a[s]!]!}:${value[s]!}`,
    find(key) {
      const colon = key.indexOf(':');
      const k = KINDS.indexOf(key.slice(0, colon) as StoryKind);
      return k < 0 ? -1 : byValue[k]!.get(key.slice(colon + 1)) ?? -1;
    },
    rowCount: (s) => count.a[s]!,
    positions(s) {
      const out: number[] = [];
      const chain = next[kindOf.a[s]!]!;
      for (let p = first.a[s]!; p >= 0; p = chain[p]!) out.push(p);
      return out;
    },
    firstPos: (s) => first.a[s]!,
    lastPos: (s) => last.a[s]!,
    logs: (s) => storyLogs.get(s) ?? [],
  };
}
