import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0003-version-skew.ts';
import { log, model } from '../helpers/records.ts';

const boot = (source: string, version: string, time: string, line: number) =>
  log('starting authserver', { version, issuer: 'https://auth.example.com', address: ':9000' }, { source, time, line, file: `${source}.log` });

describe('AP0003 version skew', () => {
  it('stays quiet when every instance runs the same version (v-prefix or not)', () => {
    const m = model([boot('pod-a', '0.2.2', '2026-10-03T09:00:00Z', 1), boot('pod-b', 'v0.2.2', '2026-10-03T09:00:05Z', 1)]);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('stays quiet for one instance upgraded in place', () => {
    const m = model([boot('pod-a', '0.2.1', '2026-10-03T09:00:00Z', 1), boot('pod-a', '0.2.2', '2026-10-03T10:00:00Z', 50)]);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('names both versions and the instances running them', () => {
    const m = model([boot('pod-a', '0.2.1', '2026-10-03T09:00:00Z', 1), boot('pod-b', '0.2.2', '2026-10-03T09:00:05Z', 1)]);
    const [f] = [...rule.check(m)];
    expect(f?.explanation).toContain('0.2.1 on pod-a');
    expect(f?.explanation).toContain('0.2.2 on pod-b');
    expect(f?.evidence.map((e) => e.file).sort()).toEqual(['pod-a.log', 'pod-b.log']);
  });
});
