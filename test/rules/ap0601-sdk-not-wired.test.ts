import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0601-sdk-not-wired.ts';
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

  it('reports an MCP server that served 20 requests without any verification', () => {
    const [f] = run(served(20));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('answered 20 requests');
    expect(f?.explanation).toContain('Go and Rust SDKs log nothing');
    expect(f?.evidence.map((e) => e.line)).toEqual([100, 101, 102, 103, 104, 117, 118, 119]);
  });

  it('is sure when a request without Authorization got 200 from the MCP server', () => {
    const open = exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 200, requestHeaders: { 'content-type': 'application/json' } }, null, { file: 'captures/no-token.txt' });
    const [f] = run([open]);
    expect(f?.confidence).toBe(0.9);
    expect(f?.explanation).toContain('1 captured request without any Authorization header got 200');
    expect(f?.evidence[0]?.file).toBe('captures/no-token.txt');
  });
});
