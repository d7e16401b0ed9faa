// Entries of a zip whose central directory is gone (a cut upload): read the local file headers
// front to back. Each entry's data is inflated as far as it goes; nothing is guessed past the cut.
import { constants as buffers } from 'node:buffer';
import { constants, inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const SIG = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8; // sizes follow the data instead of sitting in the header
const FLAG_UTF8 = 0x800;

/** One entry found by its local header. */
export interface SalvagedEntry {
  name: string;
  data: Buffer;
  mtime: number | null;
  /** Why the entry could not be read whole, when it could not (its data is what was read). */
  damage?: string;
  /** Set instead of data when the entry cannot be read at all (encrypted, unknown method). */
  skipped?: string;
}

/** DOS date and time of a local header, as ms since the epoch (local time, as zip tools write it). */
function dosTime(date: number, time: number): number | null {
  const d = new Date(1980 + (date >>> 9), ((date >>> 5) & 0xf) - 1, date & 0x1f, time >>> 11, (time >>> 5) & 0x3f, (time & 0x1f) * 2);
  const ms = d.getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** Inflate as much of `raw` as decodes, at most `max` bytes; `cut` when the stream ended before deflate's end. */
function inflatePartial(raw: Buffer, max: number): { data: Buffer; cut: boolean } | 'too-big' {
  const maxOutputLength = Math.min(Math.max(1, max), buffers.MAX_LENGTH);
  try {
    return { data: inflateRawSync(raw, { maxOutputLength }), cut: false };
  } catch (err) {
    if (err instanceof RangeError) return 'too-big';
    // A cut stream: sync flush returns what decoded so far instead of failing on the missing end.
    try {
      return { data: inflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength }), cut: true };
    } catch (again) {
      return again instanceof RangeError ? 'too-big' : { data: Buffer.alloc(0), cut: true };
    }
  }
}

/** Every entry whose local header is in `buf`, in archive order; none unpacks past `maxBytes` (a bomb). */
export function salvageZip(buf: Buffer, maxBytes: number): SalvagedEntry[] {
  const out: SalvagedEntry[] = [];
  let at = buf.indexOf(SIG);
  while (at >= 0 && at + 30 <= buf.length) {
    if (buf.readUInt32LE(at) !== LOCAL_HEADER) break;
    const flags = buf.readUInt16LE(at + 6);
    const method = buf.readUInt16LE(at + 8);
    const compressed = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const extraLen = buf.readUInt16LE(at + 28);
    const start = at + 30 + nameLen + extraLen;
    if (start > buf.length) break; // the cut fell inside this header
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1');
    const mtime = dosTime(buf.readUInt16LE(at + 12), buf.readUInt16LE(at + 10));
    const sized = !(flags & FLAG_DESCRIPTOR) && compressed !== 0xffffffff;
    // Where this entry's data can end: its stated size, else the next local header, else the cut.
    const next = buf.indexOf(SIG, sized ? start + compressed : start);
    const end = sized ? Math.min(start + compressed, buf.length) : next < 0 ? buf.length : next;
    const raw = buf.subarray(start, end);
    const short = sized && start + compressed > buf.length;
    if (flags & FLAG_ENCRYPTED) out.push({ name, data: Buffer.alloc(0), mtime, skipped: 'encrypted zip entry skipped' });
    else if (method === 0) out.push({ name, data: raw, mtime, ...(short ? { damage: `cut after ${raw.length} of ${compressed} bytes` } : {}) });
    else if (method === 8) {
      const inflated = inflatePartial(raw, maxBytes);
      if (inflated === 'too-big') out.push({ name, data: Buffer.alloc(0), mtime, skipped: `unpacks past the ${maxBytes}-byte limit left: skipped` });
      else out.push({ name, data: inflated.data, mtime, ...(inflated.cut || short ? { damage: `cut after ${inflated.data.length} unpacked bytes` } : {}) });
    } else out.push({ name, data: Buffer.alloc(0), mtime, skipped: `zip compression method ${method} not supported: skipped` });
    at = next;
  }
  return out;
}
