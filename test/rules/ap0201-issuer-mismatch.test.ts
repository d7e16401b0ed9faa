import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0201-issuer-mismatch.ts';
import { doc, log, model } from '../helpers/records.ts';

const boot = (issuer: string) => log('starting authserver', { version: '0.2.2', issuer, address: ':9000' }, { file: 'logs/authserver.log', line: 1 });
const meta = (issuer: string) => doc('as-metadata', { issuer, scopes_supported: ['tools/read'] }, { file: 'well-known/as.json' });

describe('AP0201 issuer mismatch', () => {
  it('stays quiet when discovery and configuration agree', () => {
    expect([...rule.check(model([boot('https://auth.example.com'), meta('https://auth.example.com')]))]).toEqual([]);
  });

  it('explains the localhost default when the configured issuer never reached the process', () => {
    const env = doc('env', { AUTHPLANE_SERVER_ISSUER: 'https://auth.example.com' }, { file: 'authplane.env' });
    const [f] = [...rule.check(model([env, meta('http://localhost:9000')]))];
    expect(f?.explanation).toContain('advertises issuer "http://localhost:9000" but AuthPlane is configured with "https://auth.example.com"');
    expect(f?.explanation).toContain('never received AUTHPLANE_SERVER_ISSUER');
    expect(f?.evidence[0]).toEqual(expect.objectContaining({ file: 'well-known/as.json', excerpt: 'issuer: "http://localhost:9000"' }));
    expect(f?.evidence[1]).toEqual(expect.objectContaining({ file: 'authplane.env', line: 1 }));
  });

  it('compares with the issuer of the boot line when there is no config file', () => {
    const [f] = [...rule.check(model([boot('https://auth.example.com'), meta('https://auth.internal')]))];
    expect(f?.explanation).toContain('served by a server started with another issuer');
  });

  it('points out a trailing-slash difference', () => {
    const [f] = [...rule.check(model([boot('https://auth.example.com'), meta('https://auth.example.com/')]))];
    expect(f?.explanation).toContain('trailing slash');
  });
});
