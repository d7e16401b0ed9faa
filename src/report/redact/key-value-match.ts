// The key=value alternatives of the master pattern: JSON and Python pairs (`"k": "v"`), escaped JSON
// (`\"k\":\"v\"`), ids after a colon, slog/logfmt/query pairs (`k=v`) and quoted assignments
// (`"NAME=value"`). Each value is judged by its key's class; an unquoted secret may take more of the
// line than the pattern did (a tail, a scheme's credential, a map's closing brackets).
import type { KeyClass, SecretKind } from './keys.ts';
import { isBareKeyMaterial, type ValueJudge } from './named-values.ts';
import { G, base64Secret } from './patterns.ts';
import { connectionStringRest, isBareBasicPair, isVersionPair, openBracketsRest, secretExtent, splitPunct } from './value-shapes.ts';

/** What the scan knows around a match, computed only when asked. */
export interface Around {
  /** The match follows `?` or `&`: it is a query parameter. */
  inQuery: () => boolean;
  before: () => string;
  after: () => string;
  /** The scanned text is a line of a file, not a value inside one. */
  isLine: boolean;
}

/** What the redactor lends a key=value judgement, besides a ValueJudge's. */
export interface MatchJudge extends ValueJudge {
  /** A string value in a place of class `c`; `inQuery`: a query parameter's value. */
  stringIn(c: KeyClass, v: string, inQuery?: boolean): string;
  marker(kind: SecretKind): string;
}

/** An HTTP auth scheme standing alone as a value, its credential after a space. */
const AUTH_SCHEME = /^(?:Bearer|Basic|DPoP|Token|Negotiate|Digest)$/i;

/** Python's `b`, `r` or `u` before a quoted value (`b'x'`) when `all` has one at `at`, else ''. */
function stringPrefix(all: string, at: number): string {
  const c = all[at];
  return c === 'b' || c === 'r' || c === 'u' ? c : '';
}

/**
 * The replacement of a key=value match, or undefined when `m` is another alternative. `tail.extra`
 * is set when the replacement also stands for that many characters after the match.
 */
export function keyValueReplacement(m: (string | undefined)[], around: Around, tail: { extra: number }, j: MatchJudge): string | undefined {
  const all = m[0]!;
  if (m[G.kvq] !== undefined) {
    const q = m[G.kvqQuote]!;
    const key = m[G.kvqKey]!;
    const raw = m[G.kvqDq] ?? m[G.kvqSq] ?? '';
    const vq = m[G.kvqDq] !== undefined ? '"' : "'";
    const pre = stringPrefix(all, 2 + key.length + m[G.kvqSep]!.length);
    if (isVersionPair(key, raw)) return all;
    return `${q}${key}${q}${m[G.kvqSep]}${pre}${vq}${j.stringIn(j.classify(key), raw)}${vq}`;
  }
  if (m[G.kve] !== undefined) {
    const bs = m[G.kveBs]!;
    const key = m[G.kveKey]!;
    return `${bs}"${key}${bs}"${m[G.kveSep]}${bs}"${j.stringIn(j.classify(key), m[G.kveValue]!)}${bs}"`;
  }
  if (m[G.idc] !== undefined) {
    const [v, punct] = splitPunct(m[G.idcValue]!);
    const q = m[G.idcQuote]!;
    return `${m[G.idcKey]}${m[G.idcSep]}${q}${j.stringIn(j.classify(m[G.idcKey]!), v)}${punct}${q}`;
  }
  if (m[G.kv] !== undefined) {
    const key = m[G.kvKey]!;
    const sep = m[G.kvSep]!;
    const single = m[G.kvSingle] !== undefined;
    const quoted = m[G.kvQuoted] !== undefined || single;
    let raw = m[G.kvQuoted] ?? m[G.kvSingle] ?? m[G.kvBare] ?? '';
    // Padded base64 of letters and digits only (`q83v…eJA=`) reads as `key=`: it is one run, key
    // material when long, `client:secret` when it decodes to one.
    if (sep === '=' && !quoted && (raw === '' || raw === '=') && key.length >= 10 && /^[A-Za-z0-9]+$/.test(key)) {
      if (isBareBasicPair(key + sep + raw)) return j.marker('password');
      if (key.length >= 40) return base64Secret(key + sep + raw) ? j.marker('key-material') : all;
    }
    // `--from-literal=password='x y'`: a value that is itself `name=` takes its quoted part along.
    if (!quoted && raw.endsWith('=')) {
      const q = /^(["'])[^"'\r\n]*\1/.exec(around.after())?.[0];
      if (q) {
        tail.extra = q.length;
        return `${key}${sep}${j.text(raw + q)}`;
      }
    }
    // `x = f(y)` in prose is a formula, not an assignment: only its parts are judged.
    if (sep !== '=' && !quoted && raw.includes('(')) return `${key}${sep}${j.text(raw)}`;
    // A bare `key=` names a cache entry or a setting as often as it holds one (`key=user:42`):
    // only key material after it goes, as after a bare `Key:`.
    if (/^key$/i.test(key) && !isBareKeyMaterial(raw)) {
      const out = j.text(raw);
      return single ? `${key}${sep}'${out}'` : quoted ? `${key}${sep}"${out}"` : `${key}${sep}${out}`;
    }
    if (isVersionPair(key, raw)) return all;
    const c = j.classify(key);
    // `header=map[Authorization:[Bearer x]]`, `headers={authorization=Basic x, host=y}`: a map printed
    // unquoted holds spaces; the whole of it is scanned, so that its members see their values.
    if (!quoted && c.kind === 'neutral' && !c.suspect) {
      const rest = openBracketsRest(raw, around.after());
      if (rest > 0) {
        tail.extra = rest;
        return `${key}${sep}${j.text(raw + around.after().slice(0, rest))}`;
      }
    }
    // `user=bob: not found`, `for user=bob.`: the sentence's punctuation is not part of the id.
    let punct = '';
    if (!quoted && c.kind === 'identity') [raw, punct] = splitPunct(raw);
    // `Authorization=Bearer x` (Java's Map.toString, a message): the scheme's credential is the word after it.
    const credential = !quoted && c.kind === 'secret' && c.header && AUTH_SCHEME.test(raw) ? /^[ \t]+[^\s,;)}\]"']+/.exec(around.after())?.[0] : undefined;
    if (credential) {
      tail.extra = credential.length;
      raw += credential;
    } else if (single && c.kind === 'secret' && /(?:^|[^\\])(?:\\\\)*\\$/.test(raw)) {
      // libpq `password='it\'s x'`: the quote the value ended at was escaped; it runs to the next bare
      // one (to the line's end when there is none: redact when unsure).
      const rest = /^(?:[^'\\\r\n]|\\.)*/.exec(around.after())![0];
      const closed = around.after().charCodeAt(rest.length) === 0x27;
      tail.extra = rest.length + (closed ? 1 : 0);
      raw += "'" + rest;
      if (!closed) return `${key}${sep}'${j.secret(c.secret, raw, c)}`;
    } else if (!quoted && c.kind === 'secret') {
      const ext = secretExtent(raw, around.after(), c.secret === 'cookie');
      tail.extra = ext.extra;
      raw += around.after().slice(0, ext.extra);
      if (ext.shape === 'empty') return `${key}${sep}${raw}`;
      if (ext.shape === 'bracketed') return `${key}${sep}${raw[0]}${j.secret(c.secret, raw.slice(1, -1), c)}${raw.at(-1)}`;
      // `;Password=my secret;`: a connection string's value holds spaces up to its `;`.
      const spaced = c.secret === 'cookie' ? 0 : connectionStringRest(around.before(), around.after().slice(ext.extra));
      if (spaced > 0) {
        raw += around.after().slice(ext.extra, ext.extra + spaced);
        tail.extra += spaced;
      }
    }
    let out = j.stringIn(c, raw, !quoted && around.inQuery()) + punct;
    // A replacement with a space would split an unquoted slog/query value into fake attributes.
    if (!quoted && out !== raw && /\s/.test(out) && !credential) out = JSON.stringify(out);
    const pre = quoted ? stringPrefix(all, key.length + sep.length) : '';
    if (single) return `${key}${sep}${pre}'${out}'`;
    return quoted ? `${key}${sep}${pre}"${out}"` : `${key}${sep}${out}`;
  }
  if (m[G.qAssign] !== undefined) {
    const q = m[G.qAssignQuote]!;
    const key = m[G.qAssignKey]!;
    // `"c3VwZXJT…MA=="`: padded base64 in quotes, not `"NAME=value"`.
    if (/^=*$/.test(m[G.qAssignValue]!) && key.length >= 16 && /^[A-Za-z0-9]+$/.test(key)) {
      const blob = key + all.slice(1 + key.length, -1);
      return base64Secret(blob) || key.length >= 40 ? `${q}${j.marker('key-material')}${q}` : all;
    }
    const c = j.classify(key);
    // A secret's name owns the whole quoted rest; any other name's value is judged as usual.
    const v = c.kind === 'secret' ? j.secret(c.secret, m[G.qAssignValue]!, c) : j.stringIn(c, m[G.qAssignValue]!);
    return `${q}${key}=${v}${q}`;
  }
  return undefined;
}
