// Keeps the admin API key out of everything collect writes: bundle files, the manifest, stderr and
// error messages. The key is replaced wherever it appears, whatever the redaction setting.
import { Transform, type TransformCallback } from 'node:stream';

/** What replaces the key. Starts like the redactor's markers, so it is read as already redacted. */
export const KEY_MARKER = '[REDACTED:admin-key]';
/** Keys shorter than this are too likely to occur by chance to be searched for byte by byte. */
const MIN_SECRET = 4;

/** Replaces a fixed set of secret strings (and their URL-encoded forms) in text and bytes. */
export class SecretScrubber {
  readonly #needles: Buffer[];
  readonly #strings: string[];
  readonly #marker = Buffer.from(KEY_MARKER);

  constructor(secrets: (string | undefined)[]) {
    const all = new Set<string>();
    for (const s of secrets) {
      if (!s || s.length < MIN_SECRET) continue;
      all.add(s);
      all.add(encodeURIComponent(s));
    }
    // Longest first, so an encoded form containing the plain one is replaced whole.
    this.#strings = [...all].sort((a, b) => b.length - a.length);
    this.#needles = this.#strings.map((s) => Buffer.from(s));
  }

  /** The longest secret in bytes (0 when there is none). */
  get longest(): number {
    return this.#needles[0]?.length ?? 0;
  }

  text(s: string): string {
    let out = s;
    for (const n of this.#strings) if (out.includes(n)) out = out.split(n).join(KEY_MARKER);
    return out;
  }

  bytes(b: Buffer): Buffer {
    let out = b;
    for (const n of this.#needles) {
      let at = out.indexOf(n);
      if (at < 0) continue;
      const parts: Buffer[] = [];
      let from = 0;
      for (; at >= 0; at = out.indexOf(n, from)) {
        parts.push(out.subarray(from, at), this.#marker);
        from = at + n.length;
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
    }
    return out;
  }
}

/**
 * A stream transform that scrubs across chunk edges: it passes on everything up to the last newline
 * (a key never spans lines) and, for very long lines, all but the last bytes a key could start in.
 */
export function scrubStream(s: SecretScrubber, maxHold = 1 << 20): Transform {
  let held: Buffer = Buffer.alloc(0);
  const keep = Math.max(s.longest - 1, 0);
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const buf = held.length ? Buffer.concat([held, chunk]) : chunk;
      const cut = buf.lastIndexOf(0x0a) + 1;
      if (cut > 0) {
        held = buf.subarray(cut);
        done(null, s.bytes(buf.subarray(0, cut)));
      } else if (buf.length > maxHold) {
        // Scrub first, then hold back the tail a key cut by the chunk edge could begin in.
        const out = s.bytes(buf);
        held = out.subarray(out.length - keep);
        done(null, out.subarray(0, out.length - keep));
      } else {
        held = buf;
        done();
      }
    },
    flush(done: TransformCallback) {
      done(null, held.length ? s.bytes(held) : undefined);
    },
  });
}
