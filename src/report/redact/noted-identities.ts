// The user and session ids a redactor was taught (noteIdentities), found again standing alone in
// free text, and the client ids that must never be taken for users (noteClientIds).
import { literalAlternation } from './value-shapes.ts';

/** At most this many ids are remembered: the alternation of them is one regex. */
const MAX_NOTED = 5000;

export class NotedIdentities {
  readonly #ids = new Map<string, 'user' | 'session'>();
  readonly #clients = new Set<string>();
  #re: RegExp | null = null;
  #dirty = false;

  get size(): number {
    return this.#ids.size;
  }

  /** True when `v` is already remembered, is a client id, or the list is full: nothing to add. */
  skips(v: string): boolean {
    return this.#ids.has(v) || this.#clients.has(v) || this.#ids.size >= MAX_NOTED;
  }

  add(v: string, kind: 'user' | 'session'): void {
    this.#ids.set(v, kind);
    this.#dirty = true;
  }

  isClient(v: string): boolean {
    return this.#clients.has(v);
  }

  /** Remember a client id; an id noted as a user before is forgotten. */
  addClient(id: string): void {
    this.#clients.add(id);
    if (this.#ids.delete(id)) this.#dirty = true;
  }

  /** `s` with each remembered id standing alone replaced by `replace(kind, id)`. */
  replaceIn(s: string, replace: (kind: 'user' | 'session', id: string) => string): string {
    if (this.#dirty) {
      this.#re = this.#ids.size ? new RegExp(`(?<![\\w@.#-])(?:${literalAlternation(this.#ids.keys())})(?![\\w@-])`, 'g') : null;
      this.#dirty = false;
    }
    if (!this.#re) return s;
    return s.replace(this.#re, (id) => replace(this.#ids.get(id) ?? 'user', id));
  }
}
