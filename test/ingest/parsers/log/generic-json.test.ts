// Generic JSON loggers whose key names vary, and how their levels and times are normalised.
import { describe, expect, it } from 'vitest';
import { one } from './fake-context.ts';

describe('generic JSON log lines', () => {
  it.each([
    ['{"ts":"2026-10-03T09:15:02.5Z","lvl":"warn","message":"cache miss"}'],
    ['{"timestamp":"2026-10-03T09:15:02.500Z","severity":"WARNING","message":"cache miss"}'],
    ['{"@timestamp":"2026-10-03T09:15:02.500+00:00","log.level":"warn","message":"cache miss"}'],
    ['{"asctime":"2026-10-03 09:15:02,500","levelname":"WARNING","message":"cache miss"}'],
    ['{"time":1791018902500,"level":40,"msg":"cache miss"}'],
    ['{"ts":1791018902.5,"level":"warn","msg":"cache miss"}'],
  ])('reads time, level and message from %s', (line) => {
    const rec = one(line);
    expect(rec).toMatchObject({ format: 'generic-json', level: 'WARN', msg: 'cache miss', ts: Date.UTC(2026, 9, 3, 9, 15, 2, 500) });
  });

  it('promotes OTel-style trace ids in their several spellings', () => {
    expect(one('{"time":"2026-10-03T09:15:02Z","level":"info","msg":"a","traceId":"t1","spanId":"s1"}')).toMatchObject({ traceId: 't1', spanId: 's1' });
    expect(one('{"time":"2026-10-03T09:15:02Z","level":"info","msg":"a","trace":{"id":"t2"},"span":{"id":"s2"}}')).toMatchObject({ traceId: 't2', spanId: 's2' });
    expect(one('{"time":"2026-10-03T09:15:02Z","severity":"INFO","message":"a","logging.googleapis.com/trace":"projects/p/traces/t3"}').traceId).toBe('t3');
  });

  it('reads an ECS service name as the service', () => {
    expect(one('{"@timestamp":"2026-10-03T09:15:02Z","log":{"level":"info"},"message":"a","service":{"name":"mcp-weather"}}')).toMatchObject({
      service: 'mcp-weather', level: 'INFO',
    });
  });

  it.each([
    ['"level":10', 'DEBUG'], ['"level":20', 'DEBUG'], ['"level":30', 'INFO'], ['"level":50', 'ERROR'], ['"level":60', 'ERROR'],
    ['"level":"trace"', 'DEBUG'], ['"level":"err"', 'ERROR'], ['"level":"fatal"', 'ERROR'], ['"level":"critical"', 'ERROR'],
    ['"level":"panic"', 'ERROR'], ['"severity":"NOTICE"', 'INFO'], ['"level":"Warning"', 'WARN'],
  ])('normalises %s to %s', (kv, want) => {
    expect(one(`{"time":"2026-10-03T09:15:02Z",${kv},"msg":"x"}`).level).toBe(want);
  });

  it('marks a JSON line from an AuthPlane Python logger as the SDK', () => {
    const rec = one('{"asctime":"2026-06-24 12:00:00,716","name":"authplane.verifier.verifier","levelname":"INFO","message":"Kid not found in JWKS, forcing refresh","kid":"k1"}');
    expect(rec).toMatchObject({ origin: 'sdk', msg: 'Kid not found in JWKS, forcing refresh' });
    expect(rec.attrs).toEqual({ name: 'authplane.verifier.verifier', kid: 'k1' });
  });

  it('keeps a purge line without a service key as the authserver talking', () => {
    expect(one('{"time":"2026-10-03T03:00:00Z","level":"ERROR","msg":"purge failed","table":"audit_events","error":"locked"}').origin).toBe('authserver');
  });
});
