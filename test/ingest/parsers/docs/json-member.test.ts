import { describe, expect, it } from 'vitest';
import { jsonDocumentFormat } from '../../../../src/ingest/parsers/docs/documents/json-doc.ts';
import { httpCaptureFormat } from '../../../../src/ingest/parsers/docs/documents/http-format.ts';
import { memberLineIn } from '../../../../src/ingest/parsers/docs/util/json-member.ts';
import { recordsOf, runFormat } from './fake-context.ts';

const DISCOVERY = [
  '{',
  '  "issuer": "http://localhost:9000",',
  '  "note": "a \\"quoted\\" } value, with [brackets]",',
  '  "nested": { "issuer": "not this one" },',
  '  "scopes_supported": [',
  '    "tools/read",',
  '    "tools/write"',
  '  ]',
  '}',
].join('\n');

describe('the line of a JSON member', () => {
  it('finds a top-level key on its own line', () => {
    expect(memberLineIn(DISCOVERY, ['issuer'])).toBe(2);
    expect(memberLineIn(DISCOVERY, ['scopes_supported'])).toBe(5);
  });

  it('skips strings holding quotes and brackets, and keys of the same name deeper down', () => {
    expect(memberLineIn(DISCOVERY, ['nested', 'issuer'])).toBe(4);
    expect(memberLineIn('{"a":{"issuer":1},\n"issuer":2}', ['issuer'])).toBe(2);
  });

  it('finds an array element by index', () => {
    expect(memberLineIn(DISCOVERY, ['scopes_supported', 1])).toBe(7);
  });

  it('says undefined for a member that is not there', () => {
    expect(memberLineIn(DISCOVERY, ['jwks_uri'])).toBeUndefined();
    expect(memberLineIn(DISCOVERY, ['scopes_supported', 2])).toBeUndefined();
    expect(memberLineIn('0', ['keys'])).toBeUndefined();
  });
});

describe('documents know where their members are', () => {
  it('a JSON file cites the line of the member, not line 1', () => {
    const [d] = recordsOf(runFormat(jsonDocumentFormat, 'discovery/oauth-authorization-server.json', DISCOVERY), 'document');
    expect(d?.line).toBe(1);
    expect(d?.memberLine?.(['issuer'])).toBe(2);
  });

  it('a capture counts body lines from the file, after the command and headers', () => {
    const text = [
      '$ curl -si https://auth.acme.dev/.well-known/jwks.json',
      'HTTP/1.1 200 OK',
      'Cache-Control: public, max-age=3600',
      'Age: 1802',
      '',
      '{',
      '  "keys": []',
      '}',
    ].join('\n');
    const [d] = recordsOf(runFormat(httpCaptureFormat, 'captures/jwks.txt', text), 'document');
    expect(d?.memberLine?.(['keys'])).toBe(7);
    expect(d?.http?.lines).toEqual({ status: 2, headers: { 'cache-control': 3, age: 4 }, body: 6 });
  });

  it('a curl -v capture records the response lines, not the request ones', () => {
    const text = [
      '$ curl -sv -X POST https://mcp.acme.dev/mcp',
      '> POST /mcp HTTP/1.1',
      '> Host: mcp.acme.dev',
      '> ',
      '{"jsonrpc":"2.0","id":1,"method":"initialize"}',
      '< HTTP/1.1 401 Unauthorized',
      '< Www-Authenticate: Bearer error="invalid_token"',
      '< ',
      '{"error":"unauthorized"}',
    ].join('\n');
    const [d] = recordsOf(runFormat(httpCaptureFormat, 'captures/mcp-401.txt', text), 'document');
    expect(d?.http?.lines).toEqual({ status: 6, headers: { 'www-authenticate': 7 }, body: 9 });
  });

  it('a curl error records the line of the error', () => {
    const text = ['$ curl -sv http://localhost:9000/health', '*   Trying 127.0.0.1:9000...', "curl: (7) Failed to connect to localhost port 9000 after 0 ms: Couldn't connect to server"].join('\n');
    const [d] = recordsOf(runFormat(httpCaptureFormat, 'captures/health.txt', text), 'document');
    expect(d?.http?.lines?.error).toBe(3);
  });
});
