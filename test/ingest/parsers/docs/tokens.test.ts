import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonDocumentFormat } from '../../../../src/ingest/parsers/docs/documents/json-doc.ts';
import { tokenFileFormat } from '../../../../src/ingest/parsers/docs/tokens/token-file.ts';
import { headOf, recordsOf, runFormat } from './fake-context.ts';

let access = '';
let proof = '';
const iat = Date.UTC(2026, 9, 3, 9, 0, 0) / 1000;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  access = await new SignJWT({ client_id: 'c-1', scope: 'tools/read' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
    .setIssuer('https://auth.example.com').setAudience('https://mcp.example.com/mcp').setSubject('u-1')
    .setIssuedAt(iat).setExpirationTime(iat + 900).setJti('j-1').sign(privateKey);
  proof = await new SignJWT({ htm: 'POST', htu: 'https://mcp.example.com/mcp' })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) })
    .setIssuedAt(iat).setJti('p-1').sign(privateKey);
});

const sha16 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const signature = (t: string) => t.split('.')[2]!;

describe('token files', () => {
  it('decodes header and claims of each pasted token, whatever its prefix', () => {
    const text = `Bearer ${access}\n# a DPoP proof\nDPoP: ${proof}\n`;
    const ctx = runFormat(tokenFileFormat, 'tokens.txt', text, 99);
    const tokens = recordsOf(ctx, 'token');
    expect(tokens.map((t) => [t.use, t.line, t.foundIn, t.capturedAt])).toEqual([
      ['access', 1, 'file', 99],
      ['dpop-proof', 3, 'file', 99],
    ]);
    expect(tokens[0]!.header).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' });
    expect(tokens[0]!.claims).toMatchObject({
      iss: 'https://auth.example.com', aud: 'https://mcp.example.com/mcp', sub: 'u-1', client_id: 'c-1', scope: 'tools/read', exp: iat + 900,
    });
    expect(tokens[1]!.claims).toMatchObject({ htm: 'POST', htu: 'https://mcp.example.com/mcp' });
  });

  it.each([
    ['Authorization: Bearer ', 'access'],
    ['access_token=', 'access'],
    ['', 'access'],
  ])('accepts the prefix %j', (prefix, use) => {
    const tokens = recordsOf(runFormat(tokenFileFormat, 't.txt', `${prefix}${access}\n`), 'token');
    expect(tokens.map((t) => t.use)).toEqual([use]);
  });

  it('fingerprints a token as the first 16 hex chars of its sha256, the same every time', () => {
    const a = recordsOf(runFormat(tokenFileFormat, 'a.txt', `${access}\n`), 'token')[0]!;
    const b = recordsOf(runFormat(tokenFileFormat, 'b.txt', `Bearer ${access}\n`), 'token')[0]!;
    expect(a.fingerprint).toBe(sha16(access));
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('puts the compact token in the vault and never in the record', () => {
    const ctx = runFormat(tokenFileFormat, 't.txt', `${access}\n${proof}\n`);
    const tokens = recordsOf(ctx, 'token');
    expect(ctx.tokenVault.get(tokens[0]!.fingerprint)).toBe(access);
    expect(ctx.tokenVault.get(tokens[1]!.fingerprint)).toBe(proof);
    const json = JSON.stringify(ctx.records);
    expect(json).not.toContain(access);
    expect(json).not.toContain(signature(access));
    expect(json).not.toContain(signature(proof));
  });

  it('reports a line that is not a decodable JWT', () => {
    const ctx = runFormat(tokenFileFormat, 't.txt', `${access}\neyJhbGciOi.bm90IGpzb24.c2ln\n`);
    expect(recordsOf(ctx, 'token')).toHaveLength(1);
    expect(ctx.problems).toEqual([{ line: 2, problem: 'token: not a decodable JWT' }]);
  });

  it('sniffs token files and nothing else', () => {
    expect(tokenFileFormat.sniff(headOf('t.txt', `Bearer ${access}\n`))).toBeGreaterThanOrEqual(0.9);
    expect(tokenFileFormat.sniff(headOf('t.log', `time=x level=INFO msg="token" token=${access}\n`))).toBe(0);
  });
});

describe('tokens inside JSON documents', () => {
  it('moves a token response access_token into a token record and the vault', () => {
    const text = JSON.stringify({ access_token: access, token_type: 'Bearer', expires_in: 900, scope: 'tools/read' });
    const ctx = runFormat(jsonDocumentFormat, 'token-response.json', text);
    const [tok] = recordsOf(ctx, 'token');
    const [doc] = recordsOf(ctx, 'document');
    expect(tok!.claims.jti).toBe('j-1');
    expect((doc!.body as { access_token: string }).access_token).toBe(`[jwt:${sha16(access)}]`);
    expect(JSON.stringify(ctx.records)).not.toContain(signature(access));
    expect(ctx.tokenVault.get(tok!.fingerprint)).toBe(access);
  });
});
