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

  it("stays quiet when an upstream API refuses a tool's own Google token with insufficient_scope while the MCP calls succeed", () => {
    const recs = [0, 1, 2, 3, 4, 5].flatMap((i) => [
      log('verified', { sub: 'user-42', scope: 'tools/read', aud: 'https://mcp.example.com/mcp' }, { origin: 'mcp-server', requestId: `r${i}` }),
      log('calendar upstream call failed', { tool: 'calendar.create', upstream_status: 403,
        error: 'googleapis: 403 Forbidden, WWW-Authenticate: Bearer error="insufficient_scope", scope="https://www.googleapis.com/auth/calendar"' }, { origin: 'mcp-server', level: 'WARN', requestId: `r${i}` }),
      log('request', { method: 'POST', path: '/mcp', status: 200, duration_ms: 90 }, { origin: 'mcp-server', requestId: `r${i}` }),
    ]);
    expect(run(recs)).toEqual([]);
  });

  it("stays quiet about an app's own policy message that mentions a missing scope", () => {
    const recs = [1, 2, 3, 4, 5, 6].map(() => log('tool call denied by app policy: missing required scope tools/admin is optional, continuing', { tool: 'notes.search' }, { origin: 'mcp-server' }));
    expect(run(recs)).toEqual([]);
  });

  it('counts an app line naming only insufficient_scope when the MCP server answered that request 403', () => {
    const recs = [1, 2, 3].flatMap((i) => [
      log('tool call refused', { error: 'insufficient_scope' }, { origin: 'mcp-server', level: 'WARN', requestId: `r${i}`, time: `2026-10-03T09:4${i}:00Z` }),
      log('request', { method: 'POST', path: '/mcp', status: 403 }, { origin: 'mcp-server', requestId: `r${i}`, time: `2026-10-03T09:4${i}:00.003Z` }),
    ]);
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 requests between 09:41:00 and 09:43:00 were refused with 403 insufficient_scope');
  });
});
