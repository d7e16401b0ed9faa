// Clock offsets between sources (AuthPlane vs MCP servers vs the capture host), estimated from events
// whose order or simultaneity is known:
//  - the same request/trace id logged by two sources happened at about the same time (two-sided);
//  - a token is issued (AS line with its jti, or its `iat`) before any other source uses it (one-sided:
//    proves a lower bound, so only a source running behind is detected this way);
//  - a /health (/ready, /livez) body's `time` is the server's clock at capture time.
import type { DocumentRecord, LogOrigin, TokenRecord } from '../ingest/index.ts';
import type { ClockOffset } from './model.ts';

/** A point in one source's clock with its place. */
export interface ClockEvent { source: string; ts: number; file: string; line: number }

/** Messages with which the server announces a token it just issued (reference §1.6), and the key they carry. */
const ISSUE_MSGS = new Set([
  'client credentials token issued', 'jwt-bearer token issued', 'token exchanged',
  'token exchanged via unified mint dispatch', 'token exchanged via unified broker dispatch', 'token exchanged via fronted broker dispatch',
]);
const MAX_PAIRS = 2000;
const MAX_KEYS = 200_000;
const CAPTURE = 'capture-host';

interface Pair { a: ClockEvent; b: ClockEvent; why: string }

const iso = (ts: number): string => new Date(ts).toISOString();
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Collects clock evidence while records stream by; `finish` turns it into offsets. */
export class ClockTracker {
  /** Same-moment pairs keyed by "source a\0source b". */
  private readonly same = new Map<string, Pair[]>();
  /** First issuance per token key on the server. */
  private readonly issued = new Map<string, ClockEvent>();
  /** First use per token key per other source. */
  private readonly used = new Map<string, Map<string, ClockEvent>>();

  /** Two sources logged the same request/trace: `a` is the first-seen one. */
  simultaneous(a: ClockEvent, b: ClockEvent, id: string): void {
    const key = `${a.source}\u0000${b.source}`;
    let l = this.same.get(key);
    if (!l) this.same.set(key, (l = []));
    if (l.length < MAX_PAIRS) l.push({ a, b, why: `request/trace ${id}` });
  }

  /** A log line that may issue or use a token: server lines issue, other origins use. */
  tokenLine(origin: LogOrigin, msg: string, attrs: Record<string, unknown>, ev: ClockEvent): void {
    const jti = attrs.jti;
    if (typeof jti !== 'string' || jti === '') return;
    if (origin === 'authserver') {
      if (ISSUE_MSGS.has(msg) && !this.issued.has(jti) && this.issued.size < MAX_KEYS) this.issued.set(jti, ev);
      return;
    }
    let m = this.used.get(jti);
    if (!m) {
      if (this.used.size >= MAX_KEYS) return;
      this.used.set(jti, (m = new Map()));
    }
    const prev = m.get(ev.source);
    if (!prev || ev.ts < prev.ts) m.set(ev.source, ev);
  }

  /**
   * A verifier on another source rejected a token whose `iat` lies ahead of its own clock and said both
   * (`Token 'iat' claim is in the future (iat=…, now=…)`): the token was issued before that moment, so
   * the source runs at least iat − now behind.
   */
  iatAhead(ev: ClockEvent, iatSec: number, nowSec: number): void {
    if (this.iatPairs.length < MAX_PAIRS) this.iatPairs.push({ ev, d: (iatSec - nowSec) * 1000 });
  }

  private readonly iatPairs: { ev: ClockEvent; d: number }[] = [];

  /**
   * Offsets of every source with evidence against `reference` (the main AuthPlane source).
   * `isServer(source)` tells AuthPlane streams (their events count as reference time).
   */
  finish(reference: string | null, isServer: (source: string) => boolean, docs: readonly DocumentRecord[], tokens: readonly TokenRecord[]): ClockOffset[] {
    if (reference === null) return [];
    const sim = new Map<string, { d: number; note: ClockEvent; text: string }[]>();
    const lower = new Map<string, { d: number; note: ClockEvent; text: string }[]>();
    const push = (m: typeof sim, src: string, d: number, note: ClockEvent, text: string): void => {
      const l = m.get(src);
      if (l) l.push({ d, note, text });
      else m.set(src, [{ d, note, text }]);
    };
    for (const pairs of this.same.values()) {
      for (const { a, b, why } of pairs) {
        // Orient each pair as (server side, other side); pairs between two non-servers say nothing here.
        const sa = isServer(a.source);
        const sb = isServer(b.source);
        let ref: ClockEvent;
        let other: ClockEvent;
        if (sa !== sb) [ref, other] = sa ? [a, b] : [b, a];
        else if (sa && a.source === reference) [ref, other] = [a, b];
        else if (sa && b.source === reference) [ref, other] = [b, a];
        else continue;
        push(sim, other.source, ref.ts - other.ts, other, `${why}: ${iso(other.ts)} here, ${iso(ref.ts)} at ${ref.file}:${ref.line}`);
      }
    }
    const byJti = new Map<string, ClockEvent>(this.issued);
    for (const t of tokens) {
      const { jti, iat } = t.claims;
      if (typeof jti === 'string' && typeof iat === 'number' && !byJti.has(jti)) {
        byJti.set(jti, { source: 'token iat', ts: iat * 1000, file: t.file, line: t.line });
      }
    }
    for (const [jti, users] of this.used) {
      const iss = byJti.get(jti);
      if (!iss) continue;
      for (const u of users.values()) {
        if (isServer(u.source)) continue;
        push(lower, u.source, iss.ts - u.ts, u, `token ${jti} used at ${iso(u.ts)} here, issued at ${iso(iss.ts)} (${iss.file}:${iss.line})`);
      }
    }
    for (const { ev, d } of this.iatPairs) {
      if (!isServer(ev.source)) push(lower, ev.source, d, ev, `verifier saw a token iat ${Math.round(d / 1000)} s ahead of its clock`);
    }
    for (const d of docs) {
      const body = d.body as Record<string, unknown> | null;
      if (d.capturedAt === null || !body || typeof body !== 'object') continue;
      const kind = d.docKind === 'http-exchange' ? d.bodyKind : d.docKind;
      if ((kind === 'health' || kind === 'ready' || kind === 'livez') && typeof body.time === 'string') {
        const t = Date.parse(body.time);
        if (!Number.isNaN(t)) push(sim, CAPTURE, t - d.capturedAt, { source: CAPTURE, ts: d.capturedAt, file: d.file, line: d.line }, `${kind} says time ${body.time}, captured at ${iso(d.capturedAt)}`);
      }
    }
    for (const t of tokens) {
      const iat = t.claims.iat;
      if (t.capturedAt === null || typeof iat !== 'number') continue;
      push(lower, CAPTURE, iat * 1000 - t.capturedAt, { source: CAPTURE, ts: t.capturedAt, file: t.file, line: t.line }, `token iat ${iso(iat * 1000)}, captured at ${iso(t.capturedAt)}`);
    }
    const out: ClockOffset[] = [];
    for (const source of new Set([...sim.keys(), ...lower.keys()])) {
      const s = sim.get(source) ?? [];
      const l = lower.get(source) ?? [];
      const bound = l.length ? l.reduce((m, x) => (x.d > m.d ? x : m)) : undefined;
      let offsetMs = s.length ? median(s.map((x) => x.d)) : 0;
      const evidence: ClockOffset['evidence'] = [];
      if (s.length) {
        const near = [...s].sort((x, y) => Math.abs(x.d - offsetMs) - Math.abs(y.d - offsetMs)).slice(0, 3);
        for (const x of near) evidence.push({ file: x.note.file, line: x.note.line, note: x.text });
      }
      // An event that must come after another but is logged before it proves the source runs behind.
      if (bound && bound.d > offsetMs) {
        offsetMs = bound.d;
        evidence.unshift({ file: bound.note.file, line: bound.note.line, note: `${bound.text}: at least ${Math.round(bound.d / 100) / 10} s behind` });
      }
      out.push({ source, reference, offsetMs: Math.round(offsetMs), pairs: s.length + l.length, evidence });
    }
    return out.sort((a, b) => Math.abs(b.offsetMs) - Math.abs(a.offsetMs));
  }
}
