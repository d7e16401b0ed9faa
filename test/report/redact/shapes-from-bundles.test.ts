// Leaks and over-redactions found by probing the redactor with the shapes an AuthPlane bundle holds:
// curl and HAR output, Go and Java maps, SDK errors, .NET assembly names. Expected outputs are
// written by hand.
import { describe, expect, it } from 'vitest';
import { createRedactor, primeRedactor } from '../../../src/report/index.ts';
import { doc, model } from '../../helpers/records.ts';

const SESSION = 'MTcwMDAwMDAwMHxEdi1CQkFFQ';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('redactor: the AuthPlane session cookie by its name', () => {
  it('redacts authserver_session outside a Cookie header: curl -v on HTTP/2, curl -b, a HAR cookie, a Go http.Cookie', () => {
    const r = createRedactor({});
    expect(r.text(`* [HTTP/2] [1] [cookie: authserver_session=${SESSION}]`)).toBe('* [HTTP/2] [1] [cookie: authserver_session=[REDACTED:cookie]]');
    expect(r.text(`curl -b 'authserver_session=${SESSION}' https://auth.acme.io/consent`)).toBe("curl -b 'authserver_session=[REDACTED:cookie]' https://auth.acme.io/consent");
    expect(r.text(`"cookies":[{"name":"authserver_session","value":"${SESSION}"}]`)).toBe('"cookies":[{"name":"authserver_session","value":"[REDACTED:cookie]"}]');
    expect(r.text(`&http.Cookie{Name:"authserver_session", Value:"${SESSION}", Path:"/"}`)).toBe('&http.Cookie{Name:"authserver_session", Value:"[REDACTED:cookie]", Path:"/"}');
  });

  it('redacts a cookie renamed by session.cookie_name, and a variable named by a *_key_env setting, once primed with the config', () => {
    const m = model([doc('config-yaml', { session: { cookie_name: 'acme_sid' }, data_encryption: { aes_master: { key_env: 'ACME_DEK_MATERIAL' } } }, { file: 'config/config.yaml' })]);
    const r = createRedactor({});
    primeRedactor(r, m);
    expect(r.text(`acme_sid=${SESSION} path=/consent`)).toBe('acme_sid=[REDACTED:cookie] path=/consent');
    expect(r.text('env={ACME_DEK_MATERIAL:0123456789abcdef0123456789abcdef LOG_LEVEL:info}')).toBe('env={ACME_DEK_MATERIAL:[REDACTED:encryption-key] LOG_LEVEL:info}');
  });
});

describe('redactor: credentials after an auth scheme inside maps', () => {
  it('redacts the token after Authorization=Bearer (Java Map.toString, a message) and keeps the scheme', () => {
    const r = createRedactor({});
    expect(r.text('{Authorization=Bearer 2YotnFZFEjr1zCsicMWpAA, Accept=application/json}')).toBe('{Authorization=Bearer [REDACTED:authorization-header], Accept=application/json}');
    expect(r.text('level=DEBUG msg="sending request with header Authorization=Bearer 2YotnFZFEjr1zCsicMWpAA"')).toBe('level=DEBUG msg="sending request with header Authorization=Bearer [REDACTED:authorization-header]"');
  });

  it('redacts a header inside a Go or Java map printed unquoted after a key', () => {
    const r = createRedactor({});
    expect(r.text('level=DEBUG msg=req header=map[Authorization:[Bearer 2YotnFZFEjr1zCsicMWpAA] Content-Type:[application/json]] path=/mcp'))
      .toBe('level=DEBUG msg=req header=map[Authorization:[Bearer [REDACTED:authorization-header]] Content-Type:[application/json]] path=/mcp');
    expect(r.text('headers={authorization=Basic bm90ZXMtYXBwOkdxOGtMbU4zcFEyclM1dFU=, accept=*/*}')).toBe('headers={authorization=Basic [REDACTED:authorization-header], accept=*/*}');
  });
});

describe('redactor: a DPoP proof re-encoded by forensic redact', () => {
  it('drops a private d that a buggy client put in the proof header jwk, and keeps the public x and y', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' };
    const proof = [b64({ typ: 'dpop+jwt', alg: 'ES256', jwk }), b64({ htm: 'POST', htu: 'https://auth.acme.io/oauth/token', iat: 1, jti: 'p1' }), 'c2lnbmF0dXJlc2lnbmF0dXJl'].join('.');
    const out = createRedactor({ jwt: 'token' }).text(`DPoP: ${proof}`);
    const header = JSON.parse(Buffer.from(out.slice('DPoP: '.length).split('.')[0]!, 'base64url').toString()) as { jwk: Record<string, string> };
    expect(header.jwk).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: '[REDACTED:private-key]' });
  });
});

describe('redactor: secrets that hide behind escapes and colours', () => {
  it('reads \\u0026, \\u003d and \\/ as the separators they stand for', () => {
    const r = createRedactor({});
    expect(r.text('{"msg":"x","body":"grant_type=client_credentials\\u0026client_secret=Gq8kLmN3pQ2rS5tU"}')).toBe('{"msg":"x","body":"grant_type=client_credentials&client_secret=[REDACTED:client-secret]"}');
    expect(r.text('{"msg":"connecting to postgres:\\/\\/authplane:S3cretPw@db:5432\\/authplane"}')).toBe('{"msg":"connecting to postgres://authplane:[REDACTED:dsn-credentials]@db:5432/authplane"}');
  });

  it('redacts a secret whose key is coloured by the terminal logger, dropping the colour codes', () => {
    expect(createRedactor({}).text('\x1b[33mclient_secret\x1b[0m=Gq8kLmN3pQ2rS5tU')).toBe('client_secret=[REDACTED:client-secret]');
  });

  it('redacts padded base64 in quotes instead of reading it as "NAME=value"', () => {
    expect(createRedactor({}).text('{"keys":{"1":"AAAAAQgdhVK9QuFC7PQp8xhKGz0W1W3T3iHGCTShTbjbI0lPKQ=="}}')).toBe('{"keys":{"1":"[REDACTED:key-material]"}}');
  });
});

describe('redactor: an HTTP request dump inside a JSON string', () => {
  it('redacts each header up to the escaped line break, and keeps what follows readable', () => {
    const r = createRedactor({});
    expect(r.text('{"msg":"x","headers":"Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA\\nX-Api-Key: adm_7Hq2kLp9Zx4Vb8Nm"}'))
      .toBe('{"msg":"x","headers":"Authorization: Bearer [REDACTED:authorization-header]\\nX-Api-Key: [REDACTED:api-key]"}');
    expect(r.text('dump="POST /oauth/token HTTP/1.1\\r\\nX-Api-Key: adm_7Hq2kLp9Zx4Vb8Nm\\r\\n\\r\\ngrant_type=client_credentials&client_secret=Gq8kLmN3pQ2rS5tU"'))
      .toBe('dump="POST /oauth/token HTTP/1.1\\r\\nX-Api-Key: [REDACTED:api-key]\\r\\n\\r\\ngrant_type=client_credentials&client_secret=[REDACTED:client-secret]"');
  });

  it('still redacts a whole password that holds a backslash', () => {
    expect(createRedactor({}).text('password: abc\\ndef123')).toBe('password: [REDACTED:password]');
  });
});

describe('redactor: argv lists and env entries', () => {
  it('redacts the element after a secret flag in an argv written as a list', () => {
    const r = createRedactor({});
    expect(r.text('"Args":["serve","--session.secret","superSecretSessionKey1234567890"]')).toBe('"Args":["serve","--session.secret","[REDACTED:session-secret]"]');
    expect(r.text('"Args":["serve","--log.level","debug"]')).toBe('"Args":["serve","--log.level","debug"]');
  });

  it('redacts a folded value and a value after a blank line under a secret env name', () => {
    const r = createRedactor({});
    const lines = ['        - name: AUTHPLANE_SESSION_SECRET', '          value: >-', '            superSecretSessionKey1234567890', '        - name: DB_PASSWORD', '', '          value: hunter2hunter2', '        - name: LOG_LEVEL', '          value: debug'];
    expect(lines.map((l) => r.text(l))).toEqual(['        - name: AUTHPLANE_SESSION_SECRET', '          value: >-', '            [REDACTED:session-secret]', '        - name: DB_PASSWORD', '', '          value: [REDACTED:password]', '        - name: LOG_LEVEL', '          value: debug']);
  });

  it('redacts a chosen secret shaped like words and digits under a full secret name, and keeps it after a bare word', () => {
    const r = createRedactor({});
    expect(r.text('AUTHPLANE_SESSION_SECRET: authplane-prod-2026')).toBe('AUTHPLANE_SESSION_SECRET: [REDACTED:session-secret]');
    expect(r.text('config: &{Session:{Secret:authplane-prod-2026 Secure:true}}')).toBe('config: &{Session:{Secret:[REDACTED:secret] Secure:true}}');
    expect(r.text('secret: authplane-secrets-v2')).toBe('secret: authplane-secrets-v2');
  });
});

describe('redactor: error codes, versions and flags stay readable', () => {
  it('keeps gRPC, errno, Node, SQLSTATE and signal codes after code', () => {
    const r = createRedactor({});
    for (const line of [
      'error="traces export: rpc error: code = Unavailable desc = connection error"',
      "code: 'ECONNREFUSED',",
      '{"code":"UND_ERR_CONNECT_TIMEOUT"}',
      'pq: duplicate key value violates unique constraint code=23505',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
    ]) expect(r.text(line)).toBe(line);
    expect(r.text('GET /callback?code=SplxlOBeZQQYbYS6WxSbIA')).toBe('GET /callback?code=[REDACTED:authorization-code]');
  });

  it('keeps four-part versions that look like addresses, and still pseudonymizes an address', () => {
    const r = createRedactor({});
    expect(r.text("Could not load file or assembly 'Authplane, Version=0.2.0.0, Culture=neutral'")).toBe("Could not load file or assembly 'Authplane, Version=0.2.0.0, Culture=neutral'");
    expect(r.text('level=INFO msg=boot version=1.2.3.4')).toBe('level=INFO msg=boot version=1.2.3.4');
    expect(r.text('{"sdk_version":"10.1.2.3"}')).toBe('{"sdk_version":"10.1.2.3"}');
    expect(r.text('remote_addr=10.1.2.3')).toMatch(/^remote_addr=ip#[0-9a-f]{4}$/);
  });

  it('keeps booleans and sizes about a secret', () => {
    const line = 'secret_configured=true client_secret_set=false has_secret=true session_secret_bytes=32 password_changed=true';
    expect(createRedactor({}).text(line)).toBe(line);
  });
});
