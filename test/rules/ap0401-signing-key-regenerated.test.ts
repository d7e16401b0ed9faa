import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0401-signing-key-regenerated.ts';
import { log, model } from '../helpers/records.ts';

const boot = (time: string, line: number) => log('starting authserver', { version: '0.2.2', issuer: 'https://auth.example.com' }, { source: 'authserver-0', time, line });
const gen = (time: string, line: number) => log('no signing key found, generating', { algorithm: 'ES256' }, { source: 'authserver-0', time, line });

describe('AP0401 signing key regenerated', () => {
  it('stays quiet when the key is generated on the very first boot', () => {
    expect([...rule.check(model([boot('2026-10-03T09:00:00Z', 1), gen('2026-10-03T09:00:01Z', 2)]))]).toEqual([]);
  });

  it('stays quiet when a restart loads the persisted key', () => {
    const m = model([boot('2026-10-03T09:00:00Z', 1), gen('2026-10-03T09:00:01Z', 2), boot('2026-10-03T10:00:00Z', 40), log('JWKS cache reloaded', { key_count: 1 }, { source: 'authserver-0', time: '2026-10-03T10:00:01Z', line: 41 })]);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('reports a key generated again after a restart, with the unknown-kid failures that followed', () => {
    const miss = log('Token kid \'abc\' not found in JWKS after refresh.', {}, { origin: 'sdk', format: 'ts-console', level: 'WARN', time: '2026-10-03T10:05:00Z', line: 7, file: 'logs/mcp.log' });
    const m = model([boot('2026-10-03T09:00:00Z', 1), gen('2026-10-03T09:00:01Z', 2), boot('2026-10-03T10:00:00Z', 40), gen('2026-10-03T10:00:01Z', 41), miss]);
    const [f, ...rest] = [...rule.check(m)];
    expect(rest).toEqual([]);
    expect(f?.confidence).toBe(0.95);
    expect(f?.explanation).toContain('previous boot at 09:00:00');
    expect(f?.explanation).toContain('at 10:00:01 logged "no signing key found, generating"');
    expect(f?.explanation).toContain('1 request failed with an unknown kid');
    expect(f?.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['logs/authserver.log:1', 'logs/authserver.log:40', 'logs/authserver.log:41', 'logs/mcp.log:7']);
    expect(f?.since).toBe(Date.parse('2026-10-03T10:00:01Z'));
  });
});
