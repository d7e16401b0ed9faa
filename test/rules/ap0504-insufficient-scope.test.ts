import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0504-insufficient-scope.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { exchange, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0504 insufficient scope', () => {
  it('stays quiet when tools run with the scopes they need', () => {
    expect(run([log('verified', { scope: 'tools/read tools/write' }, { origin: 'mcp-server' })])).toEqual([]);
  });

  it('names the scope the tool requires from Python SDK messages', () => {
    const recs = [1, 2, 3, 4].map((i) => log("Token missing required scope 'tools/write'. Token has scopes: ['tools/read']", {}, { origin: 'sdk', format: 'python', line: i * 2 }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('4 requests');
    expect(f?.explanation).toContain('tools/write');
    expect(f?.evidence.map((e) => e.line)).toEqual([2, 4, 6, 8]);
  });

  it('recognises a 403 insufficient_scope challenge from the MCP server', () => {
    const resp = exchange({ url: 'https://mcp.example.com/mcp', status: 403, responseHeaders: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="tools/add", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"' } });
    const [f] = run([resp]);
    expect(f?.severity).toBe('warning');
    expect(f?.evidence[0]?.excerpt).toContain('403');
  });
});
