import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0601-sdk-not-wired.ts';
import { runEngine } from '../../src/rules/index.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { exchange, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const served = (n: number) => Array.from({ length: n }, (_, i) => log('http request', { method: 'POST', path: '/mcp', status: 200 }, { origin: 'mcp-server', line: 100 + i }));

describe('AP0601 SDK not wired', () => {
  it('stays quiet when the MCP server logs verified lines', () => {
    expect(run([...served(30), log('verified', { sub: 'user-42' }, { origin: 'mcp-server' })])).toEqual([]);
  });

  it('stays quiet when the MCP server answers 401s (the middleware is there)', () => {
    expect(run([...served(30), log('http request', { method: 'POST', path: '/mcp', status: 401 }, { origin: 'mcp-server' })])).toEqual([]);
  });

  it('stays quiet for a handful of requests', () => {
    expect(run(served(3))).toEqual([]);
  });

  it('only notes a quiet Go MCP server that answered 30 requests: the Go SDK logs nothing when a token verifies', () => {
    const [f] = run(served(30));
    expect(f?.severity).toBe('info');
    expect(f?.confidence).toBeLessThanOrEqual(0.3);
    expect(f?.explanation).toContain('answered 30 requests');
    expect(f?.explanation).toContain('send one request without a token, which must get 401');
    expect(f?.evidence.map((e) => e.line)).toEqual([100, 101, 102, 103, 104, 127, 128, 129]);
  });

  it('only notes a Python MCP server logging at INFO (its success line is DEBUG)', () => {
    const uvicorn = Array.from({ length: 30 }, (_, i) => log(`10.1.0.9:${40000 + i} - "POST /mcp HTTP/1.1" 200 OK`, {}, { origin: 'mcp-server', format: 'python' }));
    const [f] = run(uvicorn);
    expect(f?.severity).toBe('info');
    expect(f?.confidence).toBeLessThanOrEqual(0.3);
  });

  it('does not fail checklist step 6 for a quiet MCP server', () => {
    const step6 = runEngine(model(served(30)), { rules: [rule] }).checklist.find((c) => c.step === 6);
    expect(step6?.status).not.toBe('fail');
    expect(step6?.status).not.toBe('warn');
  });

  it('is sure when a request without Authorization got 200 from the MCP server', () => {
    const open = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 200, requestHeaders: { 'content-type': 'application/json' } }, null, { file: 'captures/no-token.txt' });
    const [f] = run([open]);
    expect(f?.confidence).toBe(0.9);
    expect(f?.explanation).toContain('1 captured request without any Authorization header got 200');
    expect(f?.evidence[0]?.file).toBe('captures/no-token.txt');
  });

  it('is an error when a request without Authorization got 200 while 30 others were served', () => {
    const open = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 200, requestHeaders: { 'content-type': 'application/json' } }, null, { file: 'captures/mcp-call.txt' });
    const [f] = run([...served(30), open]);
    expect(f?.severity).toBe('error');
    expect(f?.confidence).toBe(0.9);
    expect(f?.explanation).toMatch(/^The MCP server answered 30 requests /); // a sentence, capital first
    expect(runEngine(model([...served(30), open]), { rules: [rule] }).checklist.find((c) => c.step === 6)?.status).toBe('fail');
  });

  it("is not talked out of the captured evidence by a tool's upstream insufficient_scope", () => {
    const open = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 200, requestHeaders: {} }, null, { file: 'captures/mcp-call.txt' });
    const upstream = log('calendar upstream call failed', { error: 'googleapis: 403 Forbidden, WWW-Authenticate: Bearer error="insufficient_scope"' }, { origin: 'mcp-server', level: 'WARN' });
    const [f] = run([...served(10), upstream, open]);
    expect(f?.severity).toBe('error');
  });
});
