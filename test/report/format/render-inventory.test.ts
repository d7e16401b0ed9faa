import { describe, expect, it } from 'vitest';
import { renderInventory } from '../../../src/report/index.ts';
import { fixtureAnalysis } from '../fixtures.ts';

describe('inventory', () => {
  it('lists every file with kind, format, wrapper, records, skipped and time range', () => {
    const lines = renderInventory(fixtureAnalysis(), { color: false }).split('\n');
    expect(lines[0]).toBe('/home/alice/cases/acme-bundle.tgz: 2 files');
    expect(lines[2]).toMatch(/^path +kind +format +wrapper +records +skipped +time range$/);
    expect(lines[3]).toMatch(/^logs\/authserver\.log +log +slog-json +kubectl-prefix +4 +1 +2026-10-03T09:15:00\.000Z → 2026-10-03T09:16:10\.100Z$/);
    expect(lines[4]).toMatch(/^config\/config\.yaml +document +config-yaml +- +1 +0 +-$/);
  });

  it('lists the problems with file:line', () => {
    expect(renderInventory(fixtureAnalysis(), { color: false })).toContain('1 problem:\n  logs/authserver.log:17  truncated JSON line');
  });
});
