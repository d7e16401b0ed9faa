import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpCaptureFormat } from '../../../../src/ingest/parsers/docs/documents/http-format.ts';
import type { DocumentRecord } from '../../../../src/ingest/types.ts';
import { headOf, recordsOf, runFormat } from './fake-context.ts';

const PRM_URL = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

function exchange(path: string, text: string, mtime: number | null = null) {
  const ctx = runFormat(httpCaptureFormat, path, text, mtime);
  return { ctx, doc: recordsOf(ctx, 'document')[0] as DocumentRecord };
}

describe('curl -i output', () => {
  const text = [
    '$ curl -i https://mcp.example.com/mcp',
    'HTTP/1.1 401 Unauthorized',
    'Content-Type: application/json',
    `WWW-Authenticate: Bearer error="invalid_token", error_description="verifier: audience mismatch", resource_metadata="${PRM_URL}"`,
    'Date: Sat, 03 Oct 2026 09:16:11 GMT',
    '',
    '{"error":"invalid_token","error_description":"verifier: audience mismatch"}',
    '',
  ].join('\r\n');
  const { ctx, doc } = exchange('captures/mcp-401.txt', text, 5);

  it('gives status, lower-cased headers and the parsed body', () => {
    expect(doc.docKind).toBe('http-exchange');
    expect(doc.http).toMatchObject({ status: 401, statusText: 'Unauthorized', url: 'https://mcp.example.com/mcp', port: 443, path: '/mcp' });
    expect(doc.http!.responseHeaders['www-authenticate']).toBe(
      `Bearer error="invalid_token", error_description="verifier: audience mismatch", resource_metadata="${PRM_URL}"`,
    );
    expect(doc.body).toEqual({ error: 'invalid_token', error_description: 'verifier: audience mismatch' });
    expect(ctx.problems).toEqual([]);
  });

  it('dates the exchange from its Date header', () => {
    expect(doc.capturedAt).toBe(Date.UTC(2026, 9, 3, 9, 16, 11));
  });

  it('is sniffed as a capture', () => {
    expect(httpCaptureFormat.sniff(headOf('x.txt', text))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('curl -v output', () => {
  const text = [
    '*   Trying 127.0.0.1:9001...',
    '* Connected to localhost (127.0.0.1) port 9001 (#0)',
    '> GET /.well-known/oauth-authorization-server HTTP/1.1',
    '> Host: localhost:9001',
    '> User-Agent: curl/8.4.0',
    '> Accept: */*',
    '>',
    '< HTTP/1.1 404 Not Found',
    '< Content-Type: text/plain; charset=utf-8',
    '< X-Content-Type-Options: nosniff',
    '< Date: Sat, 03 Oct 2026 09:15:00 GMT',
    '< Content-Length: 19',
    '<',
    '404 page not found',
    '* Connection #0 to host localhost left intact',
  ].join('\n');
  const { doc } = exchange('discovery.txt', text);

  it('reads the request, the admin port and the 404', () => {
    expect(doc.http).toMatchObject({ method: 'GET', path: '/.well-known/oauth-authorization-server', port: 9001, status: 404, bodyText: '404 page not found' });
    expect(doc.http!.requestHeaders.host).toBe('localhost:9001');
    expect(doc.http!.responseHeaders['content-length']).toBe('19');
  });

  it('says from the path that the body was meant to be AS metadata', () => {
    expect(doc.bodyKind).toBe('as-metadata');
    expect(doc.body).toBeNull();
  });

  it('parses a JSON body fetched from the JWKS path', () => {
    const jwks = text.replace('/.well-known/oauth-authorization-server', '/.well-known/jwks.json').replace('404 Not Found', '200 OK')
      .replace('404 page not found', '{"keys":[]}').replace('localhost:9001', 'localhost:9000');
    const d = exchange('jwks.txt', jwks).doc;
    expect([d.bodyKind, d.http!.status, d.http!.port, d.body]).toEqual(['jwks', 200, 9000, { keys: [] }]);
  });
});

describe('curl errors', () => {
  it('records a refused connection with its port', () => {
    const { doc } = exchange('health.txt', '$ curl -s http://localhost:9000/health\ncurl: (7) Failed to connect to localhost port 9000 after 0 ms: Connection refused\n');
    expect(doc.http).toMatchObject({ error: 'connection refused', port: 9000, path: '/health' });
    expect(doc.http!.status).toBeUndefined();
    expect(doc.bodyKind).toBe('health');
  });

  it.each([
    ['curl: (6) Could not resolve host: auth.example.com', 'could not resolve host'],
    ['curl: (28) Connection timed out after 10001 milliseconds', 'timeout'],
  ])('names %j', (line, error) => {
    expect(exchange('x.txt', `${line}\n`).doc.http!.error).toBe(error);
  });
});

describe('credentials in captured requests', () => {
  let access = '';
  let proof = '';
  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('ES256');
    access = await new SignJWT({ scope: 'tools/read' }).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
      .setIssuer('https://auth.example.com').sign(privateKey);
    proof = await new SignJWT({ htm: 'GET', htu: 'https://mcp.example.com/mcp' }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt' })
      .sign(privateKey);
  });

  const capture = () => [
    '> GET /mcp HTTP/1.1',
    '> Host: mcp.example.com',
    `> Authorization: DPoP ${access}`,
    `> DPoP: ${proof}`,
    '> Cookie: session=abc',
    '>',
    '< HTTP/2 401',
    '< www-authenticate: DPoP error="invalid_token", algs="ES256"',
    '< date: Sat, 03 Oct 2026 09:20:00 GMT',
    '<',
  ].join('\n');

  it('turns the Authorization and DPoP headers into token records dated by the exchange', () => {
    const ctx = runFormat(httpCaptureFormat, 'mcp.txt', capture());
    const tokens = recordsOf(ctx, 'token');
    expect(tokens.map((t) => [t.use, t.foundIn, t.line, t.capturedAt])).toEqual([
      ['access', 'http-exchange', 3, Date.UTC(2026, 9, 3, 9, 20)],
      ['dpop-proof', 'http-exchange', 4, Date.UTC(2026, 9, 3, 9, 20)],
    ]);
    expect(ctx.tokenVault.size).toBe(2);
  });

  it('keeps neither token nor cookie in the exchange record', () => {
    const ctx = runFormat(httpCaptureFormat, 'mcp.txt', capture());
    const [doc] = recordsOf(ctx, 'document');
    const [tok] = recordsOf(ctx, 'token');
    expect(doc!.http!.requestHeaders.authorization).toBe(`DPoP [jwt:${tok!.fingerprint}]`);
    expect(doc!.http!.requestHeaders.cookie).toBe('[redacted]');
    const json = JSON.stringify(ctx.records);
    expect(json).not.toContain(access.split('.')[2]);
    expect(json).not.toContain(proof.split('.')[2]);
  });

  it('hides an opaque admin API key but keeps its scheme', () => {
    const text = '> GET /admin/stats HTTP/1.1\n> Authorization: Bearer ap_admin_7f3a9c\n>\n< HTTP/1.1 200 OK\n<\n{"clients":1,"users":2,"active_tokens_24h":3}\n';
    const { doc } = exchange('stats.txt', text);
    expect(doc.http!.requestHeaders.authorization).toBe('Bearer [redacted]');
    expect(doc.bodyKind).toBe('admin-stats');
  });
});

describe('bodies that hold records', () => {
  it('reads the metrics of a captured /metrics response with their file lines', () => {
    const text = '$ curl -i http://localhost:9001/metrics\nHTTP/1.1 200 OK\nDate: Sat, 03 Oct 2026 09:15:00 GMT\n\n# TYPE authserver_refresh_token_reuse_total counter\nauthserver_refresh_token_reuse_total 2\n';
    const ctx = runFormat(httpCaptureFormat, 'metrics.txt', text);
    const [snap] = recordsOf(ctx, 'metrics');
    expect(snap!.families[0]!.samples[0]).toMatchObject({ name: 'authserver_refresh_token_reuse_total', value: 2, line: 6 });
    expect(snap!.time).toBe(Date.UTC(2026, 9, 3, 9, 15));
  });

  it('reads the audit rows of a captured /admin/audit page', () => {
    const text = '> GET /admin/audit?action=key.rotated HTTP/1.1\n>\n< HTTP/1.1 200 OK\n<\n[{"id":"a","action":"key.rotated","actor_id":"admin","detail":"admin rotated signing key: kid=k2","created_at":"2026-10-03T10:00:00Z"}]\n';
    const ctx = runFormat(httpCaptureFormat, 'audit.txt', text);
    expect(recordsOf(ctx, 'audit').map((r) => [r.action, r.line, r.detailKv.kid])).toEqual([['key.rotated', 5, 'k2']]);
  });
});

describe('files holding several curl runs', () => {
  it('gives each $ curl run its own exchange, starting at its prompt line', () => {
    const text = [
      '$ curl -i http://localhost:9000/health',
      'HTTP/1.1 200 OK',
      '',
      '{"status":"ok","time":"2026-10-03T09:15:00Z","db":"ok"}',
      '$ curl -i http://localhost:9001/.well-known/jwks.json',
      'HTTP/1.1 404 Not Found',
      '',
      '404 page not found',
    ].join('\n');
    const ctx = runFormat(httpCaptureFormat, 'checklist.txt', text);
    const docs = recordsOf(ctx, 'document');
    expect(docs.map((d) => [d.line, d.bodyKind, d.http!.port, d.http!.status])).toEqual([
      [1, 'health', 9000, 200],
      [5, 'jwks', 9001, 404],
    ]);
    expect(docs[0]!.body).toEqual({ status: 'ok', time: '2026-10-03T09:15:00Z', db: 'ok' });
  });
});

describe('checklist commands piped through jq', () => {
  it.each([
    ['$ curl -s https://auth.acme.dev/.well-known/oauth-authorization-server | jq .scopes_supported\n[]\n', 'as-metadata', { scopes_supported: [] }],
    ["$ curl -s https://auth.acme.dev/.well-known/jwks.json | jq '.keys | length'\n0\n", 'jwks', { keys: [] }],
    ['$ curl -s http://localhost:9000/.well-known/oauth-authorization-server | jq .issuer\n"http://localhost:9000"\n', 'as-metadata', { issuer: 'http://localhost:9000' }],
    ['$ curl -s https://mcp.acme.dev/.well-known/oauth-protected-resource/mcp | jq .\n{\n  "resource": "https://mcp.acme.dev/mcp",\n  "authorization_servers": []\n}\n', 'prm',
      { resource: 'https://mcp.acme.dev/mcp', authorization_servers: [] }],
  ])('rebuilds the selected part of the document from %j', (text, kind, body) => {
    const { doc } = exchange('captures/x.txt', text);
    expect([doc.bodyKind, doc.body, doc.http!.status]).toEqual([kind, body, undefined]);
  });

  it('does not present a count of keys as a JWKS', () => {
    const { doc } = exchange('x.txt', "$ curl -s https://auth.acme.dev/.well-known/jwks.json | jq '.keys | length'\n2\n");
    expect([doc.bodyKind, doc.body, doc.http!.jq]).toEqual([undefined, 2, '.keys | length']);
  });

  it('reads Go\'s "404 page not found" body as a 404', () => {
    const { doc } = exchange('x.txt', '$ curl -s http://localhost:9001/.well-known/oauth-authorization-server\n404 page not found\n');
    expect([doc.http!.status, doc.http!.port, doc.bodyKind]).toEqual([404, 9001, 'as-metadata']);
  });
});

describe('sniffing', () => {
  it.each([
    ['slog JSON', '{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"http request","proto":"HTTP/1.1"}\n'],
    ['a log line quoting a status line', 'INFO got HTTP/1.1 200 OK from upstream\n'],
    ['a JWKS', '{"keys":[]}'],
  ])('ignores %s', (_n, text) => {
    expect(httpCaptureFormat.sniff(headOf('x', text))).toBe(0);
  });
});
