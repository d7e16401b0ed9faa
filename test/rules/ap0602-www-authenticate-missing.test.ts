import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0602-www-authenticate-missing.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { exchange, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0602 WWW-Authenticate without resource_metadata', () => {
  it('stays quiet for a 401 that carries resource_metadata', () => {
    expect(run([exchange({ url: 'https://mcp.example.com/mcp', status: 401, responseHeaders: {
      'WWW-Authenticate': 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"' } })])).toEqual([]);
  });

  it("stays quiet for AuthPlane's own 401 on the token endpoint", () => {
    expect(run([exchange({ url: 'http://localhost:9000/oauth/token', status: 401, responseHeaders: { 'WWW-Authenticate': 'Basic realm="authserver"' } })])).toEqual([]);
  });

  it('reports an MCP server 401 whose challenge lacks resource_metadata', () => {
    const bad = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 401, responseHeaders: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }, null, { file: 'captures/mcp.txt' });
    const [f] = run([bad]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('a WWW-Authenticate header without resource_metadata');
    expect(f?.evidence).toEqual([expect.objectContaining({ file: 'captures/mcp.txt', excerpt: 'POST https://mcp.example.com/mcp → 401; WWW-Authenticate: Bearer error="invalid_token"' })]);
  });

  it('reports a 401 with no challenge header at all', () => {
    const [f] = run([exchange({ url: 'https://mcp.example.com/mcp', status: 401 })]);
    expect(f?.explanation).toContain('no WWW-Authenticate header at all');
  });
});
