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

  // A pod's log: a boot, token traffic every 5 minutes from `from` to `to` (minutes after 09:00), and optionally a graceful stop.
  const t = (min: number, sec = 0) => `2026-10-03T09:${String(min).padStart(2, '0')}:${String(sec).padStart(2, '0')}Z`;
  const pod = (source: string, version: string, from: number, to: number, stopAt?: number) => [
    boot(source, version, t(from), 1),
    ...Array.from({ length: Math.floor((to - from) / 5) }, (_, i) => log('http request', { method: 'POST', path: '/oauth/token', status: 200 }, { source, file: `${source}.log`, time: t(from + 5 * (i + 1)) })),
    ...(stopAt === undefined ? [] : [
      log('shutting down', {}, { source, file: `${source}.log`, time: t(stopAt) }),
      log('stopped gracefully', {}, { source, file: `${source}.log`, time: t(stopAt, 1) }),
    ]),
  ];

  it('only notes a finished rolling upgrade: the 0.2.1 pod stopped gracefully and the 0.2.2 pod served alone afterwards', () => {
    const [f, ...rest] = [...rule.check(model([...pod('pod-a', '0.2.1', 0, 20, 20), ...pod('pod-b', '0.2.2', 19, 53)]))];
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('info');
    expect(f?.confidence).toBeLessThanOrEqual(0.3);
    expect(f?.explanation).toContain('pod-a (0.2.1) stopped at 09:20');
    expect(f?.explanation).toContain('only 0.2.2 runs after 09:20');
  });

  it('still warns when one old pod was replaced but another old pod keeps serving (a stalled rollout)', () => {
    const [f] = [...rule.check(model([...pod('pod-a', '0.2.1', 0, 20, 20), ...pod('pod-b', '0.2.2', 19, 53), ...pod('pod-c', '0.2.1', 0, 53)]))];
    expect(f?.severity).toBeUndefined();
    expect(f?.explanation).toContain('2 AuthPlane versions running side by side: 0.2.1 on pod-c; 0.2.2 on pod-b');
  });

  it('still warns when pods of both versions served together until they were all stopped at the end', () => {
    const [f] = [...rule.check(model([...pod('pod-a', '0.2.1', 0, 50, 50), ...pod('pod-b', '0.2.2', 0, 50, 50)]))];
    expect(f?.severity).toBeUndefined();
    expect(f?.explanation).toContain('0.2.1 on pod-a');
    expect(f?.explanation).toContain('0.2.2 on pod-b');
  });
});
