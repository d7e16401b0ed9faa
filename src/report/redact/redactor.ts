// The one fail-closed redactor every outgoing output goes through: secrets replaced, identities
// pseudonymized with a per-redactor keyed hash, debugging ids kept (design.md "Redaction").
import { ROLE_ACTORS, USER_DETAIL_ACTIONS, classifyKey, isJwkPrivateMember, normalizeKey, type IdentityKind, type KeyClass, type SecretKind } from './keys.ts';
import { jwtMarker, reencodeJwt, type ClaimRewriter } from './jwt.ts';
import { NotedIdentities } from './noted-identities.ts';
import { Pseudonymizer } from './pseudonym.ts';
import {
  EMAIL_EXACT, G, INTERNAL_HINT, IPV4_ANY, MAYBE, PEM_ANY, isBoringIp, isErrorCodeLike, isIpv6Literal, isPlaceholder,
  base64Secret, looksLikeCredential, masterPattern, optionalMask, redactCookieValue,
} from './patterns.ts';
import {
  PLAIN_VALUE, PemContinuation, inQueryAt, isBareBasicPair, namesRatherThanHolds, isVersionPair, isInternalHost, isJwt, isSuspectSecret, literalAlternation, looksDangerous, loneBlob,
} from './value-shapes.ts';
import { replaceAddresses } from './addresses.ts';
import { findWellKnownSecrets } from './well-known.ts';
import { keyValueReplacement, type Around, type MatchJudge } from './key-value-match.ts';
import { argvFlag, flagValue, isBareKeyMaterial, isFullSecretName, namedColonValue, wordsAboutSecret, type ValueJudge } from './named-values.ts';
import { ownDomainMatcher } from './own-domains.ts';
import { LineContext, type LineJudge } from './line-context.ts';
import { redactNameThenValue } from './name-then-value.ts';
import { redactEmbeddedEntries, type EntryJudge } from './embedded-entries.ts';
import { redactCodeCalls } from './code-calls.ts';
import type { Redactor, RedactorOptions, RedactionSummary } from './redactor-api.ts';

export type { Redactor, RedactorOptions, RedactionSummary } from './redactor-api.ts';

const MAX_DEPTH = 4;
/** The words right before a key id: `unknown kid `, `thumbprint: `, `jkt=`, `{Kid:`, `old_kid=`. */
const KEY_ID_BEFORE = /(?<![A-Za-z0-9])(?:[Kk]ids?|[Tt]humbprint|[Jj]kt|[Xx]5t(?:#S256)?|[Kk]ey_?[Ii][Dd])["']?[ \t]*[:=]?[ \t]*[["']?$/;
/** HTML elements (`<code>`, `<li>` in a pasted page or a rendered error): their text is prose, not a field. */
const HTML_TAGS = new Set(['a', 'b', 'i', 'em', 'strong', 'code', 'pre', 'kbd', 'samp', 'var', 'span', 'div', 'p', 'li', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title', 'label', 'small', 'tt', 'u', 'mark', 'summary', 'caption', 'button', 'option']);
/** A key id: AuthPlane's 22 base64url characters, a JWK thumbprint's 43, or a name (`es256-2026-10`). */
const KID_SHAPE = /^[A-Za-z0-9_.-]{1,43}$/;
/** One id or a bracketed list of them: `Zk3v…`, `[a, b]`. */
const ID_LIST = /^\[?[\w.#~+/=-]+(?:,[ \t]*[\w.#~+/=-]+)*\]?$/;

/**
 * A header-like value that reads as a message: a lower-case word, then more words
 * (`user existence check failed`, `must be at least 32 bytes`). Header values and cookies are never
 * messages; a password needs three words, since a passphrase has a few too.
 */
function isMessage(v: string, c: KeyClass): boolean {
  if (c.kind === 'secret' && (c.header || c.secret === 'cookie')) return false;
  if (c.kind !== 'secret' && c.kind !== 'identity') return false;
  const words = v.trim().split(/[ \t]+/);
  return /^[a-z][a-z/._'-]*:?$/.test(words[0] ?? '') && words.length >= (c.kind === 'secret' && c.secret === 'password' ? 3 : 2);
}

/** A terminal colour code (SGR), as coloured console loggers write them. */
// eslint-disable-next-line no-control-regex -- the escape character is what it looks for
const SGR = /\x1b\[[0-9;]*m/g;

/**
 * Colour codes out, and the JSON escapes of `&`, `=` and `/` back to the characters: a coloured key
 * (`\x1b[33mclient_secret\x1b[0m=x`) or an escaped separator (`a=1\u0026client_secret=x`,
 * `postgres:\/\/u:pw@db`) would hide a secret from the patterns. The characters are as valid in a
 * JSON string as their escapes.
 */
function plainSeparators(s: string): string {
  if (s.includes('\x1b[')) s = s.replace(SGR, '');
  if (s.includes('\\u00')) s = s.replace(/(?<!\\)((?:\\\\)*)\\u00(26|3[dD])/g, (_m, bs: string, hex: string) => bs + (hex === '26' ? '&' : '='));
  if (s.includes('\\/')) s = s.replace(/(?<!\\)((?:\\\\)*)\\\//g, '$1/');
  return s;
}

/** A version's name right before a dotted quad. */
const VERSION_BEFORE = /(?:[Vv]ersion|VERSION|[Bb]uild|\bv)["']?[ \t]*[:=]?[ \t]*["']?$/;


/** Create a redactor with a per-report pseudonym key. */
export function createRedactor(opts: RedactorOptions = {}): Redactor {
  return new FailClosedRedactor(opts);
}

class FailClosedRedactor implements Redactor, ClaimRewriter {
  readonly #pseudo: Pseudonymizer;
  readonly #counts = new Map<string, number>();
  readonly #isOwnHost: (host: string) => boolean;
  readonly #hosts: 'any' | 'internal' | 'none';
  /** The master pattern in variants, by which of the optional alternatives the text may need (compiled on first use). */
  readonly #res: (RegExp | undefined)[] = [];
  readonly #jwtForm: 'marker' | 'token';
  readonly #internal: boolean;
  readonly #pem = new PemContinuation();
  readonly #lines = new LineContext();
  readonly #known = new Set<string>();
  #knownRe: RegExp | null = null;
  readonly #noted = new NotedIdentities();
  /** Names taught by noteSecretName(), normalized (keys.ts), with their secret kind. */
  readonly #secretNames = new Map<string, KeyClass>();
  /** The taught names as written, for `NAME:value` in free text (`{ACME_DEK:<hex>}`), which no secret word marks. */
  readonly #taughtNames = new Set<string>();
  #taughtRe: RegExp | null = null;

  constructor(opts: RedactorOptions) {
    this.#pseudo = new Pseudonymizer(opts.key);
    this.#isOwnHost = ownDomainMatcher(opts.ownDomains ?? []);
    this.#internal = opts.internalHosts !== false;
    this.#hosts = (opts.ownDomains ?? []).length > 0 ? 'any' : this.#internal ? 'internal' : 'none';
    this.#jwtForm = opts.jwt ?? 'marker';
  }

  summary(): RedactionSummary {
    return { counts: Object.fromEntries([...this.#counts].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }

  async learn(text: string): Promise<void> {
    const found = await findWellKnownSecrets(text);
    let added = false;
    for (const f of found) {
      // URL credentials are our own rule's job, which keeps the scheme, user and host readable.
      if (/^[a-z][a-z0-9+.-]*:\/\/[^\s/@]*@/i.test(f)) continue;
      // `AWS_SECRET_ACCESS_KEY=…`: remember the value; the name stays readable.
      const v = /^[A-Za-z_][\w.-]*\s*[=:]\s*["']?(.+)$/.exec(f)?.[1] ?? f;
      if (v.length >= 8 && !this.#known.has(v)) {
        this.#known.add(v);
        added = true;
      }
    }
    if (added) {
      // A hit may end inside its token (secretlint's range stops short): take the token's rest too.
      this.#knownRe = new RegExp(`(?:${literalAlternation(this.#known)})[A-Za-z0-9+/=_-]*`, 'g');
    }
  }

  text(s: string, next?: string): string {
    return this.#text(s, 0, next);
  }

  noteIdentities(key: string, v: unknown): void {
    if (typeof v === 'string') {
      const c = classifyKey(key);
      if (c.kind !== 'identity' || (c.identity !== 'user' && c.identity !== 'session')) return;
      if (v.length < 3 || /^\d{1,4}$/.test(v) || ROLE_ACTORS.has(v) || EMAIL_EXACT.test(v) || this.#noted.skips(v)) return;
      if (isPlaceholder(v) || this.#pseudo.isPseudonym(v)) return;
      this.#noted.add(v, c.identity);
    } else if (Array.isArray(v)) {
      for (const x of v) this.noteIdentities(key, x);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) this.noteIdentities(k, x);
      const o = v as Record<string, unknown>;
      if (typeof o.detail === 'string' && typeof o.action === 'string' && USER_DETAIL_ACTIONS.has(o.action)) {
        this.noteIdentities('user_id', /^[^\s;,]+/.exec(o.detail)?.[0] ?? '');
      }
    }
  }

  noteClientIds(ids: Iterable<string>): void {
    for (const id of ids) {
      if (id.length < 3 || ROLE_ACTORS.has(id) || EMAIL_EXACT.test(id)) continue;
      this.#noted.addClient(id);
    }
  }

  noteSecretName(name: string, kind: SecretKind): void {
    this.#secretNames.set(normalizeKey(name), { kind: 'secret', secret: kind });
    if (!this.#taughtNames.has(name)) {
      this.#taughtNames.add(name);
      this.#taughtRe = new RegExp(`(?<![\\w.-])(${literalAlternation(this.#taughtNames)})(:[ \\t]?)(["']?)([^\\s"',;{}\\[\\]()<>]+)\\3`, 'g');
    }
  }

  /** `NAME:value` under a taught name: a Go %+v dump or a map (`{ACME_DEK:<hex>}`), or `NAME: value` in prose. */
  #taughtPass(s: string, depth: number): string {
    const re = this.#taughtRe;
    if (!re) return s;
    return s.replace(re, (_all, name: string, sep: string, q: string, v: string) => {
      // Tight (`{ACME_DEK:abc}`), even a plain word is the value: only `<nil>` and the like are not.
      const c = this.#classify(name);
      const out = sep === ':' && q === '' && c.kind === 'secret' && !/^<[a-z]+>$/.test(v) ? this.#secret(c.secret, v, c) : namedColonValue(name, v, this.#judge(depth));
      return `${name}${sep}${q}${out}${q}`;
    });
  }

  /** A field name's class: a name taught by noteSecretName() first, then the naming rules. */
  #classify(key: string): KeyClass {
    if (this.#secretNames.size > 0) {
      const norm = normalizeKey(key);
      const taught = this.#secretNames.get(norm.slice(norm.lastIndexOf('.') + 1));
      if (taught) return taught;
    }
    return classifyKey(key);
  }

  /** Replace remembered user/session ids standing alone in free text. */
  #notedPass(s: string): string {
    return this.#noted.replaceIn(s, (kind, id) => {
      this.#count(kind);
      return this.#pseudo.of(kind, id);
    });
  }

  value(key: string, v: unknown): unknown {
    return this.#value(key, v, this.#classify(key), 0);
  }

  identity(kind: 'user' | 'email' | IdentityKind, value: string): string {
    return this.#identity(kind, value);
  }

  #count(kind: string, n = 1): void {
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + n);
  }

  #value(key: string, v: unknown, c: KeyClass, depth: number): unknown {
    if (typeof v === 'string') return isVersionPair(key, v) ? v : this.#stringIn(c, v, depth);
    if (Array.isArray(v)) return this.#array(key, v, c, depth);
    if (v !== null && typeof v === 'object') {
      // Objects are judged key by key: a JWKS under `keys` keeps its public members.
      const out: Record<string, unknown> = {};
      // The dotted path names the secret's kind (`vault_transit.token` is a Vault token).
      const o = v as Record<string, unknown>;
      // `d`, `k`, `q` are a JWK's private members only in a JWK; elsewhere (`{"q": "q3 roadmap"}`) only key material goes.
      const isJwk = typeof o.kty === 'string';
      for (const [k, x] of Object.entries(v)) {
        const path = key && !/^\d+$/.test(key) ? `${key}.${k}` : k;
        const c = !isJwk && isJwkPrivateMember(k) ? ({ kind: 'neutral', suspect: 'private-key' } as const) : this.#classify(path);
        out[k] = this.#value(path, x, c, depth);
      }
      // An audit row about a user (`user.disabled`, …) carries that user's id as its bare detail.
      if (typeof o.detail === 'string' && typeof o.action === 'string' && USER_DETAIL_ACTIONS.has(o.action)) {
        out.detail = o.detail.replace(/^[^\s;,]+/, (id) => this.#identity(EMAIL_EXACT.test(id) ? 'email' : 'user', id));
      }
      // A Kubernetes env entry `{name: AUTHPLANE_SESSION_SECRET, value: …}`: the value is what the name says.
      if (typeof o.name === 'string' && 'value' in o) {
        const named = this.#classify(o.name);
        if (named.kind === 'secret') out.value = this.#value(o.name, o.value, named, depth);
      }
      return out;
    }
    // A number under a password, or a long one under another secret name (a numeric secret a YAML
    // parser turned into a number), becomes a marker; counts, ports and lifetimes stay numbers.
    if (typeof v === 'number' && c.kind === 'secret' && !c.count && (c.secret === 'password' || Math.abs(v) >= 100_000)) return this.#marker(c.secret);
    return v;
  }

  /** An array; in an argv (`["--session.secret", "x"]`) the element after a secret flag is that secret. */
  #array(key: string, v: unknown[], c: KeyClass, depth: number): unknown[] {
    const out = v.map((x) => {
      // `--session.secret=a b` as one element: the flag's value is all after its `=`.
      const m = typeof x === 'string' ? /^(--?([A-Za-z][\w.-]*)=)(.+)$/s.exec(x) : null;
      const fc = m ? this.#classify(m[2]!) : undefined;
      if (m && fc?.kind === 'secret') return m[1] + this.#secret(fc.secret, m[3]!, fc);
      return this.#value(key, x, c, depth);
    });
    for (let i = 0; i + 1 < v.length; i++) {
      const flag = argvFlag(v[i]);
      const next = v[i + 1];
      if (flag === undefined || typeof next !== 'string' || next.startsWith('-')) continue;
      const fc = this.#classify(flag);
      if (fc.kind === 'secret') out[i + 1] = this.#secret(fc.secret, next, fc);
    }
    return out;
  }

  /** A string value in a place of class `c`. */
  #stringIn(c: KeyClass, v: string, depth: number, inQuery = false): string {
    if (c.kind === 'debug') return looksDangerous(v) ? this.#text(v, depth + 1) : v;
    if (c.kind === 'identity') return this.#identity(c.identity, v);
    if (c.kind === 'neutral') {
      if (c.keyId && KID_SHAPE.test(v)) return v;
      if (c.suspect && isSuspectSecret(c.suspect, v, inQuery)) return this.#marker(c.suspect);
      // A whole value that is an address (`a=b@acme.io` included) is one identity, not key=value.
      if (v.includes('@') && EMAIL_EXACT.test(v)) return this.#identity('email', v);
      return this.#text(v, depth + 1);
    }
    return this.#secret(c.secret, v, c);
  }

  /** Replace a secret value; keeps an auth scheme, cookie names, a DSN's host, and empty/placeholder values. */
  #secret(kind: SecretKind, v: string, c?: KeyClass): string {
    if (isPlaceholder(v) || this.#pseudo.isPseudonym(v)) return v;
    if (c?.kind === 'secret' && c.count && /^\d+(?:\.\d+)?$/.test(v)) return v;
    // `has_secret=true`, `client_secret_basic=false`: a flag about the secret.
    if (v === 'true' || v === 'false') return v;
    if (kind === 'authorization-code' && isErrorCodeLike(v)) return v;
    if (isJwt(v)) return this.#jwt(v);
    if (kind === 'cookie') {
      const r = redactCookieValue(v, '[REDACTED:cookie]');
      this.#count('cookie', r.n);
      return r.out;
    }
    if (c?.kind === 'secret' && c.header) {
      const m = /^(Bearer|DPoP|Basic|Token|Negotiate|Digest)(\s+)(.*)$/i.exec(v);
      // `Bearer $AUTHPLANE_ADMIN_API_KEY` in a suggested command names a variable, not a secret.
      if (m) return `${m[1]}${m[2]}${isPlaceholder(m[3]!) ? m[3] : isJwt(m[3]!) ? this.#jwt(m[3]!) : this.#marker(kind)}`;
    }
    if (kind === 'dsn-credentials' && /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
      const r = this.#text(v, 1);
      if (r !== v) return r;
      // Already redacted (`postgres://u:[REDACTED:…]@host`, a report redacted again): as it is.
      if (/^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:\[REDACTED:[a-z-]+\]@/i.test(v)) return v;
      // `postgres://u:pw` cut before its `@`: what follows `user:` is a password unless it is a port.
      const cut = /^([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)(?!\d*(?:[/?#]|$))/i.exec(v);
      if (cut) return cut[1] + this.#marker(kind);
      if (!/@/.test(v)) return r;
    }
    if (kind === 'dsn-credentials' && /\bpassword=/i.test(v)) return this.#text(v, 1);
    return this.#marker(kind);
  }

  #marker(kind: SecretKind): string {
    this.#count(kind);
    return `[REDACTED:${kind}]`;
  }

  #jwt(compact: string): string {
    this.#count('jwt');
    if (this.#jwtForm === 'token') return reencodeJwt(compact, this) ?? '[REDACTED:jwt]';
    return jwtMarker(compact, this);
  }

  #identity(kind: IdentityKind, v: string): string {
    if (v === '' || this.#pseudo.isPseudonym(v) || isPlaceholder(v)) return v;
    if (kind === 'user' && (ROLE_ACTORS.has(v) || this.#noted.isClient(v))) return v;
    if (kind === 'ip') return this.#ips(v);
    // `alice%40acme.io` in a query string is the same person as `alice@acme.io` in a JSON field.
    if (v.includes('%40')) v = v.replace(/%40/g, '@');
    if (kind === 'email' && !EMAIL_EXACT.test(v)) kind = 'user';
    if (kind === 'user' && EMAIL_EXACT.test(v)) kind = 'email';
    this.#count(kind);
    return this.#pseudo.of(kind, v);
  }

  /** A key block; one without its END line means the next lines of the log are its body. */
  #pemBlock(pem: string): string {
    if (!pem.includes('-----END')) this.#pem.open();
    return this.#marker('private-key');
  }

  /** One IP literal (v4 or v6): pseudonymized unless loopback or unspecified. */
  #ip(ip: string): string {
    if (isBoringIp(ip)) return ip;
    this.#count('ip');
    return this.#pseudo.of('ip', ip);
  }

  /** An address field (`10.0.0.7:51234`, `a, b`): each IP pseudonymized, ports kept. */
  #ips(v: string): string {
    const { out, n } = replaceAddresses(v, (ip) => this.#pseudo.of('ip', ip));
    this.#count('ip', n);
    return out;
  }

  /** `next`: the line after `s` in its file, when `s` is one line of a file read line by line. */
  #text(s: string, depth: number, next?: string): string {
    if (s.length === 0) return s;
    if (depth === 0) s = plainSeparators(s);
    if (this.#knownRe) {
      s = s.replace(this.#knownRe, () => {
        this.#count('well-known-token');
        return '[REDACTED:well-known-token]';
      });
    }
    if (depth === 0) {
      const body = this.#pem.next(s, () => this.#marker('private-key'));
      if (body !== null) return body;
      const blob = loneBlob(s);
      if (blob) return `${blob[0]}${this.#marker('key-material')}${blob[1]}`;
      // The stream's line state is for one line at a time; several lines get a state of their own below.
      const line = s.includes('\n') ? null : this.#lines.line(s, this.#lineJudge, next);
      if (line !== null) return line;
      if (this.#noted.size > 0) s = this.#notedPass(s);
    }
    // Key blocks first: a `key=-----BEGIN …` value would otherwise be cut at its first space.
    if (s.includes('-----BEGIN')) s = s.replace(PEM_ANY, (pem) => this.#pemBlock(pem));
    if (depth > MAX_DEPTH) return s;
    // Several lines in one value (a ConfigMap's `config.yaml: |`, an excerpt, a stack): the
    // line-by-line rules see them in order, with a state of their own; the other lines are scanned.
    if (s.includes('\n')) {
      const ctx = new LineContext();
      const lines = s.split('\n');
      return lines.map((l, i) => {
        // A CRLF text (a ConfigMap written on Windows): the line rules see the line without its CR.
        const cr = l.endsWith('\r') ? '\r' : '';
        const body = cr ? l.slice(0, -1) : l;
        return (ctx.line(body, this.#lineJudge, lines[i + 1]?.replace(/\r$/, '')) ?? this.#scanLine(body, depth, true)) + cr;
      }).join('\n');
    }
    return this.#scanLine(s, depth, depth === 0);
  }

  /**
   * The master pattern's pass over one line, or a value without line breaks. `isLine`: `s` is a line
   * of a file rather than a value (a message, an error string), where `session: …` is a setting.
   */
  #scanLine(s: string, depth: number, isLine: boolean): string {
    if (this.#taughtRe) s = this.#taughtPass(s, depth);
    if (!MAYBE.test(s)) return redactNameThenValue(s, this.#lineJudge);
    // Fast path: a bare timestamp, duration or number (most values on a log line) holds nothing.
    if (PLAIN_VALUE.test(s)) return s;
    s = redactEmbeddedEntries(s, this.#entryJudge);
    s = redactCodeCalls(s, this.#entryJudge);
    return redactNameThenValue(this.#scan(s, this.#pattern(s), depth, isLine), this.#lineJudge);
  }

  /**
   * Replace every match of `re` in `s`. A hand-written exec loop rather than replace(): a match may
   * consume more of the line than the pattern took (see secretExtent). Re-entrant: a nested call may
   * reuse `re`, so the position is set again after each replacement.
   */
  #scan(s: string, re: RegExp, depth: number, isLine: boolean): string {
    let out = '';
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      const start = m.index;
      if (m[0].length === 0) {
        re.lastIndex = start + 1;
        continue;
      }
      const tail = { extra: 0 };
      const around = { inQuery: () => inQueryAt(s, start), before: () => s.slice(Math.max(0, start - 24), start), after: () => s.slice(start + m![0].length), isLine };
      const rep = this.#replaceMatch(m, depth, around, tail);
      out += s.slice(last, start) + rep;
      last = start + m[0].length + tail.extra;
      re.lastIndex = last;
    }
    return last === 0 ? s : out + s.slice(last);
  }

  /** The cheapest master pattern variant that still finds everything `s` may hold. */
  #pattern(s: string): RegExp {
    const hosts = this.#hosts === 'internal' && !INTERNAL_HINT.test(s) ? 'none' : this.#hosts;
    const mask = optionalMask(s);
    const i = mask * 2 + (hosts === 'none' ? 0 : 1);
    return (this.#res[i] ??= masterPattern(hosts, mask));
  }

  /**
   * The replacement of one match. `around` gives the text around it; `tail.extra` is set when the
   * replacement also stands for that many characters after the match.
   */
  #replaceMatch(
    m: (string | undefined)[], depth: number, around: Around, tail: { extra: number },
  ): string {
    const all = m[0]!;
    if (m[G.pem]) return this.#pemBlock(all);
    if (m[G.jwt]) return this.#jwt(all);
    if (m[G.header] !== undefined) {
      // After a quote or inside a value, `session: user existence check failed` is a message whose
      // first word names where it comes from.
      const inMessage = !around.isLine || /["']$/.test(around.before());
      return this.#headerLine(all, m[G.headerKey]!, m[G.headerValue]!, depth, inMessage);
    }
    if (m[G.scheme] !== undefined) {
      const tok = m[G.schemeToken]!;
      if (isJwt(tok)) return `${m[G.schemeName]}${m[G.schemeWs]}${this.#jwt(tok)}`;
      // `Bearer resource_metadata="…"` (WWW-Authenticate) starts a parameter, not a token.
      // `DPoP proof-of-possession`, `Basic authentication-required`: hyphenated words, not a token.
      if (looksLikeCredential(tok) || (tok.length >= 16 && !tok.endsWith('=') && !/^[a-z]+(?:[-_.][a-z]+)+$/.test(tok))) return `${m[G.schemeName]}${m[G.schemeWs]}${this.#marker(m[G.schemeName]!.toLowerCase() === 'basic' ? 'password' : 'access-token')}`;
      return `${m[G.schemeName]}${m[G.schemeWs]}${this.#text(tok, depth + 1)}`;
    }
    const kv = keyValueReplacement(m, around, tail, this.#matchJudge(depth));
    if (kv !== undefined) return kv;
    if (m[G.url] !== undefined) {
      if (m[G.urlPass] !== undefined) return `${m[G.urlScheme]}${m[G.urlUser] ?? ''}:${this.#marker('dsn-credentials')}@`;
      return `${m[G.urlScheme]}${this.#marker('dsn-credentials')}@`;
    }
    if (m[G.encKv] !== undefined) return `${m[G.encKvKey]}%3D${this.#encodedValue(m[G.encKvKey]!, m[G.encKvValue]!, depth)}`;
    if (m[G.prose] !== undefined) {
      const tok = m[G.proseToken]!;
      const head = `${m[G.proseWord]}${m[G.proseWs]}`;
      // `{Secret:x}` (a Go %+v field): the value itself, whatever it looks like.
      if (m[G.proseWs] === ':' && /^[A-Za-z]+$/.test(m[G.proseWord]!)) return head + namedColonValue(m[G.proseWord]!, tok, this.#judge(depth), true);
      // A shape the other rules know (a JWT, a Vault or forge token) keeps its own marker.
      const inner = this.#text(tok, depth + 1);
      if (inner !== tok) return head + inner;
      // `secret set to rotated-2026-10-01.pem` names a file, not its contents; `master key set to
      // AUTHPLANE_DEK_V2` a variable; `KEK is transit/keys/authplane` a path; `secret
      // authplane-secrets-v2 not found` a Kubernetes object.
      if (namesRatherThanHolds(tok)) return head + tok;
      if (/^pass/i.test(m[G.proseWord]!) && /[a-z]/.test(m[G.proseWs]!)) return head + this.#spokenPassword(tok);
      return /\d/.test(tok) && /[A-Za-z]/.test(tok) ? head + this.#marker('secret') : head + tok;
    }
    if (m[G.prosePw] !== undefined) return `${m[G.prosePwWord]}${m[G.prosePwLink]}${this.#spokenPassword(m[G.prosePwValue]!)}`;
    if (m[G.xml] !== undefined) return `<${m[G.xmlKey]}>${this.#xmlValue(m[G.xmlKey]!, m[G.xmlValue]!, depth)}</${m[G.xmlKey]}>`;
    if (m[G.goDsn] !== undefined) return `${m[G.goDsnUser]}:${isPlaceholder(m[G.goDsnPass]!) ? m[G.goDsnPass] : this.#marker('dsn-credentials')}@`;
    if (m[G.goHeader] !== undefined) {
      // `NAME:[REDACTED:…]` is a marker left by an earlier pass, not a header slice.
      const v = m[G.goHeaderValue]!;
      return isPlaceholder(`[${v}]`) ? all : `${m[G.goHeaderKey]}:[${this.#headerValue(m[G.goHeaderKey]!, v, depth)}]`;
    }
    if (m[G.wellKnown]) return this.#marker('well-known-token');
    if (m[G.vault]) return this.#marker('vault-token');
    if (m[G.email]) return this.#identity('email', all);
    // `Version=1.2.3.4`, `version 1.0.0.123`, `build 1.2.3.4`: a four-part version, not an address.
    if (m[G.ipv4]) return VERSION_BEFORE.test(around.before()) ? all : this.#ip(all);
    if (m[G.ipv6]) {
      // Not an address after all (`peer ::ffff:203.0.113.9` read as a header line): its IPv4 tail still is.
      if (!isIpv6Literal(all)) return all.replace(IPV4_ANY, (ip) => this.#ip(ip));
      return this.#ip(all);
    }
    if (m[G.host]) return this.#host(all);
    // A JWK thumbprint is long base64 too: after `kid` or `thumbprint` it names a public key.
    if (m[G.blob]) {
      if (isBareBasicPair(all)) return this.#marker('password');
      return base64Secret(all) && !KEY_ID_BEFORE.test(around.before()) ? this.#marker('key-material') : all;
    }
    if (m[G.named] !== undefined) return `${m[G.namedKey]}${m[G.namedSep]}${m[G.namedQuote]}${namedColonValue(m[G.namedKey]!, m[G.namedValue]!, this.#judge(depth), m[G.namedSep] === ':' && m[G.namedQuote] === '')}${m[G.namedQuote]}`;
    if (m[G.flag] !== undefined) return `${m[G.flagName]}${m[G.flagWs]}${flagValue(m[G.flagName]!, m[G.flagValue]!, this.#judge(depth))}`;
    if (m[G.basicPair]) return isBareBasicPair(all) ? this.#marker('password') : all;
    return all;
  }

  /** The text of `<name>…</name>`: HTML markup is only scanned; a secret name's value is judged like `name: value`. */
  #xmlValue(tag: string, v: string, depth: number): string {
    if (HTML_TAGS.has(tag.toLowerCase())) return this.#text(v, depth + 1);
    // `<ns:clientSecret>`: the name after the namespace prefix.
    const name = tag.slice(tag.lastIndexOf(':') + 1);
    const c = this.#classify(name);
    // A password stays redacted whatever it looks like (`<password>changeme</password>`).
    if (c.kind === 'secret' && c.secret === 'password') return this.#secret(c.secret, v, c);
    return c.kind === 'secret' || /^key$/i.test(name) ? namedColonValue(name, v, this.#judge(depth)) : this.#stringIn(c, v, depth);
  }

  /**
   * The word after `password is` / `was` / `set to`: a plain word (`required`, `changed`) says what
   * happened to the password; anything else is the password. Sentence punctuation stays.
   */
  #spokenPassword(v: string): string {
    const punct = /[.,;:!?)]+$/.exec(v)?.[0] ?? '';
    const word = v.slice(0, v.length - punct.length);
    // `(hidden)`, `<redacted>`: a word in brackets says the password was left out.
    if (/^[(<[][a-z]+[)>\]]?$/.test(v)) return v;
    return /^[A-Za-z][a-z]*$/.test(word) || isPlaceholder(word) ? v : this.#marker('password') + punct;
  }

  readonly #entryJudge: EntryJudge = { classify: (k) => this.#classify(k), secret: (kind, v, c) => this.#secret(kind, v, c) };

  readonly #lineJudge: LineJudge = { classify: (k) => this.#classify(k), marker: (kind) => this.#marker(kind) };

  /** Scanning and secret replacement for values judged outside this class (named-values.ts). */
  #judge(depth: number): ValueJudge {
    return { text: (v) => this.#text(v, depth + 1), secret: (kind, v, c) => this.#secret(kind, v, c), classify: (k) => this.#classify(k) };
  }

  #matchJudge(depth: number): MatchJudge {
    return { ...this.#judge(depth), stringIn: (c, v, inQuery) => this.#stringIn(c, v, depth, inQuery), marker: (kind) => this.#marker(kind) };
  }

  /** A percent-encoded query value: judged decoded; left encoded when nothing in it changes. */
  #encodedValue(key: string, raw: string, depth: number): string {
    let plain: string;
    try {
      plain = decodeURIComponent(raw);
    } catch {
      plain = raw;
    }
    const out = this.#stringIn(this.#classify(key), plain, depth, true);
    return out === plain ? raw : out;
  }

  /** A hostname: pseudonymized when it is the operator's (own domain, in-cluster, private network). */
  #host(name: string): string {
    if (!this.#isOwnHost(name.toLowerCase()) && !(this.#internal && isInternalHost(name))) return name;
    this.#count('host');
    return this.#pseudo.of('host', name);
  }

  /** `Key: value` at a line start: headers and YAML-ish lines. */
  #headerLine(all: string, key: string, value: string, depth: number, inMessage: boolean): string {
    const prefix = all.slice(0, all.length - value.length);
    if (inMessage && isMessage(value, this.#classify(key))) return prefix + this.#text(value, depth + 1);
    // `pg.db.svc:5432` (a value that starts with host:port) is a host, not a `Key:` line.
    if (key.includes('.')) {
      const host = this.#host(key);
      if (host !== key) return prefix.replace(key, host) + this.#text(value, depth + 1);
    }
    return prefix + this.#headerValue(key, value, depth);
  }

  /** A header's value (quoted or not) by its name. Neutral names only get their value scanned. */
  #headerValue(key: string, value: string, depth: number): string {
    const q = value[0];
    const quoted = q === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(value) : q === "'" ? /^'[^']*'/.exec(value) : null;
    if (quoted) {
      // Judged like an unquoted value: `Key: "es256-2026-10"` names a key id in quotes. Text after
      // the closing quote (`secret: "x" not found`, `# rotated`) is only scanned.
      const rest = value.slice(quoted[0].length);
      return `${q}${this.#headerValue(key, quoted[0].slice(1, -1), depth)}${q}${rest && this.#text(rest, depth + 1)}`;
    }
    const trimmed = value.replace(/\s+$/, '');
    if (isVersionPair(key, trimmed)) return value;
    const c = this.#classify(key);
    const tail = value.slice(trimmed.length);
    if (c.kind === 'secret') {
      // `Key: es256-2026-10`, `Token: <none>`, `secret: 2 instances` (CLI and kubectl output) name or
      // describe the secret. A password stays redacted whatever it looks like.
      if (!c.header && c.secret !== 'cookie') {
        if (/^key$/i.test(key) && !isBareKeyMaterial(trimmed)) return this.#text(value, depth + 1);
        if (c.secret !== 'password' && wordsAboutSecret(trimmed, c.secret, isFullSecretName(key))) return this.#text(value, depth + 1);
      }
      // `dpop:` / `code:` as prose ("dpop: proof rejected") is not a header: judge by the value's shape.
      if ((c.secret === 'jwt' || c.secret === 'authorization-code') && /\s/.test(trimmed) && !isJwt(trimmed)) {
        return this.#text(value, depth + 1);
      }
      return this.#secret(c.secret, trimmed, c) + tail;
    }
    if (c.kind === 'identity') return this.#identity(c.identity, value.trim()) + (value.endsWith(' ') ? ' ' : '');
    // `kid: <thumbprint>`, `kids: [a, b]`: a debugging id (or a list of them) alone after its name is
    // kept like the same id in a field; any other text after a debug name is still scanned.
    if (c.kind === 'debug' && ID_LIST.test(trimmed)) return this.#stringIn(c, value, depth);
    if (c.kind === 'neutral' && c.keyId && KID_SHAPE.test(trimmed)) return value;
    if (c.kind === 'neutral' && c.suspect && isSuspectSecret(c.suspect, trimmed.trim(), false)) return this.#marker(c.suspect) + tail;
    return this.#text(value, depth + 1);
  }
}
