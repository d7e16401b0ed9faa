// Sniffing: the FileHead every format scores, and the choice of the best-scoring format.
import type { FileFormat, FileHead } from '../format.ts';

/** Below this best score a file is `unknown`. */
export const MIN_SCORE = 0.3;
const HEAD_LINES = 50;
const BOM = '\uFEFF';

/** Build what sniffers see from a file's first bytes. `isWhole`: the head is the entire file. */
export function makeHead(path: string, head: Buffer, isWhole: boolean, size: number | null): FileHead {
  let text = head.toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  const lines: string[] = [];
  let start = 0;
  while (lines.length < HEAD_LINES) {
    const nl = text.indexOf('\n', start);
    // The unterminated tail is a complete line only when it is the end of the file.
    if (nl === -1) {
      if (isWhole && start < text.length) lines.push(stripCr(text.slice(start)));
      break;
    }
    lines.push(stripCr(text.slice(start, nl)));
    start = nl + 1;
  }
  return { path, text, lines, size: size ?? (isWhole ? head.length : null) };
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** The best-scoring format (ties: the one registered first), or null below MIN_SCORE. A throwing sniffer scores 0. */
export function pickFormat(formats: readonly FileFormat[], head: FileHead): FileFormat | null {
  let best: FileFormat | null = null;
  let bestScore = MIN_SCORE;
  for (const f of formats) {
    let score: number;
    try {
      score = f.sniff(head);
    } catch {
      score = 0;
    }
    if (score > bestScore || (best === null && score >= bestScore)) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}
