import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0207-prm-missing.ts';
import { doc, exchange, log, model } from '../helpers/records.ts';

describe('AP0207 PRM missing', () => {
  it('stays quiet when the PRM is served', () => {
    const prm = doc('prm', { resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'] });
    expect([...rule.check(model([prm]))]).toEqual([]);
  });

  it('reports a 404 that the server itself advertises in resource_metadata, with the SDK hint', () => {
    const url = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';
    const prm404 = exchange({ method: 'GET', url, path: '/.well-known/oauth-protected-resource/mcp', status: 404 }, null, { file: 'captures/prm.txt' });
    const challenge = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', path: '/mcp', status: 401, responseHeaders: { 'WWW-Authenticate': `Bearer resource_metadata="${url}"` } }, null, { file: 'captures/401.txt' });
    const sdkLine = log('Calculator MCP server listening', { url: 'http://localhost:8080' }, { origin: 'mcp-server', format: 'go-log' });
    const [f] = [...rule.check(model([prm404, challenge, sdkLine]))];
    expect(f?.confidence).toBe(0.95);
    expect(f?.explanation).toContain('advertise this URL in resource_metadata');
    expect(f?.fix).toContain('adapter.ProtectedResourceMetadataHandler()');
    expect(f?.evidence.map((e) => e.file)).toEqual(['captures/prm.txt']);
  });

  it('counts every 404 fetch in the MCP server log, not only the lines shown as evidence', () => {
    const lines = Array.from({ length: 12 }, () => log('http request', { method: 'GET', path: '/.well-known/oauth-protected-resource/mcp', status: 404 }, { origin: 'mcp-server', level: 'WARN' }));
    const [f] = [...rule.check(model(lines))];
    expect(f?.explanation).toMatch(/^12 fetches of the Protected Resource Metadata got 404/);
    expect(f?.affected).toBe(12);
    expect(f?.evidence).toHaveLength(5);
  });
});
