// The audit trail: dump rows plus rows rebuilt from `audit` and `audit event dropped` log lines
// (reference §4.1), deduplicated (the dump wins), ordered by created_at, and grouped into stories.
// All rows stay in columns (audit-store.ts); AuditRecord objects are built when asked for.
import type { AuditRecord, LogRecord } from '../ingest/index.ts';
import { dedupe } from './audit-dedupe.ts';
import { parseAuditDetail } from './audit-detail.ts';
import type { AuditColumns } from './audit-store.ts';
import { buildStories, type StoryIndex } from './audit-stories.ts';
import type { AuditIndex, AuditRowView, AuditStory, AuditStoryHead } from './model.ts';
import { sortByKeys } from './sort-index.ts';
import { stringHash } from './text-column.ts';
import type { Window } from './window.ts';

/** What correlate itself reads besides the index, without building every row. */
export interface AuditInternals {
  /** Dump and dropped rows whose trace id is one of `traceIds`, in rows() order (log copies never carry a persisted trace link). */
  persistedFor(traceIds: ReadonlySet<string>): AuditRecord[];
  /** Earliest and latest known row time, or null. */
  span(): { from: number; to: number } | null;
}

/** Build the AuditIndex over the window from the audit columns; story logs come from the retained records. */
export function buildAudit(cols: AuditColumns, w: Window, logs: readonly LogRecord[]): { index: AuditIndex; internals: AuditInternals } {
  const hasDump = cols.dumped > 0;
  const tsOf = (row: number): number => cols.time(row) ?? Infinity;
  const kept = dedupe(cols, w);
  // Ordered by created_at (rows without one last), then as kept.
  const times = new Float64Array(kept.length);
  const order = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    times[k] = tsOf(kept[k]!);
    order[k] = k;
  }
  sortByKeys(order, times, times);
  const sorted = order.map((k) => kept[k]!);

  // Rows are built on the first query and kept: later queries (each TUI render asks for rows())
  // must not rebuild them, and the rules phase, which sets the peak, needs them all anyway.
  let cache: (AuditRecord | undefined)[] | undefined;
  const built = (): (AuditRecord | undefined)[] => (cache ??= new Array<AuditRecord | undefined>(sorted.length));
  const at = (arr: (AuditRecord | undefined)[], pos: number): AuditRecord => {
    return (arr[pos] ??= cols.record(sorted[pos]!));
  };
  const pick = (positions: Iterable<number>): AuditRecord[] => {
    const arr = built();
    const out: AuditRecord[] = [];
    for (const p of positions) out.push(at(arr, p));
    return out;
  };
  const all = function* (): Generator<number> {
    for (let p = 0; p < sorted.length; p++) yield p;
  };

  // Each walk gets its own view, so a callback that starts another walk cannot move it.
  const newView = (): RowView => new RowView(cols, sorted, (p) => at(built(), p));
  /** Rows whose view passes `pred`, built (and cached) as AuditRecords. */
  const where = (pred: (row: AuditRowView) => boolean): AuditRecord[] => {
    const view = newView();
    const hits: number[] = [];
    for (let p = 0; p < sorted.length; p++) if (pred(view.at(p))) hits.push(p);
    return pick(hits);
  };

  let storyIndex: StoryIndex | undefined;
  const stories = (): StoryIndex => (storyIndex ??= buildStories(cols, sorted, logs));
  const story = (st: StoryIndex, s: number): AuditStory => ({ key: st.key(s), rows: pick(st.positions(s)), logs: [...st.logs(s)] });
  const timeAt = (p: number): number | null => {
    const ts = tsOf(sorted[p]!);
    return ts === Infinity ? null : ts;
  };
  const actionsOf = (st: StoryIndex, s: number): string[] => {
    const view = newView();
    return [...new Set(st.positions(s).map((p) => view.at(p).action))];
  };

  /** Positions of the rows with an action, each distinct action tested once; no row is built. */
  const positionsOf = (action: string | RegExp): number[] => {
    const memo = new Map<number, boolean>();
    const matches = (s: string): boolean => (typeof action === 'string' ? s === action : action.test(s));
    const hits: number[] = [];
    for (let p = 0; p < sorted.length; p++) {
      const id = cols.action.get(sorted[p]!);
      let hit = memo.get(id);
      if (hit === undefined) memo.set(id, (hit = matches(cols.dict.values[id]!)));
      if (hit) hits.push(p);
    }
    return hits;
  };

  const index: AuditIndex = {
    rows: () => pick(all()),
    byAction: (action) => pick(positionsOf(action)),
    countByAction: (action) => positionsOf(action).length,
    stories(kind) {
      const st = stories();
      const out: AuditStory[] = [];
      for (let i = 0; i < st.size; i++) if (kind === undefined || st.kind(i) === kind) out.push(story(st, i));
      return out;
    },
    story(key) {
      const st = stories();
      const i = st.find(key);
      return i < 0 ? undefined : story(st, i);
    },
    hasDump,
    count: () => sorted.length,
    scan(visit) {
      const view = newView();
      for (let p = 0; p < sorted.length; p++) visit(view.at(p));
    },
    where,
    identities: (wanted) => identities(newView(), sorted.length, wanted),
    clientIds() {
      const ids = new Set<number>();
      for (const row of sorted) ids.add(cols.client.get(row));
      return [...ids].map((id) => cols.dict.values[id]!).filter((v) => v !== '');
    },
    storyHeads(kind) {
      const st = stories();
      const out: AuditStoryHead[] = [];
      for (let i = 0; i < st.size; i++) if (kind === undefined || st.kind(i) === kind) out.push(new StoryHead(st, i, timeAt, actionsOf));
      return out;
    },
  };
  // Dump and dropped rows with a trace id, by the id's hash (built on the first timeline asked for).
  let byTrace: { hash: Float64Array; pos: Int32Array; order: Int32Array } | undefined;
  const traceIndex = (): { hash: Float64Array; pos: Int32Array; order: Int32Array } => {
    const pos: number[] = [];
    const hashes: number[] = [];
    for (let p = 0; p < sorted.length; p++) {
      if (cols.originOf(sorted[p]!) === 'log') continue;
      const id = cols.traceId(sorted[p]!);
      if (id === '') continue;
      pos.push(p);
      hashes.push(stringHash(id));
    }
    const hash = Float64Array.from(hashes);
    const order = sortByKeys(Int32Array.from(pos, (_, k) => k), hash, hash);
    return { hash, pos: Int32Array.from(pos), order };
  };
  const internals: AuditInternals = {
    persistedFor(traceIds) {
      const ix = (byTrace ??= traceIndex());
      const hits: number[] = [];
      for (const id of traceIds) {
        const h = stringHash(id);
        // First entry with this hash, then each one while the hash holds.
        let lo = 0;
        let hi = ix.hash.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ix.hash[ix.order[mid]!]! < h) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < ix.hash.length && ix.hash[ix.order[k]!] === h; k++) {
          const p = ix.pos[ix.order[k]!]!;
          if (cols.traceId(sorted[p]!) === id) hits.push(p);
        }
      }
      return pick([...new Set(hits)].sort((a, b) => a - b));
    },
    span() {
      let from = Infinity;
      let to = -Infinity;
      for (const ref of sorted) {
        const t = tsOf(ref);
        if (t === Infinity) continue;
        if (t < from) from = t;
        if (t > to) to = t;
      }
      return Number.isFinite(from) ? { from, to } : null;
    },
  };
  return { index, internals };
}

/** Reads row `pos` of the trail from the columns, without building an AuditRecord. */
class RowView implements AuditRowView {
  #row = 0;
  #pos = 0;
  #kv: Record<string, string> | undefined;
  constructor(
    private readonly cols: AuditColumns,
    private readonly sorted: Int32Array,
    private readonly build: (pos: number) => AuditRecord,
  ) {}

  /** Point the view at position `pos` (in rows() order) and return it. */
  at(pos: number): this {
    this.#pos = pos;
    this.#row = this.sorted[pos]!;
    this.#kv = undefined;
    return this;
  }

  get action(): string {
    return this.cols.dict.values[this.cols.action.get(this.#row)]!;
  }

  get actorId(): string {
    return this.cols.dict.values[this.cols.actor.get(this.#row)]!;
  }

  get clientId(): string {
    return this.cols.dict.values[this.cols.client.get(this.#row)]!;
  }

  get detail(): string {
    return this.cols.detail(this.#row);
  }

  get detailKv(): Record<string, string> {
    return (this.#kv ??= parseAuditDetail(this.cols.detail(this.#row)).detailKv);
  }

  get ts(): number | null {
    return this.cols.time(this.#row);
  }

  record(): AuditRecord {
    return this.build(this.#pos);
  }
}

/** Distinct details remembered at most; past that a detail may be yielded again (harmless, only slower). */
const MAX_SEEN_DETAILS = 100_000;

/** Distinct keys whose `wanted` answer is remembered. */
const MAX_KEY_MEMO = 10_000;

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Whether a detail may hold a pair with a wanted key. A pair's key (`(\w+)=`) is always the whole
 * run of word characters just before an `=`, so checking those runs never misses one.
 */
function mayHoldWanted(d: string, wanted: (key: string) => boolean, memo: Map<string, boolean>): boolean {
  for (let i = d.indexOf('='); i >= 0; i = d.indexOf('=', i + 1)) {
    let j = i;
    while (j > 0 && isWordChar(d.charCodeAt(j - 1))) j--;
    if (j === i) continue;
    const key = d.slice(j, i);
    let ok = memo.get(key);
    if (ok === undefined) {
      ok = wanted(key);
      if (memo.size < MAX_KEY_MEMO) memo.set(key, ok);
    }
    if (ok) return true;
  }
  return false;
}

/** AuditIndex.identities(): each new actor id, then each new detail's (wanted) pairs, row by row. */
function* identities(view: RowView, n: number, wanted?: (key: string) => boolean): Generator<[string, string]> {
  const actors = new Set<string>();
  const details = new Set<string>();
  const keyMemo = new Map<string, boolean>();
  const wantActors = !wanted || wanted('actor_id');
  for (let p = 0; p < n; p++) {
    const v = view.at(p);
    const actor = v.actorId;
    const d = v.detail;
    // Cheap checks first: most details repeat, or hold only keys nobody wants (family=, jti=).
    const isNewDetail = d !== '' && !details.has(d) && (!wanted || mayHoldWanted(d, wanted, keyMemo));
    let pairs = isNewDetail ? Object.entries(v.detailKv) : undefined;
    if (pairs && wanted) pairs = pairs.filter(([k]) => wanted(k));
    if (wantActors && !actors.has(actor)) {
      actors.add(actor);
      yield ['actor_id', actor];
    }
    if (!pairs) continue;
    if (details.size >= MAX_SEEN_DETAILS) details.clear();
    details.add(d);
    yield* pairs;
  }
}

/** A story's head; its key and span are read when shown (the list holds ~290 k at 1 GB, a screen shows 40). */
class StoryHead implements AuditStoryHead {
  readonly rows: number;
  constructor(
    private readonly st: StoryIndex,
    private readonly s: number,
    private readonly timeAt: (pos: number) => number | null,
    private readonly actionsOf: (st: StoryIndex, s: number) => string[],
  ) {
    this.rows = st.rowCount(s);
  }

  get key(): string {
    return this.st.key(this.s);
  }

  get logs(): number {
    return this.st.logs(this.s).length;
  }

  get first(): number | null {
    return this.timeAt(this.st.firstPos(this.s));
  }

  get last(): number | null {
    return this.timeAt(this.st.lastPos(this.s));
  }

  actions(): string[] {
    return this.actionsOf(this.st, this.s);
  }
}
