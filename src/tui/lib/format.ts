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
