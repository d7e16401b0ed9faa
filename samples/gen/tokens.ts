// Real JWTs for pasted tokens and captured requests, signed with jose. ES256 signatures are randomized,
// so signatures are cached by signing input in token-cache.json and reused: regeneration stays byte-identical.
import { readFileSync, writeFileSync } from 'node:fs';
import { CompactSign, importJWK } from 'jose';
import type { SampleKey } from './keys.ts';

const CACHE_URL = new URL('./token-cache.json', import.meta.url);

/** Signing input → base64url signature. Loaded once, written back only when something new was signed. */
export class TokenCache {
  private map: Record<string, string>;
  private added = 0;

  constructor() {
    try {
      this.map = JSON.parse(readFileSync(CACHE_URL, 'utf8')) as Record<string, string>;
    } catch {
      this.map = {};
    }
  }

  get(input: string): string | undefined {
    return this.map[input];
  }

  set(input: string, sig: string): void {
    this.map[input] = sig;
    this.added++;
  }

  /** Signatures created in this run (a clean regeneration creates none). */
  get newEntries(): number {
    return this.added;
  }

  /** Persist new entries, keys sorted for stable diffs. */
  save(): void {
    if (this.added === 0) return;
    const sorted: Record<string, string> = {};
    for (const k of Object.keys(this.map).sort()) sorted[k] = this.map[k]!;
    writeFileSync(CACHE_URL, `${JSON.stringify(sorted, null, 1)}\n`);
  }
}

function b64json(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** Sign header+claims with an ES256 sample key (or HS256 with a shared secret); reuses cached signatures. */
export async function signJwt(cache: TokenCache, header: Record<string, unknown>, claims: Record<string, unknown>,
  key: SampleKey | { hmac: string }): Promise<string> {
  const input = `${b64json(header)}.${b64json(claims)}`;
  const hit = cache.get(input);
  if (hit) return `${input}.${hit}`;
  const k = 'hmac' in key
    ? new TextEncoder().encode(key.hmac)
    : await importJWK({ kty: key.kty, crv: key.crv, x: key.x, y: key.y, d: key.d }, 'ES256');
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader(header as { alg: string })
    .sign(k);
  const [h, p, sig] = jws.split('.');
  if (`${h}.${p}` !== input) throw new Error('jose encoded the JWT differently from the cache key');
  cache.set(input, sig!);
  return jws;
}

/** The claims of an AuthPlane access token (RFC 9068 profile). */
export function accessClaims(o: { iss: string; sub: string; aud: string[]; clientId: string; scope: string; iat: number; ttlSec?: number; jti: string; cnf?: string }): Record<string, unknown> {
  const iat = Math.floor(o.iat / 1000);
  const c: Record<string, unknown> = {
    iss: o.iss, sub: o.sub, aud: o.aud, exp: iat + (o.ttlSec ?? 900), iat, nbf: iat, jti: o.jti, client_id: o.clientId, scope: o.scope,
  };
  if (o.cnf) c.cnf = { jkt: o.cnf };
  return c;
}

/** The signature part of a compact JWT (planted as its own secret). */
export function signaturePart(jwt: string): string {
  return jwt.split('.')[2] ?? '';
}
