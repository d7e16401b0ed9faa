// A support bundle whose audit dump is an SQL export of the whole audit_events table, and
// `forensic analyze` on it: wall time, peak RSS and the causes. The base is the sample bundle the
// main bench grows (gen.ts); the rows added are healthy traffic of a mid-size deployment (40 clients,
// 30 000 users, 150 000 token families), so the causes must equal the sample's own.
// Usage: node --import tsx bench/audit-dump.ts [rows...]   (default 600000: ~170 MB of JSON)
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_SAMPLE, Rng } from './gen.ts';
import { benchAgainstSample, sampleVariant } from './measure.ts';

const SAMPLE = fileURLToPath(new URL(`../samples/${BASE_SAMPLE}.tgz`, import.meta.url));
const DIR = join(tmpdir(), 'forensic-bench');
// No revocations: a family refreshed after its revocation is a finding (token-revoked-still-used).
const ACTIONS = ['token.issued', 'token.issued', 'token.refreshed', 'token.refreshed', 'token.refreshed', 'token.refreshed', 'user.login'];
const DAY_START = Date.parse('2026-10-02T09:00:00Z');

/** The sample bundle with `rows` more rows in audit/audit.json (cached by row count). */
function bundleWithDump(rows: number): string {
  return sampleVariant({ dir: DIR, sample: SAMPLE, name: `audit-dump-${rows}`, edit: (bundle) => writeDump(join(bundle, 'audit', 'audit.json'), rows) });
}

/** Append `rows` generated rows to the sample's audit dump at `file`. */
function writeDump(file: string, rows: number): void {
  const own = readFileSync(file, 'utf8').trim();
  const rng = new Rng(rows);
  const clients = Array.from({ length: 40 }, () => rng.id22());
  const users = Array.from({ length: 30_000 }, () => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-8${rng.hex(3)}-${rng.hex(12)}`);
  const families = Array.from({ length: 150_000 }, () => rng.id22());
  const fd = openSync(file, 'w');
  // The sample's own rows first (they carry the planted failures), then the export's, a day before them.
  writeSync(fd, own.replace(/\]\s*$/, ''));
  let batch = '';
  for (let i = 0; i < rows; i++) {
    const action = rng.pick(ACTIONS);
    const detail = action.startsWith('token.') ? `family=${rng.pick(families)}` : '';
    const at = new Date(DAY_START + Math.floor((i / rows) * 20 * 3_600_000)).toISOString();
    const client = action === 'user.login' ? '' : rng.pick(clients);
    batch += `,{"id":"${rng.id22()}","action":"${action}","actor_id":"${rng.pick(users)}","client_id":"${client}",`
      + `"ip":"10.42.${rng.int(8)}.${rng.int(250)}","detail":"${detail}","trace_id":"${rng.hex(32)}","created_at":"${at}"}`;
    if (batch.length > 1 << 20) {
      writeSync(fd, batch);
      batch = '';
    }
  }
  writeSync(fd, `${batch}]\n`);
  closeSync(fd);
}

const sizes = process.argv.slice(2).map(Number);
benchAgainstSample({
  name: 'audit-dump', dir: DIR, sample: SAMPLE, unit: 'dumped rows',
  sizes: sizes.length > 0 ? sizes : [600_000], make: bundleWithDump,
});
