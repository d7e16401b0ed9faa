// RFC 3339 time strings kept as numbers (wall-clock seconds, fraction digits, zone) and spelled again
// exactly on demand. Hundreds of thousands of audit rows each carry one; as strings they cost ~56 B each.
import { Interner, delta, u32, u8, type Column } from './columns.ts';

const NO_ZONE = 0xff;
/** Zones seen: `Z` and a few `±hh:mm` offsets; past that the text is kept whole. */
const MAX_ZONES = 250;

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Two digits at `i` as a number, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Append-only column of time texts (`2026-10-03T08:34:33.905704863Z`); other spellings are kept whole. */
export class TimeTexts {
  /** Wall-clock seconds of the date and time part, read as if it were UTC, in ms. */
  private readonly wall: Column = delta();
  /** The fraction's value and its number of digits (0: no fraction). */
  private readonly frac: Column = u32();
  private readonly digits: Column = u8();
  /** Zone id, or NO_ZONE when the text is in `raw`. */
  private readonly zone: Column = u8();
  private readonly zones = new Interner();
  private readonly raw = new Map<number, string>();

  get length(): number {
    return this.zone.length;
  }

  /** Store one time text. */
  push(s: string): void {
    const i = this.length;
    if (!this.encode(s)) {
      this.wall.push(Number.NaN);
      this.frac.push(0);
      this.digits.push(0);
      this.zone.push(NO_ZONE);
      this.raw.set(i, s);
    }
  }

  /** The text of row i, exactly as pushed. */
  get(i: number): string {
    const z = this.zone.get(i);
    if (z === NO_ZONE) return this.raw.get(i)!;
    const n = this.digits.get(i);
    const head = new Date(this.wall.get(i)).toISOString().slice(0, 19);
    return `${head}${n > 0 ? `.${String(this.frac.get(i)).padStart(n, '0')}` : ''}${this.zones.values[z]!}`;
  }

  /** Push `s` as numbers when it is `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±hh:mm)` with a real date; false otherwise. */
  private encode(s: string): boolean {
    if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84
      || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
    const y1 = two(s, 0);
    const y2 = two(s, 2);
    const mo = two(s, 5);
    const d = two(s, 8);
    const h = two(s, 11);
    const mi = two(s, 14);
    const sec = two(s, 17);
    // Year from 1000 on: Date.UTC reads years 0-99 as 19xx, and toISOString pads differently below 1000.
    if (y1 < 10 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return false;
    const y = y1 * 100 + y2;
    // Past the 28th the day must exist in that month, or the date would roll over when spelled again.
    if (d > 28 && d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
    let p = 19;
    let frac = 0;
    let n = 0;
    if (s.charCodeAt(p) === 46) {
      for (p++; n < 10 && digit(s, p) >= 0; p++, n++) frac = frac * 10 + digit(s, p);
      if (n === 0 || n > 9) return false;
    }
    const zone = s.slice(p);
    if (zone !== 'Z' && !/^[+-]\d\d:\d\d$/.test(zone)) return false;
    let z = this.zones.find(zone);
    if (z < 0) {
      if (this.zones.size >= MAX_ZONES) return false;
      z = this.zones.id(zone);
    }
    this.wall.push(Date.UTC(y, mo - 1, d, h, mi, sec));
    this.frac.push(frac);
    this.digits.push(n);
    this.zone.push(z);
    return true;
  }
}
