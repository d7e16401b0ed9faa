import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0002-cors-disabled.ts';
import { access, log, model } from '../helpers/records.ts';

const WARN = 'CORS is disabled (AUTHPLANE_SERVER_ALLOWED_ORIGINS is empty); browser-based MCP clients will fail';

describe('AP0002 CORS disabled', () => {
  it('stays quiet when CORS is configured', () => {
    expect([...rule.check(model([access('GET', '/health', 200)]))]).toEqual([]);
  });

  it('is informational when nobody sent a browser preflight', () => {
    const [f] = [...rule.check(model([log(WARN, {}, { level: 'WARN' })]))];
    expect(f?.severity).toBe('info');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });

  it('warns with the refused preflights when browsers were turned away', () => {
    const w = log(WARN, {}, { level: 'WARN', line: 1 });
    const p1 = access('OPTIONS', '/oauth/token', 405, { line: 10, time: '2026-10-03T09:20:00Z' });
    const p2 = access('OPTIONS', '/oauth/register', 405, { line: 11, time: '2026-10-03T09:21:00Z' });
    const [f] = [...rule.check(model([w, p1, p2]))];
    expect(f?.severity).toBeUndefined();
    expect(f?.affected).toBe(2);
    expect(f?.explanation).toContain('2 browser preflight (OPTIONS) requests between 09:20:00 and 09:21:00');
    expect(f?.evidence.map((e) => e.line)).toEqual([1, 10, 11]);
  });
});
