// The sample generator: byte-for-byte regeneration of committed bundles, and a corpus that covers
// every contract cause with honest expected.json files.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFiles } from '../../samples/gen/bundle.ts';
import { buildWorld, generate } from '../../samples/gen/run.ts';
import { SCENARIOS } from '../../samples/gen/scenarios/index.ts';
import { TokenCache } from '../../samples/gen/tokens.ts';
import { CAUSES } from '../../src/rules/index.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'forensic-samples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run samples', () => {
  const picked = ['signing-key-regenerated', 'healthy-compose-text', 'healthy-systemd-journald', 'kid-unknown'];

  it('regenerates committed bundles byte for byte (tgz, zip and a plain directory)', async () => {
    await generate({ outDir: tmp, only: picked, saveCache: false });
    for (const name of picked) {
      for (const f of readdirSync(tmp).filter((x) => x.startsWith(`${name}.`))) {
        expect(readFileSync(join(tmp, f)).equals(readFileSync(join(SAMPLES, f))), `${f} differs from the committed copy`).toBe(true);
      }
    }
    const dir = 'healthy-systemd-journald/journal/authserver.json';
    expect(readFileSync(join(tmp, dir)).equals(readFileSync(join(SAMPLES, dir)))).toBe(true);
  });

  it('has a bundle and an expected.json for every scenario', () => {
    const files = readdirSync(SAMPLES);
    for (const s of SCENARIOS) {
      expect(files, s.name).toContain(`${s.name}.expected.json`);
      expect([`${s.name}.tgz`, `${s.name}.zip`, s.name].some((f) => files.includes(f)), s.name).toBe(true);
    }
  });
});

describe('the scenario corpus', () => {
  it('reports every cause of the contract in at least one sample', () => {
    const covered = new Set(SCENARIOS.flatMap((s) => s.must_report));
    expect(Object.keys(CAUSES).filter((c) => !covered.has(c))).toEqual([]);
  });

  it('uses only contract causes, with the primary among the causes to report', () => {
    for (const s of SCENARIOS) {
      for (const c of [...s.must_report, ...s.must_not_report]) expect(Object.keys(CAUSES), `${s.name}: ${c}`).toContain(c);
      if (s.primary) expect(s.must_report, s.name).toContain(s.primary);
      expect(s.must_report.filter((c) => s.must_not_report.includes(c)), s.name).toEqual([]);
    }
  });

  it('has three healthy bundles that expect no cause, and three with two causes', () => {
    expect(SCENARIOS.filter((s) => s.healthy && s.must_report.length === 0 && s.primary === null)).toHaveLength(3);
    expect(SCENARIOS.filter((s) => s.name.startsWith('combo-') && s.must_report.length === 2)).toHaveLength(3);
  });

  it('plants every listed secret and debug id somewhere in the bundle', async () => {
    const cache = new TokenCache();
    for (const name of ['signing-key-regenerated', 'pkce-failures', 'token-revoked-still-used', 'signer-unavailable']) {
      const s = SCENARIOS.find((x) => x.name === name)!;
      const w = await buildWorld(s, cache);
      const text = bundleFiles(w).map((f) => f.data.toString('utf8')).join('\n');
      for (const v of [...w.secrets, ...w.mustSurvive]) expect(text.includes(v), `${name}: ${v.slice(0, 24)}… not in the bundle`).toBe(true);
    }
  });
});
