import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0405-token-type-invalid.ts';
import { log, model, token } from '../helpers/records.ts';

describe('AP0405 token type invalid', () => {
  it('stays quiet for at+jwt ES256 access tokens', () => {
    expect([...rule.check(model([token({ kid: 'k1' }, { iss: 'https://a' })]))]).toEqual([]);
  });

  it('recognises an ID token sent as bearer token', () => {
    const t = token({ typ: 'JWT', kid: 'k1' }, { iss: 'https://a', nonce: 'n1' }, { use: 'unknown', foundIn: 'http-exchange', file: 'captures/call.txt' });
    const [f] = [...rule.check(model([t]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('typ is "JWT", not "at+jwt" (it looks like an ID token)');
    expect(f?.evidence[0]?.file).toBe('captures/call.txt');
  });

  it('reports an HS256 token by its algorithm', () => {
    const t = token({ alg: 'HS256' }, { iss: 'https://a' });
    const [f] = [...rule.check(model([t]))];
    expect(f?.explanation).toContain('alg HS256 is not allowed');
  });

  it('counts SDK rejections for typ', () => {
    const r = log('token verification failed', { error: "Token type must be 'at+jwt', got 'JWT'" }, { origin: 'sdk', format: 'python', line: 5 });
    const [f] = [...rule.check(model([r]))];
    expect(f?.severity).toBe('warning');
    expect(f?.evidence.map((e) => e.line)).toEqual([5]);
  });
});
