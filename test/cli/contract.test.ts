// What scripts rely on (shared/contract.md): the JSON document's shape and the exit codes.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const CASCADE = 'samples/signing-key-regenerated.tgz';
const HEALTHY = 'samples/healthy-compose-text.zip';

describe('analyze --format json follows the contract', () => {
  const run = runCli(['analyze', CASCADE, '--format', 'json']);
  const doc = JSON.parse(run.stdout) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('prints one JSON document on stdout and nothing else', () => {
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(run.stdout.trim().endsWith('}')).toBe(true);
    expect(doc.schema).toBe('forensic.analysis/v1');
    expect(doc.tool).toEqual({ name: 'forensic', version: '0.1.0' });
  });

  it('describes the bundle with its files and problems', () => {
    expect(doc.bundle.source).toBe(CASCADE);
    expect(doc.bundle.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.bundle.authplane_version).toBe('0.2.2');
    expect(Date.parse(doc.bundle.time_range.from)).toBeLessThan(Date.parse(doc.bundle.time_range.to));
    const log = doc.bundle.files.find((f: { path: string }) => f.path === 'support-bundle/logs/authserver-74cf9d0e4-fmwfb.log');
    expect(log).toEqual(expect.objectContaining({ kind: 'log', format: 'slog-json', records: expect.any(Number), skipped: 0 }));
    expect(Array.isArray(doc.bundle.problems)).toBe(true);
  });

  it('lists the ten checklist steps with a status and a note', () => {
    expect(doc.checklist.map((c: { step: number }) => c.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const c of doc.checklist) {
      expect(['pass', 'warn', 'fail', 'unknown']).toContain(c.status);
      expect(typeof c.title).toBe('string');
      expect(typeof c.note).toBe('string');
      expect(Array.isArray(c.findings)).toBe(true);
    }
    expect(doc.checklist[3]).toEqual(expect.objectContaining({ step: 4, status: 'fail', findings: ['AP0401', 'AP0402'] }));
  });

  it('puts the root cause first with evidence a user can open, and its consequence after it', () => {
    const [first, second] = doc.findings;
    expect(first).toEqual(expect.objectContaining({ rule: 'AP0401', cause: 'signing-key-regenerated', step: 4, severity: 'error', related: ['AP0402'] }));
    expect(second).toEqual(expect.objectContaining({ rule: 'AP0402', cause: 'kid-unknown', consequence_of: 'AP0401' }));
    for (const f of doc.findings) {
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
      for (const key of ['title', 'explanation', 'fix', 'docs']) expect(typeof f[key]).toBe('string');
      for (const e of f.evidence) {
        expect(['log', 'metric', 'audit', 'document', 'token']).toContain(e.kind);
        expect(typeof e.file).toBe('string');
        expect(Number.isInteger(e.line)).toBe(true);
        expect(typeof e.excerpt).toBe('string');
        // Required fields are present, null when the evidence has none (a metric has no trace).
        for (const key of ['time', 'trace_id', 'request_id']) expect(e[key] === null || typeof e[key] === 'string', `${key} of ${e.file}:${e.line}`).toBe(true);
      }
    }
    expect(first.evidence.some((e: { file: string; line: number }) => e.file === 'support-bundle/logs/authserver-74cf9d0e4-fmwfb.log' && e.line === 8)).toBe(true);
  });

  it('counts records, traces and requests', () => {
    expect(doc.stats).toEqual(expect.objectContaining({ records: expect.any(Number), traces: expect.any(Number), requests: expect.any(Number), elapsed_ms: expect.any(Number) }));
    expect(doc.stats.records).toBeGreaterThan(1000);
  });
});

describe('exit codes', () => {
  it('exits 1 when a finding is at or above --fail-on (default error)', () => {
    expect(runCli(['analyze', CASCADE, '-q']).code).toBe(1);
  });
  it('exits 0 with --fail-on never even when the bundle is broken', () => {
    expect(runCli(['analyze', CASCADE, '-q', '--fail-on', 'never']).code).toBe(0);
  });
  it('separates warnings from errors: exit 0 by default, 1 with --fail-on warning', () => {
    // the CORS sample's only finding is a warning (browser clients fail preflight)
    expect(runCli(['analyze', 'samples/cors-disabled.zip', '-q']).code).toBe(0);
    expect(runCli(['analyze', 'samples/cors-disabled.zip', '-q', '--fail-on', 'warning']).code).toBe(1);
  });
  it('exits 0 on a healthy bundle', () => {
    expect(runCli(['analyze', HEALTHY, '-q']).code).toBe(0);
  });
  it('exits 3 with a one-line reason when the bundle does not exist', () => {
    const r = runCli(['analyze', 'no/such/bundle.tgz']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no/such/bundle.tgz');
  });
  it('exits 2 on an unknown --fail-on value', () => {
    expect(runCli(['analyze', CASCADE, '--fail-on', 'sometimes']).code).toBe(2);
  });
});

describe('analyze --format json: fields a bundle cannot fill are null, not missing', () => {
  it('gives a problem without a line number line: null (observability-gap has empty metrics snapshots)', () => {
    const doc = JSON.parse(runCli(['analyze', 'samples/observability-gap.tgz', '--format', 'json']).stdout) as { bundle: { problems: Record<string, unknown>[] } };
    const empty = doc.bundle.problems.find((p) => p.problem === 'empty metrics snapshot');
    expect(empty).toEqual({ path: expect.stringMatching(/\.prom$/), line: null, problem: 'empty metrics snapshot' });
  });
});
