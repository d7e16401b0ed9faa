// One index of the retained log records per analysis, shared by every rule: records grouped by their
// searchable text and by msg, so a rule's patterns run once per distinct text, not once per record.
import type { Model } from '../../correlate/index.ts';
import type { LogOrigin, LogRecord } from '../../ingest/index.ts';
import { logText } from './log-text.ts';

/** Records that share one searchable text (most retained lines repeat a handful of messages). */
interface TextGroup {
  text: string;
  /** `text` lower-cased once, for the rules' cheap substring hints. */
  lower: string;
  /** Positions in `records()`, ascending. */
  at: number[];
}

interface Built {
  records: readonly LogRecord[];
  groups: TextGroup[];
  /** Positions of the records of each msg, ascending. */
  byMsg: Map<string, number[]>;
}

/** Keyed by the model's LogIndex: built on the first query of an analysis, dropped with the model. */
const cache = new WeakMap<object, Built>();

function build(model: Model): Built {
  const records = model.logs.records();
  const byText = new Map<string, TextGroup>();
  const byMsg = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const text = logText(r);
    const g = byText.get(text);
    if (g) g.at.push(i);
    else byText.set(text, { text, lower: text.toLowerCase(), at: [i] });
    const m = byMsg.get(r.msg);
    if (m) m.push(i);
    else byMsg.set(r.msg, [i]);
  }
  return { records, groups: [...byText.values()], byMsg };
}

function indexOf(model: Model): Built {
  let b = cache.get(model.logs);
  if (!b) cache.set(model.logs, (b = build(model)));
  return b;
}

/** Records at the union of some position lists, in record order. */
function gather(b: Built, lists: readonly (readonly number[])[]): LogRecord[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0]!.map((p) => b.records[p]!);
  let n = 0;
  for (const l of lists) n += l.length;
  const all = new Int32Array(n);
  let k = 0;
  for (const l of lists) for (const p of l) all[k++] = p;
  return Array.from(all.sort(), (p) => b.records[p]!);
}

/**
 * What a text test answers: false (no record with this text), true (every one), or which of the
 * records with this text to keep (e.g. by origin).
 */
export type TextVerdict = boolean | ((r: LogRecord) => boolean);

/**
 * Retained records whose searchable text (`logText`) passes `test`, in record order. `test` sees
 * each distinct text once, with its lower-cased form for the cheap substring checks.
 */
export function logsWhereText(model: Model, test: (text: string, lower: string) => TextVerdict): LogRecord[] {
  const b = indexOf(model);
  const hits: number[][] = [];
  for (const g of b.groups) {
    const v = test(g.text, g.lower);
    if (v === true) hits.push(g.at);
    else if (v !== false) {
      const kept = g.at.filter((p) => v(b.records[p]!));
      if (kept.length) hits.push(kept);
    }
  }
  return gather(b, hits);
}

/** A verdict keeping only records of these origins (every record when `origins` is undefined). */
export function ofOrigins(origins: readonly LogOrigin[] | undefined): TextVerdict {
  return origins ? (r) => origins.includes(r.origin) : true;
}

/** Retained records whose msg is exactly one of `msgs` or starts with one of `prefixes`, in record order. */
export function logsWithMsg(model: Model, msgs: readonly string[], prefixes: readonly string[] = []): LogRecord[] {
  const b = indexOf(model);
  const hits: number[][] = [];
  if (prefixes.length === 0) {
    for (const m of new Set(msgs)) {
      const at = b.byMsg.get(m);
      if (at) hits.push(at);
    }
  } else {
    const exact = new Set(msgs);
    for (const [m, at] of b.byMsg) if (exact.has(m) || prefixes.some((p) => m.startsWith(p))) hits.push(at);
  }
  return gather(b, hits);
}
