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

  it('names a misspelt AUTHPLANE_SERVER_ISSUER in a compose file as the reason the default won', () => {
    const env = doc('env', { AUTHPLANE_SERVER_ISSUER: 'https://auth.example.com' }, { file: 'authplane.env' });
    const compose = doc('env', { vars: { AUTHPLANE_SERVER_ISSUR: 'https://auth.example.com', AUTHPLANE_CONFIG: '/etc/authserver/config.yaml' }, lines: { AUTHPLANE_SERVER_ISSUR: 6, AUTHPLANE_CONFIG: 7 } }, { file: 'docker-compose.yml' });
    const [f] = [...rule.check(model([env, compose, meta('http://localhost:9000')]))];
    expect(f?.explanation).toContain('docker-compose.yml:6 sets AUTHPLANE_SERVER_ISSUR, a misspelling of AUTHPLANE_SERVER_ISSUER');
    expect(f?.evidence).toContainEqual(expect.objectContaining({ file: 'docker-compose.yml', line: 6 }));
    expect(f?.fix).toBe('Rename AUTHPLANE_SERVER_ISSUR to AUTHPLANE_SERVER_ISSUER in docker-compose.yml:6 and recreate the container so AuthPlane starts with issuer https://auth.example.com.');
  });

  it('does not take another setting for a misspelt issuer', () => {
    const env = doc('env', { AUTHPLANE_SERVER_ISSUER: 'https://auth.example.com', AUTHPLANE_SERVER_ADDRESS: ':9000' }, { file: 'authplane.env' });
    const [f] = [...rule.check(model([env, meta('http://localhost:9000')]))];
    expect(f?.explanation).toContain('never received AUTHPLANE_SERVER_ISSUER');
    expect(f?.fix).toBeUndefined();
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
