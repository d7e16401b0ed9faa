// `authserver version` output: one line `authserver <version>` (release `0.2.2`, git describe, or `dev`).
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';
import { splitLines } from '../util/locate.ts';

const VERSION_LINE = /^authserver\s+(v?\d+\.\d+\.\d+[0-9A-Za-z.+-]*|dev)\s*$/;
// Shell prompts and the command itself may precede the output in a pasted capture.
const PROMPT = /^(?:[$#>]\s|.*\bversion\s*$)/;

/** `{ version, base, raw }` for a version string as printed. */
export function versionBody(raw: string): { version: string; base: string | null; raw: string } {
  const version = raw.replace(/^v/, '');
  const base = /^(\d+\.\d+\.\d+)/.exec(version)?.[1] ?? null;
  return { version, base, raw };
}

/** Parse `authserver version` output into one `version` document. */
export function parseVersion(text: string, ctx: ParseContext): void {
  for (const l of splitLines(text)) {
    const m = VERSION_LINE.exec(l.text.trim());
    if (m) {
      ctx.emit({ kind: 'document', file: ctx.path, line: l.line, offset: l.offset, docKind: 'version', body: versionBody(m[1]!), capturedAt: ctx.mtime });
      return;
    }
  }
  ctx.problem(1, 'version: no "authserver <version>" line');
}

/** Confident on a short file whose output line is `authserver <version>`. */
export function sniffVersion(head: FileHead): number {
  const lines = head.lines.map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0 || lines.length > 5) return 0;
  const hits = lines.filter((l) => VERSION_LINE.test(l)).length;
  const rest = lines.filter((l) => !VERSION_LINE.test(l) && !PROMPT.test(l)).length;
  return hits === 1 && rest === 0 ? 0.95 : 0;
}

/** `authserver version` output. */
export const versionFormat: FileFormat = {
  id: 'version',
  kind: 'document',
  mode: 'whole',
  sniff: sniffVersion,
  parseWhole: parseVersion,
};
