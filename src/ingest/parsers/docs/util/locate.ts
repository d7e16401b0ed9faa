// Maps character offsets of a whole-document text to 1-based lines and UTF-8 byte offsets.

/** Where a character offset lies: its 1-based line and the byte offset of that line's start. */
export interface Place {
  line: number;
  offset: number;
}

/**
 * A forward-only locator over `text`: each call must pass an offset ≥ the previous one, so a whole
 * document is scanned once however many records it holds.
 */
export function makeLocator(text: string): (charOffset: number) => Place {
  let pos = 0;
  let line = 1;
  let bytes = 0;
  let lineStartBytes = 0;
  return (charOffset: number): Place => {
    const end = Math.min(charOffset, text.length);
    for (; pos < end; pos++) {
      const c = text.charCodeAt(pos);
      bytes += utf8Width(c);
      if (c === 0x0a) {
        line++;
        lineStartBytes = bytes;
      }
    }
    return { line, offset: lineStartBytes };
  };
}

/** UTF-8 bytes one UTF-16 code unit contributes (a surrogate pair counts 4 in total). */
export function utf8Width(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/** Split a text into lines (CR stripped) with their byte offsets, for whole-mode parsers. */
export function splitLines(text: string): { text: string; line: number; offset: number }[] {
  const out: { text: string; line: number; offset: number }[] = [];
  let start = 0;
  let bytes = 0;
  let line = 1;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    let s = text.slice(start, nl);
    const width = Buffer.byteLength(s, 'utf8') + 1;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    if (nl < text.length || s.length > 0) out.push({ text: s, line, offset: bytes });
    bytes += width;
    line++;
    start = nl + 1;
  }
  return out;
}
