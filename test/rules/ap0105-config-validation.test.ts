import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0105-config-validation.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0105 config validation', () => {
  it('stays quiet when the config validated', () => {
    expect([...rule.check(model([log('starting authserver', { version: '0.2.2' })]))]).toEqual([]);
  });

  it('lists each numbered problem and the setting that fixes it', () => {
    const msg = 'error: load config: configuration validation failed:\n  1. session.secret is required when server.issuer is not localhost\n  2. admin.api_key is required when admin is enabled and server.issuer is not localhost';
    const [f] = [...rule.check(model([log(msg, {}, { level: 'ERROR', format: 'fatal', line: 1 })]))];
    expect(f?.explanation).toContain('"session.secret is required when server.issuer is not localhost"');
    expect(f?.explanation).toContain('"admin.api_key is required when admin is enabled and server.issuer is not localhost"');
    expect(f?.fix).toContain('AUTHPLANE_SESSION_SECRET');
    expect(f?.fix).toContain('AUTHPLANE_ADMIN_API_KEY');
  });

  it('collects numbered items written as separate lines after the header', () => {
    const head = log('error: load config: configuration validation failed:', {}, { level: 'ERROR', format: 'fatal', file: 'boot.log', line: 1 });
    const item = log('  1. dpop.proof_lifetime must be between 10s and 300s', {}, { level: 'ERROR', format: 'plain', file: 'boot.log', line: 2 });
    const [f] = [...rule.check(model([head, item]))];
    expect(f?.fix).toContain('AUTHPLANE_DPOP_PROOF_LIFETIME');
    expect(f?.evidence.map((e) => e.line)).toEqual([1, 2]);
  });
});
