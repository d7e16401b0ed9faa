import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.ts';
import { optionsFor, readBundle } from './bundle-files.ts';
import { refusedPort, startFake } from './fake-authplane.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-collect-failures-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const summaryOf = (lines: string[]) => lines.filter((l) => l.startsWith('collected with failures'));

describe('what counts as a failed item', () => {
  it('names nothing when every item came back, a 429 retried into success included', async () => {
    const fake = await startFake({ auditRows: 3, isSlowDownOnce: true });
    try {
      const lines: string[] = [];
      const r = await collect(optionsFor(fake, join(dir, 'healthy.tgz'), lines));
      expect(r.manifest.items.some((i) => i.status === 429)).toBe(true);
      expect(r.failed).toEqual([]);
      expect(summaryOf(lines)).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('does not count a PRM location that missed when another one answered', async () => {
    const fake = await startFake({ advertisedPrmPath: '/.well-known/moved-prm' });
    try {
      const r = await collect(optionsFor(fake, join(dir, 'prm-moved.tgz'), []));
      const prm = r.manifest.items.filter((i) => /\/prm(-\d)?$/.test(i.name));
      expect(prm.map((i) => [new URL(i.url!).pathname, i.status])).toEqual([
        ['/.well-known/moved-prm', 404], ['/.well-known/oauth-protected-resource/mcp', 200],
      ]);
      expect(r.failed).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('counts a 503 /health but not a log pattern that matched nothing (skipped), and still writes the rest', async () => {
    const fake = await startFake({ isDegraded: true });
    try {
      const lines: string[] = [];
      const out = join(dir, 'degraded.tgz');
      const r = await collect(optionsFor(fake, out, lines, { resources: [], logs: [join(dir, 'nope', 'authserver.log')] }));
      expect(r.failed.map((i) => i.name)).toEqual(['public/health']);
      expect(r.manifest.items.find((i) => i.name.startsWith('logs '))?.outcome).toBe('skipped');
      expect(summaryOf(lines)).toEqual([`collected with failures: 1 of ${r.manifest.items.length} items failed: public/health (HTTP 503)\n`]);
      expect((await readBundle(out)).has('public/jwks.json')).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('names the first five failures on one line, the rest by count, even when quiet', async () => {
    const down = await refusedPort();
    const fake = await startFake();
    try {
      const lines: string[] = [];
      const out = join(dir, 'down.tgz');
      const r = await collect(optionsFor(fake, out, lines, { publicUrl: down, adminUrl: down, resources: [], isQuiet: true }));
      // metrics-1, six public documents, three admin documents and the first audit page; metrics-2 is skipped.
      expect(r.manifest.items).toHaveLength(12);
      expect(r.failed).toHaveLength(11);
      expect(lines).toEqual([
        'collected with failures: 11 of 12 items failed: admin/metrics-1 (connection refused), public/health (connection refused), '
        + 'public/ready (connection refused), public/livez (connection refused), public/oauth-authorization-server (connection refused), '
        + 'and 6 more (see manifest.json)\n',
      ]);
      expect(existsSync(out)).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
