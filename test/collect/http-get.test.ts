import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailure, httpGet } from '../../src/collect/http-get.ts';

let server: Server;
let base: string;
const seen: { path: string; method: string; auth?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', method: req.method ?? '', auth: req.headers.authorization });
    switch (req.url) {
      case '/hop':
        res.writeHead(302, { location: '/final' });
        return res.end();
      case '/away':
        res.writeHead(301, { location: 'http://elsewhere.example.com/final' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case '/sse':
        // Headers, then an event stream that never ends.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.write(': ping\n\n');
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('x'.repeat(5000));
      default:
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
        return res.end('{"ok":true}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

describe('httpGet', () => {
  it('follows a redirect on the same host and reports where the answer came from', async () => {
    const r = await httpGet(`${base}/hop`, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(r).toMatchObject({ status: 200, finalUrl: `${base}/final`, redirects: 1, error: null });
    expect(r.body.toString()).toBe('{"ok":true}');
  });

  it('does not follow a redirect to another host, and says where it pointed', async () => {
    const r = await httpGet(`${base}/away`, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(r).toMatchObject({ status: 301, redirects: 0, offHostRedirect: 'http://elsewhere.example.com/final' });
  });

  it('gives up a redirect loop after three hops and keeps the last redirect', async () => {
    seen.length = 0;
    const r = await httpGet(`${base}/loop`, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(r.status).toBe(302);
    expect(seen).toHaveLength(4);
  });

  it('only ever sends GET', async () => {
    seen.length = 0;
    await httpGet(`${base}/hop`, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
  });

  it('sends credentials to their own origin only', async () => {
    seen.length = 0;
    await httpGet(`${base}/x`, { timeoutMs: 2000, maxBytes: 1 << 20, headers: { authorization: 'Bearer k' }, credentialOrigin: 'http://127.0.0.1:1' });
    await httpGet(`${base}/y`, { timeoutMs: 2000, maxBytes: 1 << 20, headers: { authorization: 'Bearer k' }, credentialOrigin: base });
    expect(seen.map((s) => s.auth)).toEqual([undefined, 'Bearer k']);
  });

  it('keeps every Set-Cookie header of the response', async () => {
    const r = await httpGet(`${base}/x`, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(r.headers.filter(([k]) => k === 'set-cookie')).toEqual([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
  });

  it('does not wait for an event stream to end when probing', async () => {
    const r = await httpGet(`${base}/sse`, { timeoutMs: 2000, maxBytes: 1 << 20, probeBytes: 1024 });
    expect(r).toMatchObject({ status: 200, error: null });
  });

  it('stops reading a body at the byte cap and marks it truncated', async () => {
    const r = await httpGet(`${base}/big`, { timeoutMs: 2000, maxBytes: 1000 });
    expect(r.body.length).toBe(1000);
    expect(r.isTruncated).toBe(true);
  });
});

describe('describeFailure', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });

  it.each([
    [refused, 'connection refused', 'curl: (7) Failed to connect to localhost port 9000 after 3 ms: Connection refused'],
    [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }), 'could not resolve host', 'curl: (6) Could not resolve host: localhost'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout', 'curl: (28) Operation timed out after 5000 milliseconds with 0 bytes received'],
  ])('words %s the way curl does', (err, kind, line) => {
    expect(describeFailure(err, 'http://localhost:9000/health', 3, 5000, 0)).toEqual({ kind, line });
  });

  it('explains a port that Node\'s fetch refuses to request (port 9 said only "bad port")', () => {
    // What fetch('http://127.0.0.1:9/') rejects with on Node 20.
    const err = Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') });
    const f = describeFailure(err, 'http://127.0.0.1:9/health', 0, 5000, 0);
    expect(f.kind).toBe('port 9 blocked by fetch');
    expect(f.line).toBe("curl: (7) Failed to connect to 127.0.0.1 port 9 after 0 ms: port 9 is on the fetch standard's blocked-port list, so forensic collect cannot request it; serve AuthPlane on another port or capture this one with curl");
  });
});
