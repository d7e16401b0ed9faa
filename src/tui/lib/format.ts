// Small text helpers for fixed-width terminal columns.

/** Cut `s` to `width` columns with an ellipsis, or pad it with spaces to exactly `width`. */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  const flat = s.replace(/[\r\n\t]+/g, ' ');
  if (flat.length > width) return width === 1 ? '…' : `${flat.slice(0, width - 1)}…`;
  return flat.padEnd(width);
}

/** Epoch ms as `HH:MM:SS.mmm` (UTC), or dashes. */
export function clock(ts: number | null | undefined): string {
  if (ts == null || Number.isNaN(ts)) return '--:--:--.---';
  return new Date(ts).toISOString().slice(11, 23);
}

/** Epoch ms as `YYYY-MM-DD HH:MM:SS` (UTC), or dashes. */
export function stamp(ts: number | null | undefined): string {
  if (ts == null || Number.isNaN(ts)) return '----------- --:--:--';
  return new Date(ts).toISOString().slice(0, 19).replace('T', ' ');
}

/** A time span: the end's date is left out when it is the start's. */
export function span(from: number | null | undefined, to: number | null | undefined): string {
  const a = stamp(from);
  const b = stamp(to);
  return `${a} … ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b}`;
}

/** A duration in ms as a short human string. */
export function duration(ms: number | null | undefined): string {
  if (ms == null) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A tiny sparkline of the values (one block per value). */
export function sparkline(values: number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => BLOCKS[max === min ? 0 : Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))]).join('');
}

/**
 * A bundle path short enough for a column: the file name (nested archives and folders dropped),
 * cut in the middle when still too long — docker's `<64 hex>-json.log` names are the usual case.
 */
export function shortPath(path: string, max = 28): string {
  const base = path.split(/!\/|\//).pop() ?? path;
  if (base.length <= max) return base;
  const keep = max - 1;
  return `${base.slice(0, Math.ceil(keep / 2))}…${base.slice(base.length - Math.floor(keep / 2))}`;
}

/**
 * Word-wrap `text` to `width` columns, at most `max` lines (the last one ends with … when cut).
 * Views lay out wrapped text themselves so nothing overlaps when the screen is short.
 */
export function wrapLines(text: string, width: number, max: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) { out.push(line); line = ''; }
      line = line ? `${line} ${word}` : word;
      while (line.length > width) { out.push(line.slice(0, width)); line = line.slice(width); }
    }
    out.push(line);
  }
  if (out.length <= max) return out;
  const kept = out.slice(0, Math.max(1, max));
  kept[kept.length - 1] = fit(`${kept[kept.length - 1]} …`, width).trimEnd();
  if (!kept[kept.length - 1]!.endsWith('…')) kept[kept.length - 1] = `${kept[kept.length - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/** `text` wrapped to `width` with every line indented: the first by `indent`, the rest two more (a hanging indent). */
export function wrapIndented(text: string, width: number, indent = 0): string[] {
  const inner = Math.max(10, width - indent - 2);
  return wrapLines(text, inner, Number.POSITIVE_INFINITY).map((l, i) => `${' '.repeat(indent + (i ? 2 : 0))}${l}`);
}

/**
 * A log source short enough for a column, keeping what tells sources apart: `pod/` and
 * `container/` are dropped, and so is a pod's `/container` when it is the pod's app name
 * (`pod/authserver-7646c4a17-rhlj6/authserver` → `authserver-7646c4a17-rhlj6`); then, when still
 * too long, the middle is cut so the app name's start and the pod's own suffix both stay
 * (`authser…-rhlj6`). Padded to `width`.
 */
export function sourceLabel(source: string, width: number): string {
  let s = source.replace(/^(pod|container)\//, '');
  const slash = s.lastIndexOf('/');
  if (source.startsWith('pod/') && slash > 0 && s.startsWith(`${s.slice(slash + 1)}-`)) s = s.slice(0, slash);
  if (s.length <= width) return s.padEnd(width);
  if (width < 8) return fit(s, width);
  // The end: the pod's random suffix with its dash (6 characters), or half the column if wider.
  const end = Math.max(6, Math.floor((width - 1) / 2));
  return `${s.slice(0, width - 1 - end)}…${s.slice(s.length - end)}`;
}
