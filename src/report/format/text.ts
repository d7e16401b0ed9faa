// Small text helpers shared by the renderings: caps with "… N more", wrapping, times and counts.

/** Cut a line to `max` characters, saying so. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** First line of a possibly multi-line text. */
export function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : `${s.slice(0, i)} …`;
}

/** Word-wrap `s` to `width` columns, every line prefixed by `indent`. */
export function wrap(s: string, width: number, indent = ''): string[] {
  const room = Math.max(20, width - indent.length);
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > room) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out;
}

/** `n thing(s)`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** An epoch ms as RFC 3339 UTC, or `-`. */
export function iso(ms: number | null | undefined): string {
  return ms == null || !Number.isFinite(ms) ? '-' : new Date(ms).toISOString();
}

/** A short time of day for timelines: `09:16:11.070Z`. */
export function clock(ms: number | null | undefined): string {
  return ms == null || !Number.isFinite(ms) ? '--:--:--.---' : new Date(ms).toISOString().slice(11);
}

/** A signed duration for clock offsets: `+1.2s`, `-350ms`. */
export function signedMs(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms);
  return a >= 1000 ? `${sign}${(a / 1000).toFixed(a >= 10_000 ? 0 : 1)}s` : `${sign}${Math.round(a)}ms`;
}

/** The basename of a path the user gave (their directory layout stays out of public output). */
export function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? p;
}
