// The project's end-to-end check: every sample bundle in samples/ is analyzed in-process and held to
// its expected.json. Expectations the analyzer does not meet yet are listed in ONE place,
// samples/known-gaps.json; those are reported as still open, and a listed gap that is met fails the
// test so the list only ever shrinks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/cli/pipeline.ts';
import type { Analysis } from '../../src/rules/index.ts';
import { checksOf, isMet, type Expected } from './checks.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const GAPS = JSON.parse(readFileSync(join(SAMPLES, 'known-gaps.json'), 'utf8')) as Record<string, string[]>;
const expectations = readdirSync(SAMPLES).filter((f) => f.endsWith('.expected.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(SAMPLES, f), 'utf8')) as Expected);

/** The bundle next to an expected.json: <name>.tgz, <name>.zip or the directory <name>/. */
function bundleOf(name: string): string {
  for (const p of [`${name}.tgz`, `${name}.zip`, name]) if (existsSync(join(SAMPLES, p))) return join(SAMPLES, p);
  throw new Error(`no bundle for ${name}.expected.json in samples/`);
}

describe('known-gaps.json', () => {
  it('names only scenarios and checks that exist', () => {
    const byName = new Map(expectations.map((e) => [e.scenario, checksOf(e)]));
    const stale: string[] = [];
    for (const [scenario, ids] of Object.entries(GAPS)) {
      const checks = byName.get(scenario);
      for (const id of ids) if (!checks?.includes(id)) stale.push(`${scenario}: ${id}`);
    }
    expect(stale).toEqual([]);
  });
});

for (const exp of expectations) {
  describe(exp.scenario, () => {
    let analysis: Analysis | undefined;
    let failure: string | undefined;
    beforeAll(async () => {
      try {
        analysis = (await runPipeline(bundleOf(exp.scenario), { progress: false })).analysis;
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
      }
    }, 120_000);

    for (const id of checksOf(exp)) {
      const isGap = GAPS[exp.scenario]?.includes(id) ?? false;
      it(isGap ? `${id} (known gap, still open)` : id, () => {
        const met = analysis !== undefined && isMet(id, exp, analysis);
        const seen = analysis ? analysis.findings.map((f) => `${f.cause}/${f.severity}`).join(', ') || 'no findings' : `analysis failed: ${failure}`;
        if (isGap) expect(met, `${exp.scenario}: "${id}" is met now; remove it from samples/known-gaps.json`).toBe(false);
        else expect(met, `${exp.scenario}: expected ${id}; the analyzer reported: ${seen}`).toBe(true);
      });
    }
  });
}
