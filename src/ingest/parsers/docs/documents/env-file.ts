// `AUTHPLANE_*` env files (dotenv, `export`, quotes, comments, systemd `Environment=`) → `{ vars, lines }`.
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';
import { splitLines } from '../util/locate.ts';

const ASSIGN = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/;
const SYSTEMD = /^Environment\s*=\s*(.*)$/;
const OURS = /^(?:AUTHPLANE_|CONNECTOR_)/;
const UPPER = /^[A-Z_][A-Z0-9_]*$/;

/** Undo a double-quoted value's escapes (`\n`, `\"`, `\\`, `\$`). */
function unescapeDouble(s: string): string {
  return s.replace(/\\([nrt"\\$`])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}

/** Index of the closing quote `q` in `s` from `from`, skipping backslash escapes for `"`. */
function closingQuote(s: string, q: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) return i;
  }
  return -1;
}

/** Parse an env file text into vars and their lines; non-assignments become problems. */
export function parseEnv(text: string, problem: (line: number, p: string) => void): { vars: Record<string, string>; lines: Record<string, number> } {
  const vars: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const all = splitLines(text);
  for (let i = 0; i < all.length; i++) {
    const lineNo = all[i]!.line;
    let t = all[i]!.text.trim();
    if (t === '' || t.startsWith('#')) continue;
    const sd = SYSTEMD.exec(t);
    if (sd) t = sd[1]!.trim().replace(/^"(.*)"$/, '$1');
    const m = ASSIGN.exec(t);
    if (!m) {
      problem(lineNo, 'env: not a KEY=value line');
      continue;
    }
    let raw = m[2]!;
    let value: string;
    const q = raw[0];
    if (q === '"' || q === "'") {
      // Quoted values may span lines (dotenv multi-line values).
      let end = closingQuote(raw, q, 1);
      while (end === -1 && i + 1 < all.length) {
        raw += `\n${all[++i]!.text}`;
        end = closingQuote(raw, q, 1);
      }
      if (end === -1) {
        problem(lineNo, `env: quote not closed for ${m[1]}`);
        continue;
      }
      value = q === '"' ? unescapeDouble(raw.slice(1, end)) : raw.slice(1, end);
    } else {
      value = raw.replace(/\s+#.*$/, '').trim();
    }
    vars[m[1]!] = value;
    lines[m[1]!] = lineNo;
  }
  return { vars, lines };
}

/** Parse an env file into one `env` document. */
export function parseEnvFile(text: string, ctx: ParseContext): void {
  const body = parseEnv(text, (line, p) => ctx.problem(line, p));
  ctx.emit({ kind: 'document', file: ctx.path, line: 1, offset: 0, docKind: 'env', body, capturedAt: ctx.mtime });
}

/** Confident when the head is KEY=value lines, upper-case keys, at least one AUTHPLANE_/CONNECTOR_. */
export function sniffEnvFile(head: FileHead): number {
  let ours = 0;
  let assigns = 0;
  let upper = 0;
  let other = 0;
  for (const line of head.lines) {
    let t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const sd = SYSTEMD.exec(t);
    if (sd) t = sd[1]!.trim().replace(/^"/, '');
    const m = ASSIGN.exec(t);
    if (!m) {
      other++;
      continue;
    }
    assigns++;
    if (UPPER.test(m[1]!)) upper++;
    if (OURS.test(m[1]!)) ours++;
  }
  // Continuation lines of multi-line quoted values are the only non-assignments tolerated.
  if (ours === 0 || upper < assigns * 0.9 || other > assigns / 4) return 0;
  return 0.95;
}

/** AUTHPLANE_* env files. */
export const envFileFormat: FileFormat = {
  id: 'env',
  kind: 'document',
  mode: 'whole',
  sniff: sniffEnvFile,
  parseWhole: parseEnvFile,
};
