import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0501-audience-mismatch.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { exchange, log, model, token } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const rejected = (i: number) => log('request rejected', { error: 'verifier: audience mismatch: expected "https://mcp.example.com/mcp"' },
  { origin: 'mcp-server', level: 'WARN', line: 10 + i, time: `2026-10-03T09:1${i}:00Z`, requestId: `r${i}` });

describe('AP0501 audience mismatch', () => {
  it('stays quiet when the MCP server verifies tokens', () => {
    expect(run([log('verified', { sub: 'user-42', aud: 'https://mcp.example.com/mcp' }, { origin: 'mcp-server' })])).toEqual([]);
  });

  it('reports a sustained run of audience rejections as an error naming the resource and the client-side fix', () => {
    const [f] = run([1, 2, 3, 4, 5].map(rejected));
    expect(f?.severity).toBe('error');
    expect(f?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(f?.explanation).toContain('5 requests between 09:11:00 and 09:15:00');
    expect(f?.explanation).toContain('https://mcp.example.com/mcp');
    expect(f?.fix).toContain('resource=https://mcp.example.com/mcp');
    expect(f?.evidence.map((e) => e.line)).toEqual([11, 12, 13, 14, 15]);
    expect(f?.traces).toEqual(['req:r1', 'req:r2', 'req:r3', 'req:r4', 'req:r5']);
  });

  it('treats one rejection as a weak warning', () => {
    const [f] = run([rejected(1)]);
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });

  it('says the require_scope toggle does not fix it when the operator relaxed it', () => {
    const warn = log('oauth.require_scope=false: authorize requests without scope default to the registered scopes', {}, { level: 'WARN', line: 2 });
    const [f] = run([warn, rejected(1), rejected(2), rejected(3)]);
    expect(f?.explanation).toContain('oauth.require_scope=false');
    expect(f?.explanation).toContain('does not fix this');
    expect(f?.evidence.some((e) => e.line === 2 && e.file === 'logs/authserver.log')).toBe(true);
  });

  it('recognises a Python SDK challenge in a captured 401', () => {
    const resp = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 401, responseHeaders: {
      'WWW-Authenticate': 'Bearer error="invalid_token", error_description="Token claims validation failed (aud): invalid claim", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
    } }, null, { file: 'captures/mcp-401.txt' });
    const [f] = run([resp]);
    expect(f?.evidence[0]?.file).toBe('captures/mcp-401.txt');
    expect(f?.explanation).toContain('1 request');
  });

  it('names the client and the resource it sent, from AuthPlane\'s log and the tokens, in the explanation and the fix', () => {
    const asked = log('scope absent from authorize request, using defaults', { client_id: 'cursor-1', resource: 'https://mcp.example.com', defaulted_scope: 'tools/read' },
      { level: 'WARN', line: 604, time: '2026-10-03T09:05:00Z', file: 'logs/authserver.log' });
    const minted = token({ kid: 'k1' }, { iss: 'https://auth.example.com', aud: ['https://mcp.example.com'], client_id: 'cursor-1' }, { file: 'tokens/access.jwt' });
    const fine = token({ kid: 'k1' }, { iss: 'https://auth.example.com', aud: ['https://mcp.example.com/mcp'], client_id: 'vscode-2' });
    const [f] = run([asked, minted, fine, ...[1, 2, 3].map(rejected)]);
    expect(f?.explanation).toContain('The bundle names the client: cursor-1 sent resource=https://mcp.example.com (1 AuthPlane log line from 09:05:00, 1 token in the bundle).');
    expect(f?.explanation).not.toContain('vscode-2');
    expect(f?.fix).toMatch(/^Fix it on the client cursor-1, which sent resource=https:\/\/mcp\.example\.com: request the token with resource=https:\/\/mcp\.example\.com\/mcp/);
    expect(f?.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(expect.arrayContaining(['logs/authserver.log:604', 'tokens/access.jwt:1']));
  });
});
