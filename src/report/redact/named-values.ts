// Values named by a secret-ish word inside free text, judged by that name: `map[password:x]` (Go %v),
// `{api_key: "x"}`, `--client-secret x`, `curl -u user:pass`.
import { classifyKey, type KeyClass, type SecretKind } from './keys.ts';

/** What the redactor lends these judgements: scanning a value as text, and replacing a secret. */
export interface ValueJudge {
  text(v: string): string;
  secret(kind: SecretKind, v: string, c: KeyClass): string;
}

// In prose `secret: 2 instances`, `token: expired`, `mint tokens: /oauth/token answers 500` are words
// about the secret (a count, a state, an endpoint), not the secret.
const PLAIN_WORD = /^(?:[a-z]{1,12}|\d{1,6}|\/[a-z0-9_./-]*)$/;

/** The value after `key:` when the key ends in a secret word. */
export function namedColonValue(key: string, v: string, j: ValueJudge): string {
  // A bare `key:` in prose names a key id (`admin rotated signing key: <kid>`), which stays readable.
  if (/^key$/i.test(key)) return j.text(v);
  const c = classifyKey(key);
  return c.kind === 'secret' && !PLAIN_WORD.test(v) ? j.secret(c.secret, v, c) : j.text(v);
}

/** The value of a command-line flag: the password of `-u`/`--user user:password`, or a secret-named flag's value. */
export function flagValue(flag: string, v: string, j: ValueJudge): string {
  const name = flag.replace(/^-+/, '');
  if (name === 'u' || name === 'user') {
    const colon = v.indexOf(':');
    if (colon <= 0 || colon === v.length - 1) return j.text(v);
    return `${j.text(v.slice(0, colon))}:${j.secret('password', v.slice(colon + 1), { kind: 'secret', secret: 'password' })}`;
  }
  const c = classifyKey(name);
  return c.kind === 'secret' ? j.secret(c.secret, v, c) : j.text(v);
}
