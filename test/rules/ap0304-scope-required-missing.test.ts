import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0304-scope-required-missing.ts';
import { exchange, log, model } from '../helpers/records.ts';

describe('AP0304 scope required but missing', () => {
  it('stays quiet for authorize redirects with a code', () => {
    const ok = exchange({ method: 'GET', path: '/oauth/authorize', status: 303, responseHeaders: { Location: 'https://app/cb?code=abc&state=s&iss=https%3A%2F%2Fa' } });
    expect([...rule.check(model([ok]))]).toEqual([]);
  });

  it('reads the URL-encoded error_description of the redirect', () => {
    const loc = 'http://127.0.0.1:33418/callback?error=invalid_scope&error_description=the+requested+scope+is+invalid+or+not+allowed%3A+scope+parameter+is+required+%28oauth.require_scope%3Dtrue%29&state=x';
    const x = exchange({ method: 'GET', url: 'https://auth.example.com/oauth/authorize?client_id=claude', path: '/oauth/authorize', status: 303, responseHeaders: { Location: loc } }, null, { file: 'captures/authorize.txt' });
    const [f] = [...rule.check(model([x]))];
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('1 authorize request was refused with invalid_scope');
    expect(f?.evidence[0]?.file).toBe('captures/authorize.txt');
    expect(rule.fix).toContain('AUTHPLANE_OAUTH_REQUIRE_SCOPE=false');
  });

  it('counts log lines carrying the description and names the client', () => {
    const lines = [1, 2, 3].map((i) => log('authorize error', { client_id: 'claude-code', error: 'the requested scope is invalid or not allowed: scope parameter is required (oauth.require_scope=true)' }, { level: 'WARN', line: i }));
    const [f] = [...rule.check(model(lines))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('for client claude-code');
    expect(f?.affected).toBe(3);
  });
});
