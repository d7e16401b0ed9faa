import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0203-discovery-not-found.ts';
import { access, exchange, model } from '../helpers/records.ts';

describe('AP0203 discovery not found', () => {
  it('stays quiet for bots hitting unknown paths on the public port', () => {
    const m = model([access('GET', '/wp-login.php', 404), access('GET', '/.env', 404), access('GET', '/.well-known/oauth-authorization-server', 200)]);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('says "wrong port" for discovery fetched from the admin port', () => {
    const x = exchange({ method: 'GET', url: 'http://localhost:9001/.well-known/oauth-authorization-server', port: 9001, path: '/.well-known/oauth-authorization-server', status: 404 }, null, { file: 'captures/discovery.txt' });
    const [f] = [...rule.check(model([x]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('(the admin port)');
    expect(f?.explanation).toContain('not on the admin port 9001');
    expect(f?.evidence[0]).toEqual(expect.objectContaining({ file: 'captures/discovery.txt', excerpt: 'GET http://localhost:9001/.well-known/oauth-authorization-server → 404' }));
  });

  it('counts discovery requests that reached the admin server access log', () => {
    const line = access('GET', '/.well-known/jwks.json', 404, { component: 'admin-http', line: 8 });
    const [f] = [...rule.check(model([line]))];
    expect(f?.explanation).toContain('1 discovery request reached the admin server (port 9001)');
    expect(f?.evidence.map((e) => e.line)).toEqual([8]);
  });
});
