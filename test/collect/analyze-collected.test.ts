import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/cli/pipeline.ts';
import { collect } from '../../src/collect/index.ts';
import { optionsFor } from './bundle-files.ts';
import { refusedPort, startFake } from './fake-authplane.ts';

let dir: string;
let logs: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-collect-e2e-'));
  logs = join(dir, 'host-logs');
  mkdirSync(logs);
  writeFileSync(join(logs, 'authserver.log'), [
    JSON.stringify({ time: '2026-10-03T09:15:00Z', level: 'INFO', msg: 'starting authserver', service: 'authserver', version: '0.2.2', issuer: 'https://auth.example.com', address: ':9000' }),
    JSON.stringify({ time: '2026-10-03T09:16:10Z', level: 'INFO', msg: 'http request', service: 'authserver', method: 'POST', path: '/oauth/token', status: 200, duration_ms: 12, request_id: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60', trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }),
    '',
  ].join('\n'));
  // The Python SDK's demo logging format (sdk-facts.md §1.3).
  writeFileSync(join(logs, 'mcp-server.log'), [
    '2026-10-03 09:15:05,120 authplane.client INFO AuthplaneClient initialized',
    '2026-10-03 09:15:05,310 authplane.internal.metadata INFO Extracted jwks_uri from AS metadata',
    '',
  ].join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function checklistOf(out: string) {
  const { analysis } = await runPipeline(out, { progress: false });
  return new Map(analysis.checklist.map((c) => [c.step, c]));
}

describe('forensic analyze on a collected bundle', () => {
  it('decides every checklist step but the live reproduction when the deployment exposes all endpoints', async () => {
    const fake = await startFake({ auditRows: 4 });
    try {
      const out = join(dir, 'healthy.tgz');
      await collect(optionsFor(fake, out, [], { logs: [join(logs, '*.log')] }));
      const steps = await checklistOf(out);
      for (const step of [1, 2, 3, 4, 5, 6, 7, 8, 10]) expect([step, steps.get(step)?.status]).toEqual([step, 'pass']);
      expect(steps.get(9)?.status).toBe('unknown');
    } finally {
      await fake.close();
    }
  });

  it('checks steps 1 to 3 from the collected documents alone, without any logs', async () => {
    const fake = await startFake({ auditRows: 1 });
    try {
      const out = join(dir, 'nologs.tgz');
      await collect(optionsFor(fake, out, []));
      const steps = await checklistOf(out);
      expect([1, 2, 3].map((s) => steps.get(s)?.status)).toEqual(['pass', 'pass', 'pass']);
    } finally {
      await fake.close();
    }
  });

  it('fails step 1 on the database when /health answers 503 degraded', async () => {
    const fake = await startFake({ isDegraded: true });
    try {
      const out = join(dir, 'degraded.tgz');
      await collect(optionsFor(fake, out, []));
      const step1 = (await checklistOf(out)).get(1);
      expect(step1?.status).toBe('fail');
      expect(step1?.findings).toContain('AP0102');
    } finally {
      await fake.close();
    }
  });

  it('fails step 1 as unreachable when AuthPlane refuses connections', async () => {
    const fake = await startFake();
    try {
      const down = await refusedPort();
      const out = join(dir, 'down.tgz');
      await collect(optionsFor(fake, out, [], { publicUrl: down, adminUrl: down }));
      const step1 = (await checklistOf(out)).get(1);
      expect(step1?.status).toBe('fail');
      expect(step1?.findings).toContain('AP0101');
    } finally {
      await fake.close();
    }
  });

  it('flags an MCP server whose PRM is missing (step 2) from the recorded 404s', async () => {
    const fake = await startFake({ hasPrm: false });
    try {
      const out = join(dir, 'noprm.tgz');
      await collect(optionsFor(fake, out, []));
      const step2 = (await checklistOf(out)).get(2);
      expect(step2?.status).toBe('fail');
      expect(step2?.findings).toContain('AP0207');
    } finally {
      await fake.close();
    }
  });
});
