import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0001-session-secret-ephemeral.ts';
import { log, model } from '../helpers/records.ts';

const WARN = 'session.secret not configured - using random ephemeral secret (sessions will not survive restarts)';
const boot = (source: string, time: string) => log('starting authserver', { version: '0.2.2' }, { source, time });

describe('AP0001 session secret ephemeral', () => {
  it('stays quiet when the server logs no ephemeral-secret warning', () => {
    expect([...rule.check(model([boot('pod/a', '2026-10-03T09:00:00Z')]))]).toEqual([]);
  });

  it('warns that sessions break across instances when two instances use random secrets', () => {
    const a = log(WARN, {}, { level: 'WARN', source: 'pod/a', file: 'a.log', line: 2, time: '2026-10-03T09:00:01Z' });
    const b = log(WARN, {}, { level: 'WARN', source: 'pod/b', file: 'b.log', line: 2, time: '2026-10-03T09:00:02Z' });
    const [f, ...rest] = [...rule.check(model([boot('pod/a', '2026-10-03T09:00:00Z'), a, boot('pod/b', '2026-10-03T09:00:00Z'), b]))];
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBe(0.9);
    expect(f?.explanation).toContain('2 instances');
    expect(f?.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['a.log:2', 'b.log:2']);
  });

  it('is only informational for one instance that never restarted', () => {
    const w = log(WARN, {}, { level: 'WARN', source: 'pod/a', time: '2026-10-03T09:00:01Z' });
    const [f] = [...rule.check(model([boot('pod/a', '2026-10-03T09:00:00Z'), w]))];
    expect(f?.severity).toBe('info');
    expect(f?.explanation).toContain('next restart');
  });
});
