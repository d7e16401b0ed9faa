import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0303-scope-not-advertised.ts';
import { doc, log, model } from '../helpers/records.ts';

const meta = doc('as-metadata', { issuer: 'https://auth.example.com', scopes_supported: ['tools/read'] }, { file: 'as.json' });

describe('AP0303 scope not advertised', () => {
  it('stays quiet when the PRM scopes are all advertised', () => {
    const prm = doc('prm', { resource: 'https://mcp/x', authorization_servers: ['https://auth.example.com'], scopes_supported: ['tools/read'] });
    expect([...rule.check(model([meta, prm]))]).toEqual([]);
  });

  it('warns about a PRM scope AuthPlane does not know', () => {
    const prm = doc('prm', { resource: 'https://mcp/x', scopes_supported: ['tools/read', 'tools/admin'] }, { file: 'prm.json' });
    const [f] = [...rule.check(model([meta, prm]))];
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('advertises "tools/admin"');
    expect(f?.evidence.map((e) => e.file)).toEqual(['as.json', 'prm.json']);
  });

  it('errors when the SDK requires a scope AuthPlane never issues', () => {
    const sdk = log('tool call failed', { error: 'verifier: insufficient scope: required scope "tools/add"; token has scopes: tools/read' }, { origin: 'mcp-server', line: 12 });
    const [f] = [...rule.check(model([meta, sdk]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('requires "tools/add"');
    expect(f?.evidence[1]?.line).toBe(12);
  });
});
