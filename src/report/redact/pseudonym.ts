// Keyed-hash pseudonyms: the same identity gets the same readable stand-in within one redactor,
// a different one in the next (the HMAC key is random per redactor and never written out).
import { createHmac, randomBytes } from 'node:crypto';
import type { IdentityKind } from './keys.ts';

/** Maps identities to stable pseudonyms (`user#3fa2`, `ip#91c0`, `user#3fa2@example.invalid`, `host-3fa2.invalid`). */
export class Pseudonymizer {
  readonly #key: Buffer;
  readonly #byValue = new Map<string, string>();
  readonly #taken = new Set<string>();

  constructor(key?: Buffer) {
    this.#key = key ?? randomBytes(32);
  }

  /** The pseudonym for `value` of the given kind. IPs and hosts are compared case-insensitively. */
  of(kind: IdentityKind, value: string): string {
    const norm = kind === 'user' || kind === 'session' ? value : value.toLowerCase();
    const memo = `${kind}\u0000${norm}`;
    const hit = this.#byValue.get(memo);
    if (hit !== undefined) return hit;
    const digest = createHmac('sha256', this.#key).update(memo).digest('hex');
    // Four hex digits read well; on a collision within this redactor, take more so that two
    // identities never merge (correlation must survive redaction).
    let out = '';
    for (const len of [4, 6, 8, 12, 16, 64]) {
      out = format(kind, digest.slice(0, len));
      if (!this.#taken.has(out)) break;
    }
    this.#taken.add(out);
    this.#byValue.set(memo, out);
    return out;
  }

  /** True when `s` is one of this redactor's pseudonyms (re-redacting output is a no-op). */
  isPseudonym(s: string): boolean {
    return this.#taken.has(s);
  }
}

function format(kind: IdentityKind, h: string): string {
  switch (kind) {
    case 'user': return `user#${h}`;
    case 'session': return `session#${h}`;
    case 'ip': return `ip#${h}`;
    case 'email': return `user#${h}@example.invalid`;
    case 'host': return `host-${h}.invalid`;
  }
}
