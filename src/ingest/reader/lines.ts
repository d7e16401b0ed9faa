// The line splitter: Buffer chunks in, decoded lines with 1-based numbers and byte offsets out.
// This is the per-line hot path of the whole tool: split with indexOf(0x0a) on the Buffer and decode
// each line once with toString (the fastest measured, ecosystem.md §3).
import { isAscii, isUtf8 } from 'node:buffer';
import { formatSize } from './limits.ts';

const LF = 0x0a;
const CR = 0x0d;
const REPLACEMENT = '\uFFFD';

type Latin1Slicer = { latin1Slice(start: number, end: number): string };
// Buffer's own latin1Slice, which toString('latin1', …) calls after checking its arguments again on
// every line; the bounds here are already right. toString when a runtime lacks it.
const HAS_LATIN1_SLICE = typeof (Buffer.prototype as unknown as Partial<Latin1Slicer>).latin1Slice === 'function';

function latin1(buf: Buffer, start: number, end: number): string {
  if (start >= end) return '';
  return HAS_LATIN1_SLICE ? (buf as unknown as Latin1Slicer).latin1Slice(start, end) : buf.toString('latin1', start, end);
}

/** Where split lines go. `line` gets text without its terminator (CR stripped, BOM stripped on line 1). */
export interface LineSink {
  line(text: string, lineNo: number, offset: number): void;
  /** A line that could not be passed on as is (too long) or was repaired (invalid UTF-8). */
  problem(lineNo: number, text: string, isSkipped: boolean): void;
}

/** Splits a byte stream into lines. Call push() per chunk, then end() once. */
export class LineSplitter {
  private lineNo = 1;
  /** Byte offset of the current line's first byte. */
  private offset = 0;
  /** Bytes of an unterminated line carried over from earlier chunks. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** True while skipping the rest of an oversized line up to its newline. */
  private isDiscarding = false;
  private readonly tooLong: string;
  /** The chunk being split is all ASCII: lines decode as latin1 (same text, no UTF-8 decoding). */
  private isAscii = false;

  constructor(private readonly sink: LineSink, private readonly maxLineBytes: number) {
    this.tooLong = `longer than ${formatSize(maxLineBytes)} skipped`;
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.isDiscarding || this.partialBytes > 0) {
      const nl = chunk.indexOf(LF);
      if (nl === -1) return this.carry(chunk, 0);
      if (this.isDiscarding || this.partialBytes + nl > this.maxLineBytes) this.skipLong(this.partialBytes + nl);
      else {
        this.partial.push(chunk.subarray(0, nl));
        const joined = Buffer.concat(this.partial, this.partialBytes + nl);
        this.partial = [];
        this.partialBytes = 0;
        this.isAscii = isAscii(joined);
        this.emit(joined, 0, joined.length);
      }
      start = nl + 1;
    }
    const max = this.maxLineBytes;
    // One vectorised check per chunk; logs are nearly always ASCII.
    this.isAscii = isAscii(chunk);
    let nl: number;
    while ((nl = chunk.indexOf(LF, start)) !== -1) {
      if (nl - start > max) this.skipLong(nl - start);
      else this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry(chunk, start);
  }

  /** Flush the last, unterminated line (the parser decides whether it is damaged). */
  end(): void {
    if (this.isDiscarding) {
      this.skipLong(this.partialBytes);
    } else if (this.partialBytes > 0) {
      const joined = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial, this.partialBytes);
      this.partial = [];
      this.partialBytes = 0;
      this.isAscii = isAscii(joined);
      this.emit(joined, 0, joined.length);
    }
  }

  /** Keep the tail of a chunk for the next one, or start discarding once it is too long. */
  private carry(chunk: Buffer, start: number): void {
    const n = chunk.length - start;
    if (this.isDiscarding) {
      this.partialBytes += n; // counting only: nothing of an oversized line is kept
      return;
    }
    if (this.partialBytes + n > this.maxLineBytes) {
      this.isDiscarding = true;
      this.partial = [];
      this.partialBytes += n;
      return;
    }
    this.partial.push(chunk.subarray(start));
    this.partialBytes += n;
  }

  /** Report and step over an oversized line of `length` bytes (its newline not included). */
  private skipLong(length: number): void {
    this.sink.problem(this.lineNo, `line ${this.lineNo} ${this.tooLong}`, true);
    this.isDiscarding = false;
    this.partial = [];
    this.partialBytes = 0;
    this.offset += length + 1;
    this.lineNo++;
  }

  private emit(buf: Buffer, start: number, end: number): void {
    const lineNo = this.lineNo;
    const offset = this.offset;
    this.offset += end - start + 1;
    this.lineNo = lineNo + 1;
    let s = start;
    let e = end;
    if (e > s && buf[e - 1] === CR) e--;
    // UTF-8 BOM on the first line only.
    if (lineNo === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    if (this.isAscii) {
      this.sink.line(latin1(buf, s, e), lineNo, offset);
      return;
    }
    const text = buf.toString('utf8', s, e);
    // Cheap first: only a line holding U+FFFD can have had invalid bytes (it may also be a real U+FFFD).
    if (text.includes(REPLACEMENT) && !isUtf8(buf.subarray(s, e))) {
      // Mostly invalid bytes is binary junk, not a log line with a stray byte: no record is made of it.
      if (replacedShare(text) >= 0.5) {
        this.sink.problem(lineNo, 'mostly invalid UTF-8 (binary data, not text): line skipped', true);
        return;
      }
      this.sink.problem(lineNo, 'invalid UTF-8 (replaced)', false);
    }
    this.sink.line(text, lineNo, offset);
  }
}

/** The share of a line's non-blank characters that are U+FFFD. */
function replacedShare(text: string): number {
  let replaced = 0;
  let shown = 0;
  for (const ch of text) {
    if (ch === REPLACEMENT) replaced++;
    if (ch.trim()) shown++;
  }
  return shown === 0 ? 0 : replaced / shown;
}
