// GitHub-safe Markdown building blocks: escaped table cells, code spans and fences that survive
// backticks in log lines, and collapsible <details> blocks with the blank lines GitHub needs.

/** Escape text for a Markdown paragraph: no accidental emphasis, links, HTML or headings (cell() handles `|`). */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`)).replace(/\r?\n/g, ' ');
}

/** Prose from rules: `backticked` parts become safe code spans, the rest is escaped with mdText(). */
export function mdProse(s: string): string {
  const parts = s.split(/`([^`\n]+)`/);
  return parts.map((p, i) => (i % 2 === 1 ? code(p) : mdText(p))).join('');
}

/** Escape for HTML contexts (`<summary>`). */
export function htmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The longest run of `ch` in `s`. */
function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ch) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}

/** An inline code span whose delimiter is longer than any backtick run inside. */
export function code(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  const ticks = '`'.repeat(longestRun(one, '`') + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${one}${pad}${ticks}`;
}

/** A table cell: one line, `|` escaped (GFM unescapes `\|` even inside code spans). */
export function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A code span inside a table cell. */
export function cellCode(s: string): string {
  return s === '' ? '' : cell(code(s));
}

/** A fenced block whose fence is longer than any backtick run in the body (at least three). */
export function fence(body: string, lang = 'text'): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${ticks}${lang}\n${body.replace(/\n+$/, '')}\n${ticks}`;
}

/** A collapsible block; blank lines around the body so GitHub renders the Markdown inside. */
export function details(summaryHtml: string, body: string): string {
  return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}

/** A GFM table from a header row and string rows (cells already escaped with cell()/cellCode()). */
export function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
