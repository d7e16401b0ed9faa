// Values named by a secret-ish word inside free text, judged by that name: `map[password:x]` (Go %v),
// `{api_key: "x"}`, `--client-secret x`, `curl -u user:pass`.
import type { KeyClass, SecretKind } from './keys.ts';
import { isCredentialBlob, isWordChain } from './value-shapes.ts';

/** What the redactor lends these judgements: scanning a value as text, and replacing a secret. */
export interface ValueJudge {
  text(v: string): string;
  secret(kind: SecretKind, v: string, c: KeyClass): string;
  /** The redactor's view of a name: its taught secret names, then classifyKey(). */
  classify(key: string): KeyClass;
}

// In prose `secret: 2 instances`, `token: expired`, `mint tokens: /oauth/token answers 500` are words
// about the secret (a count, a state, an endpoint), not the secret; so is kubectl's `<none>` or
// `<set to the key 'session-secret' in secret 'authplane-secrets'>  Optional: false`.
const PLAIN_WORD = /^(?:[a-z]{1,12}|\d{1,6}|\/[a-z0-9_./-]*|\d{1,6} [a-z]+|<[a-z][a-z ]*>?|<[a-z][^<>]*>(?:[ \t].*)?)$/;

/**
 * A value after `secret:` / `token:` that is a word about the secret rather than the secret. A
 * password may be any words, so only a single plain word counts there.
 */
export function wordsAboutSecret(v: string, kind?: SecretKind, fullName = false): boolean {
  const t = v.trim();
  return PLAIN_WORD.test(t) || (kind !== 'password' && !fullName && isWordChain(t));
}

/**
 * A secret's full name (`client_secret`, `AUTHPLANE_SESSION_SECRET`, `session.secret`,
 * `ClientSecret`) rather than a bare word (`secret`, `Token`): a word chain after it
 * (`authplane-prod-2026`) is a chosen secret, where after a bare word it more often names one
 * (`secret: authplane-secrets-v2`).
 */
export function isFullSecretName(key: string): boolean {
  return /[._-]|[a-z][A-Z]/.test(key);
}

/**
 * Raw key material after a bare `key:`: hex (`0x` before it too), or base64 in the standard alphabet (`+`, `/`, padding).
 * A kid (AuthPlane's are 22 base64url characters, thumbprints 43) stays readable.
 */
export function isBareKeyMaterial(v: string): boolean {
  return /^(?:0x)?[0-9a-fA-F]{32,}$/.test(v) || (isCredentialBlob(v) && /[+/=]/.test(v));
}

/**
 * The value after `key:` when the key ends in a secret word. `tight`: no space after the colon, as in
 * a Go %v dump (`map[password:hunter]`), where even a plain word is the value itself.
 */
export function namedColonValue(key: string, v: string, j: ValueJudge, tight = false): string {
  // A bare `key:` in prose names a key id (`admin rotated signing key: <kid>`), which stays readable;
  // a Go dump's `{KeyEnv:X Key:<hex>}` holds the key itself.
  if (/^key$/i.test(key)) return isBareKeyMaterial(v) ? j.secret('secret', v, { kind: 'secret', secret: 'secret' }) : j.text(v);
  const c = j.classify(key);
  // `hash password: bcrypt: length exceeds 72 bytes`, `"hash password: %w"`: the next link of an
  // error chain, or a format verb, is not the value.
  if (/^[a-z][\w/.-]*:$/.test(v) || /^%[-+# 0]*\d*[a-zA-Z]$/.test(v)) return j.text(v);
  if (c.kind !== 'secret') return j.text(v);
  const about = tight && c.secret === 'password' ? /^<[a-z]+>$/.test(v) : wordsAboutSecret(v, c.secret, tight || isFullSecretName(key));
  return about ? j.text(v) : j.secret(c.secret, v, c);
}

/** The value of a command-line flag: the password of `-u`/`--user user:password`, or a secret-named flag's value. */
export function flagValue(flag: string, v: string, j: ValueJudge): string {
  const q = v[0];
  if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q)) return `${q}${flagValue(flag, v.slice(1, -1), j)}${q}`;
  const name = flag.replace(/^-+/, '');
  if (name === 'u' || name === 'user') {
    const colon = v.indexOf(':');
    if (colon <= 0 || colon === v.length - 1) return j.text(v);
    return `${j.text(v.slice(0, colon))}:${j.secret('password', v.slice(colon + 1), { kind: 'secret', secret: 'password' })}`;
  }
  // `--key <hex>`: a bare key flag holds key material or names a key, as after a bare `key:`.
  if (/^key$/i.test(name)) return isBareKeyMaterial(v) ? j.secret('secret', v, { kind: 'secret', secret: 'secret' }) : j.text(v);
  const c = j.classify(name);
  return c.kind === 'secret' ? j.secret(c.secret, v, c) : j.text(v);
}

/** The name of a command-line flag standing alone as an argv element (`--session.secret` → `session.secret`), else undefined. */
export function argvFlag(arg: unknown): string | undefined {
  return typeof arg === 'string' && /^--?[A-Za-z][\w.-]*$/.test(arg) ? arg.replace(/^-+/, '') : undefined;
}
