// Server boots (`starting authserver`) per source, with the signing-key generation that followed
// each one in the same source (reference §6.1 K4: a key generated on a non-first boot).
import type { LogRecord } from '../ingest/index.ts';
import { BOOT_MSG, KEYGEN_MSG } from './log-facts.ts';
import type { BootEvent } from './model.ts';
import { inWindow, type Window } from './window.ts';

interface Seen { r: LogRecord; seq: number }

/** Collects boot and key-generation lines as they stream past (they are rare: kept whole). */
export class BootTracker {
  private readonly boots: Seen[] = [];
  private readonly keygens: Seen[] = [];
  private seq = 0;

  add(r: LogRecord): void {
    if (r.msg === BOOT_MSG) this.boots.push({ r, seq: this.seq++ });
    else if (r.msg === KEYGEN_MSG) this.keygens.push({ r, seq: this.seq++ });
  }

  /** Boots in time order; each key generation attaches to the latest earlier boot of its source. */
  finish(w: Window): BootEvent[] {
    const order = (a: Seen, b: Seen): number => (a.r.ts ?? 0) - (b.r.ts ?? 0) || a.seq - b.seq;
    const boots = this.boots.filter((b) => inWindow(w, b.r.ts)).sort(order);
    const events = boots.map(({ r }): BootEvent => {
      const e: BootEvent = { source: r.source, file: r.file, line: r.line, ts: r.ts, keyGenerated: false };
      if (typeof r.attrs.version === 'string') e.version = r.attrs.version;
      if (typeof r.attrs.issuer === 'string') e.issuer = r.attrs.issuer;
      return e;
    });
    for (const k of this.keygens.filter((g) => inWindow(w, g.r.ts))) {
      let at = -1;
      boots.forEach((b, i) => {
        if (b.r.source === k.r.source && order(b, k) <= 0) at = i;
      });
      const e = events[at];
      if (!e || e.keyGenerated) continue;
      e.keyGenerated = true;
      e.keyGeneratedAt = { file: k.r.file, line: k.r.line, ts: k.r.ts };
    }
    return events;
  }
}
