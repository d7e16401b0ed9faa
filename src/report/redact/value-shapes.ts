// Judgements on a single value's shape: a credential-like blob, a JWT, an in-cluster hostname, a
// value that needs no scanning. Cheap checks the redactor runs once a pattern has matched.
import { INTERNAL_HINT, INTERNAL_HOST_EXACT, base64Secret, isPlaceholder } from './patterns.ts';
import type { SecretKind } from './keys.ts';

/** A bare timestamp, duration or number (most values on a log line): holds nothing. */
export const PLAIN_VALUE = /^(?:\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?|[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?[a-zµ]*)$/i;

/** A file name with a key or config extension: names where a secret lives. */
export const FILE_NAME = /^[\w.-]+\.(?:pem|key|crt|cer|der|p12|pfx|jwk|json|ya?ml|env|txt)$/i;
/** An environment variable's name (`AUTHPLANE_DEK_V2`): upper case with an underscore. */
const ENV_VAR_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/**
 * Lower-case words joined by hyphens, each word perhaps ending in digits, or digit groups after the
 * first word, with a digit somewhere: `aes-256-gcm`, `authplane-secrets-v2`, `rotated-2026-10-01`.
 * A UUID or a random token has groups that start with a digit or mix digits into letters; a
 * passphrase (`correct-horse-battery-staple`) has no digit: neither is one.
 */
const WORD_CHAIN = /^(?=.*\d)[a-z]+\d*(?:-(?:[a-z]+\d*|\d+))+$/;

/** A value that names or describes (an algorithm, an object, a version) rather than holds a secret. */
export function isWordChain(v: string): boolean {
  return WORD_CHAIN.test(v);
}

/**
 * A word after a secret's name that says where the secret lives or what it is rather than holding
 * it: a file name, an env var name, a word chain, a path that is not base64.
 */
export function namesRatherThanHolds(v: string): boolean {
  return FILE_NAME.test(v) || ENV_VAR_NAME.test(v) || isWordChain(v) || (v.includes('/') && !base64Secret(v));
}

const JWT_EXACT = /^eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){1,4}$/;

/** A compact JWT (or JWS) standing alone. */
export function isJwt(v: string): boolean {
  return v.startsWith('eyJ') && JWT_EXACT.test(v);
}

const DOTTED_QUAD = /\d\.\d+\.\d+\.\d/;
/** A query string inside a value (`path=/callback?code=…&state=…`): its parameters may be secrets. */
const QUERY_PAIR = /[?&#][\w.-]+=/;
/** A cloud key id (`AKIA…`) pasted where an id was expected. */
const WELL_KNOWN_PREFIX = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;

/**
 * A value in a debug-id place that still must be scanned: a pasted token, a key block, an address,
 * a query string, a cloud key id or an in-cluster host (a Prometheus `instance` label is `10.0.3.7:9001` or `pod.ns.svc:9001`).
 */
export function looksDangerous(v: string): boolean {
  return v.includes('eyJ') || v.includes('-----BEGIN') || v.includes('@') || v.includes('://') || v.includes('::')
    || (v.includes('.') && (DOTTED_QUAD.test(v) || INTERNAL_HINT.test(v))) || QUERY_PAIR.test(v) || WELL_KNOWN_PREFIX.test(v);
}

// base64 (`+/`) or base64url (`-_`), never both alphabets, optional padding; or hex in one case,
// perhaps after `0x`.
const B64 = /^(?:[A-Za-z0-9+/]{32,}|[A-Za-z0-9_-]{32,})={0,2}$/;
const HEX = /^(?:0x)?(?:[0-9a-f]{32,}|[0-9A-F]{32,})$/;

/** 32+ characters of base64/base64url with digits and both cases, or 32+ hex digits: key material. */
export function isCredentialBlob(v: string): boolean {
  if (HEX.test(v)) return true;
  return B64.test(v) && /\d/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v);
}

const PLAIN_WORDS = /^[a-z]+(?:[_-][a-z]+)*$/;

/**
 * Whether a value under a `suspect` name is the secret itself. An OAuth `state` in a query string
 * is always opaque; elsewhere (`state=healthy`) only a token-shaped value is taken for one.
 */
export function isSuspectSecret(kind: SecretKind, v: string, inQuery: boolean): boolean {
  if (isPlaceholder(v)) return false;
  if (kind === 'oauth-state') {
    if (inQuery) return true;
    // A random state almost always has a digit; `CrashLoopBackOff` or `half-open` do not.
    return !/\s/.test(v) && ((v.length >= 8 && /\d/.test(v)) || (v.length >= 32 && !PLAIN_WORDS.test(v)));
  }
  return isCredentialBlob(v) || (kind === 'password' && isBasicPair(v));
}

/** base64 of `user:password` (HTTP Basic, Docker `auth`). */
function isBasicPair(v: string): boolean {
  if (v.length < 8 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
  return /^[\x21-\x7e]+:[\x20-\x7e]+$/.test(Buffer.from(v, 'base64').toString('latin1'));
}

/**
 * base64 of `client:secret` found standing alone in text: a name of the characters client ids and
 * user names have before the colon. Random base64 decodes to bytes that are rarely all printable.
 */
export function isBareBasicPair(v: string): boolean {
  if (!/[A-Z]/.test(v) || !/[a-z]/.test(v)) return false;
  return /^[\w.@+-]{1,128}:[\x21-\x7e][\x20-\x7e]*$/.test(Buffer.from(v, 'base64').toString('latin1'));
}

/** In-cluster names that name no operator: the cluster-domain suffixes themselves. */
const GENERIC_INTERNAL = /^(?:svc\.)?cluster\.local$/i;

/** True for an operator's in-cluster or private-network hostname (`pg-primary.db.svc`, `vault.internal`). */
export function isInternalHost(host: string): boolean {
  return INTERNAL_HOST_EXACT.test(host) && !GENERIC_INTERNAL.test(host);
}

/** A URL query parameter: the text before `offset` ends with `?` or `&` (or their percent-escapes). */
export function inQueryAt(input: string, offset: number): boolean {
  const c = input[offset - 1];
  if (c === '?' || c === '&') return true;
  if (offset >= 3 && input[offset - 3] === '%') {
    const esc = input.slice(offset - 2, offset).toUpperCase();
    return esc === '3F' || esc === '26';
  }
  return false;
}

const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const BODY_LINE = /^(\s*)[A-Za-z0-9+/]{16,}={0,2}(\s*)$/;
const B64_CHAR = /[A-Za-z0-9+/=\s]/;
const LONE_BLOB = /^(\s*)([A-Za-z0-9+/]{40,}={0,2})(\s*)$/;

/**
 * A private key whose BEGIN line came in one text() call and whose body lines come in the next
 * ones (a log printed line by line). Body lines are replaced until the END line, or until a line
 * that is not key material.
 */
export class PemContinuation {
  #open = false;

  /** A BEGIN line without its END was seen: the next lines may be key body. */
  open(): void {
    this.#open = true;
  }

  /** The redacted line while a key body is open, or null when this line is not part of one. */
  next(s: string, marker: () => string): string | null {
    if (!this.#open) return null;
    const end = PEM_END.exec(s);
    if (end) {
      this.#open = false;
      return marker() + s.slice(end.index + end[0].length);
    }
    const m = BODY_LINE.exec(s);
    if (m) return `${m[1]}${marker()}${m[2]}`;
    this.#open = false;
    return null;
  }
}

/** A line that is nothing but a long base64 run (a key body line out of context): its parts, or null. */
export function loneBlob(s: string): [string, string] | null {
  // Most lines end in `}`, `"` or a plain word: reject on the last character before any regex.
  if (s.length < 40 || !B64_CHAR.test(s[s.length - 1]!)) return null;
  const m = LONE_BLOB.exec(s);
  if (!m || !/\d/.test(m[2]!) || !/[a-z]/.test(m[2]!) || !/[A-Z]/.test(m[2]!)) return null;
  return [m[1]!, m[3]!];
}

/** `bob:` → [`bob`, `:`]: the punctuation that ends a sentence is not part of an id. */
export function splitPunct(v: string): [string, string] {
  const p = /[.:!?]+$/.exec(v)?.[0] ?? '';
  return p ? [v.slice(0, -p.length), p] : [v, ''];
}

/** A regex alternation matching any of `values` literally, longest first (so no value stops inside a longer one). */
export function literalAlternation(values: Iterable<string>): string {
  return [...values].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * How far an unquoted secret runs past where the key=value pattern stopped it: a password or DSN may
 * hold `& ; , ) ] <` (`DB_PASSWORD=a,b,c1`, `postgres://u:x;y@db`). It runs to the next space, short
 * of a following `&name=` / `;name=` / `,name=` pair (but a cookie's pairs are its value) and of
 * closing brackets or sentence punctuation.
 */
function secretTail(after: string, cookie: boolean): number {
  // Bounded, so that a long line without spaces costs linear time; markup (`</td>`) and an HTML
  // entity (`&amp;`) end the value too.
  let t = /^[^\s"'<`]{0,256}/.exec(after)![0];
  const entity = t.search(/&(?:[a-z]+|#\d+);/);
  if (entity >= 0) t = t.slice(0, entity);
  // A cookie header's value is all its pairs (`cookie=a=1;b=2`).
  const pair = cookie ? -1 : t.search(/[&;,][A-Za-z_][\w.-]*=/);
  if (pair >= 0) t = t.slice(0, pair);
  return t.replace(/[)\]}>,;.:!?]+$/, '').length;
}

/**
 * How an unquoted secret value cut by the key=value pattern at `raw` continues into `after`: how
 * many characters it takes, and its shape. `empty`: Go's `[]`, `{}`, `map[]` (kept as they are);
 * `bracketed`: `[x]` or `{x}` of a Go slice or map, whose brackets stay around the marker;
 * `value`: the secret itself, a `${NAME:-x}` reference whole, or raw plus its tail (secretTail).
 */
export function secretExtent(raw: string, after: string, cookie: boolean): { extra: number; shape: 'empty' | 'bracketed' | 'value' } {
  const empty = /^(?:\[\]|\{\}|map\[\])(?=[\s,;)}\]]|$)/.exec(raw + after.slice(0, 8))?.[0];
  if (empty !== undefined && empty.length >= raw.length) return { extra: empty.length - raw.length, shape: 'empty' };
  const ref = raw.startsWith('${') ? /^[^"'}]*\}/.exec(after)?.[0] : undefined;
  // An empty value (`refresh_token=<nil>`, `token=` at a line end) has no rest to take.
  const extra = ref !== undefined ? ref.length : raw === '' ? 0 : secretTail(after, cookie);
  const whole = raw + after.slice(0, extra);
  const close = whole[0] === '[' ? ']' : whole[0] === '{' ? '}' : '';
  if (close && after[extra] === close && whole.length > 1 && !isPlaceholder(whole + close)) return { extra: extra + 1, shape: 'bracketed' };
  return { extra, shape: 'value' };
}

/**
 * How far a secret in an ADO.NET-style connection string (`Server=db;User Id=sa;Password=my
 * secret;`) runs past a space: to the next `;`, since only `;` ends a value there. The string is one
 * when a `;` stands before the name, or when the spaced rest ends in `;Name=`. A `=` before the
 * `;` means the next pair started (libpq's `password=x dbname=y`): 0 then, as when nothing follows.
 */
export function connectionStringRest(before: string, after: string): number {
  if (after[0] !== ' ' && after[0] !== '\t') return 0;
  const seg = /^[^;=\r\n"'`<>]{0,256}/.exec(after)![0];
  const next = after.slice(seg.length);
  if (next[0] === '=') return 0;
  // `;Password=` always; `; Password=` only after a visible pair (`Server=db; `), not after prose (`failed; `).
  const afterSemicolon = before.endsWith(';') || /=[^;=]*;[ \t]$/.test(before);
  const endsPair = /^;[ \t]*[A-Za-z][\w .-]{0,64}=/.test(next);
  if (!afterSemicolon && !endsPair) return 0;
  // After `;Name=` the value also ends at the line's or the string's end.
  if (next[0] !== ';' && next !== '' && !/^["'`]/.test(next)) return 0;
  return seg.replace(/[ \t]+$/, '').length;
}

/**
 * How many characters of `after` close the brackets that an unquoted value opened (`header=map[A:[B c]]`,
 * `{a=b, c=d}`): Go maps and Java maps print spaces inside, which cut the value. 0 when it is
 * balanced, or does not close within the line's next 4096 characters.
 */
export function openBracketsRest(raw: string, after: string): number {
  let depth = 0;
  for (const ch of raw) {
    if (ch === '[' || ch === '{') depth++;
    else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  if (depth === 0) return 0;
  const end = Math.min(after.length, 4096);
  for (let i = 0; i < end; i++) {
    const ch = after[i];
    if (ch === '\n' || ch === '\r') return 0;
    if (ch === '[' || ch === '{') depth++;
    else if ((ch === ']' || ch === '}') && --depth === 0) return i + 1;
  }
  return 0;
}

/** `version=1.2.3.4`, `FileVersion: 0.2.0.0`: a version number under a version's name, which a dotted quad must not turn into an address. */
export function isVersionPair(key: string, v: string): boolean {
  return /version$/i.test(key) && /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(v);
}
