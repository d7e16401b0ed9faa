// Files of pasted JWTs: one per line, maybe prefixed `Bearer `, `Authorization: Bearer `, `DPoP: ` or `access_token=`.
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../../format.ts';
import type { TokenUse } from '../../../types.ts';
import { decodeToken } from './jwt.ts';

const TOKEN_LINE =
  /^(?:export\s+)?(?:(authorization)\s*:\s*)?(?:(bearer|dpop)\s+)?(?:(dpop)\s*:\s*)?(?:(access_token|id_token|token|assertion|subject_token|actor_token|jwt)\s*[=:]\s*)?["']?(eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)["']?,?$/i;

function hintOf(m: RegExpExecArray): TokenUse | undefined {
  if (m[3]) return 'dpop-proof';
  if (m[1] || m[2]) return 'access';
  const key = m[4]?.toLowerCase();
  if (key === 'id_token') return 'id-token';
  if (key === 'assertion') return 'assertion';
  if (key === 'access_token') return 'access';
  return undefined;
}

/** Line parser: each non-empty, non-comment line holds one token. */
export function openTokenFile(ctx: ParseContext): LineParser {
  return {
    line(text, lineNo, offset) {
      const t = text.trim();
      if (t === '' || t.startsWith('#')) return;
      const m = TOKEN_LINE.exec(t);
      if (!m) {
        ctx.problem(lineNo, 'token: line holds no compact JWT');
        return;
      }
      const rec = decodeToken(m[5]!, {
        file: ctx.path, line: lineNo, offset, foundIn: 'file', capturedAt: ctx.mtime, hint: hintOf(m),
      }, ctx.tokenVault);
      if (typeof rec === 'string') ctx.problem(lineNo, rec);
      else ctx.emit(rec);
    },
    end() {},
  };
}

/** Confident when every non-empty head line is a (prefixed) compact JWT. */
export function sniffTokenFile(head: FileHead): number {
  let tokens = 0;
  for (const raw of head.lines) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (!TOKEN_LINE.test(t)) return 0;
    tokens++;
  }
  // A single very long line may not be complete in the head: look at the text itself.
  if (tokens === 0 && head.lines.length === 0) return TOKEN_LINE.test(head.text.trim()) ? 0.95 : 0;
  return tokens > 0 ? 0.95 : 0;
}

/** Pasted-token files. */
export const tokenFileFormat: FileFormat = {
  id: 'jwt',
  kind: 'token',
  mode: 'lines',
  sniff: sniffTokenFile,
  openLines: (ctx) => openTokenFile(ctx),
};
