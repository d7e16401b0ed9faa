import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/rules/index.ts';
import { runCli } from '../helpers/run-cli.ts';

describe('forensic rules', () => {
  it('lists every rule id with its step, severity and cause', () => {
    const r = runCli(['rules']);
    expect(r.code).toBe(0);
    for (const rule of CATALOG) expect(r.stdout).toContain(rule.id);
    expect(r.stdout).toMatch(/AP0401\s+4\s+error\s+signing-key-regenerated/);
  });

  it('prints the catalog as a JSON array', () => {
    const r = runCli(['rules', '--format', 'json']);
    const list = JSON.parse(r.stdout) as { id: string; cause: string }[];
    expect(list.length).toBe(CATALOG.length);
    expect(list.find((x) => x.id === 'AP0204')?.cause).toBe('jwks-empty');
  });

  it('explains one rule with its step title, needs and fix', () => {
    const r = runCli(['rules', 'AP0402']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cause:          kid-unknown');
    expect(r.stdout).toContain('step:           4 (Token signed by the expected key)');
    expect(r.stdout).toContain('consequence of: signing-key-regenerated');
    expect(r.stdout).toContain('jwks.json');
  });

  it('explains the rules of a cause id', () => {
    const r = runCli(['rules', 'jwks-empty']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AP0204');
    expect(r.stdout).toContain('AP0206');
  });

  it('files AuthPlane failing to load its own keys under jwks-empty, not under a resource server failing to fetch', () => {
    const r = runCli(['rules', 'jwks-unavailable']);
    expect(r.stdout).toContain('AP0205');
    expect(r.stdout).not.toContain('AP0206');
  });

  it('groups the failed key load with the empty JWKS it explains instead of listing it among other findings', () => {
    const r = runCli(['analyze', 'samples/jwks-empty.tgz', '--format', 'json']);
    const ap0206 = (JSON.parse(r.stdout) as { findings: { rule: string; cause: string; consequence_of?: string }[] }).findings.find((f) => f.rule === 'AP0206');
    expect(ap0206).toMatchObject({ cause: 'jwks-empty', consequence_of: 'AP0204' });
  });

  it('exits 2 with a hint for an unknown id', () => {
    const r = runCli(['rules', 'AP9999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('forensic rules');
    expect(r.stdout).toBe('');
  });
});
