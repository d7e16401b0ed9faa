// Container detection by magic bytes (never by file name): gzip, tar (a header with a valid checksum), zip.

export type ContainerKind = 'gzip' | 'tar' | 'zip';

const TAR_BLOCK = 512;
const CHECKSUM_AT = 148;
const CHECKSUM_LEN = 8;
const SPACE = 0x20;

/** The container `head` starts, or null for a plain file. */
export function detectContainer(head: Buffer): ContainerKind | null {
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return 'gzip';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    const a = head[2], b = head[3];
    // Local file header, empty archive (end of central directory first), spanned-archive marker.
    if ((a === 3 && b === 4) || (a === 5 && b === 6) || (a === 7 && b === 8)) return 'zip';
  }
  if (head.length >= TAR_BLOCK && isTarHead(head)) return 'tar';
  return null;
}

/**
 * A first header whose checksum adds up (ustar and old v7 tars alike), or the two zero blocks of an
 * empty tar. The `ustar` magic alone is not enough: a log could say "mustard" at byte 257.
 */
function isTarHead(head: Buffer): boolean {
  if (head[0] === 0) return head.length >= 2 * TAR_BLOCK && isAllZero(head, 2 * TAR_BLOCK);
  const stored = parseOctal(head, CHECKSUM_AT, CHECKSUM_LEN);
  if (stored === null) return false;
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) {
    sum += i >= CHECKSUM_AT && i < CHECKSUM_AT + CHECKSUM_LEN ? SPACE : head[i]!;
  }
  return sum === stored;
}

function isAllZero(buf: Buffer, n: number): boolean {
  for (let i = 0; i < n; i++) if (buf[i] !== 0) return false;
  return true;
}

/** An octal number field (digits, optionally padded by spaces/NUL), or null when it is not one. */
function parseOctal(buf: Buffer, at: number, len: number): number | null {
  let i = at;
  const end = at + len;
  while (i < end && buf[i] === SPACE) i++;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x37) {
      value = value * 8 + (c - 0x30);
      digits++;
    } else if (c === 0 || c === SPACE) break;
    else return null;
  }
  return digits > 0 ? value : null;
}
