// Secrets inside a structure written on one line, whose name and value the key=value pass sees apart:
// a Kubernetes env entry (`{"name":"X_SECRET","value":"…"}`, as JSON at any level of escaping, a YAML
// flow map, a Python dict or a Go %+v dump), a JSON array under a secret name (`"X-Api-Key":["…"]`),
// a .NET `<add key="…" value="…"/>`, a property list's `<key>…</key><string>…</string>`, an argv
// list's `"--flag", "value"` and Python's `auth=("user", "password")`.
// Runs before the pattern pass, which keeps the markers it leaves.
import { isPlaceholder } from './patterns.ts';
import type { ValueJudge } from './named-values.ts';

/** What the redactor lends: its view of a name and its secret replacement. */
export type EntryJudge = Pick<ValueJudge, 'classify' | 'secret'>;

/** `"name":"X","value":"v"`, or the same with every quote escaped by the same backslash run. */
const ENV_ENTRY = /(?<bs>\\*)("name\k<bs>"[ \t]*:[ \t]*\k<bs>"([A-Za-z_][\w.-]*)\k<bs>"[ \t]*,[ \t]*\k<bs>"value\k<bs>"[ \t]*:[ \t]*\k<bs>")([^"\\]*)\k<bs>"/g;
/**
 * `{name: X, value: v}`, `{'name': 'X', 'value': 'v'}`, `{Name:X Value:v}`: the head up to the value,
 * the name, the value (an empty Go value is followed by the next field, `Value: ValueFrom:…`).
 */
const ENV_ENTRY_LOOSE = /([{,][ \t]*(?<nq>["']?)[Nn]ame\k<nq>[ \t]*:[ \t]*(?<vq>["']?)([A-Za-z_][\w.-]*)\k<vq>[ \t]*,?[ \t]*(?<kq>["']?)[Vv]alue\k<kq>[ \t]*:[ \t]*)(?![A-Za-z_]\w*:)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s,}"']+))/g;
/** The same two entry forms with the value first (`{"value":"v","name":"X"}`): the head, the value, the tail naming it. */
const ENV_ENTRY_VALUE_FIRST = /(?<bs>\\*)("value\k<bs>"[ \t]*:[ \t]*\k<bs>")([^"\\]*)(\k<bs>"[ \t]*,[ \t]*\k<bs>"name\k<bs>"[ \t]*:[ \t]*\k<bs>"([A-Za-z_][\w.-]*)\k<bs>")/g;
const ENV_ENTRY_LOOSE_VALUE_FIRST = /([{,][ \t]*(?<kq>["']?)[Vv]alue\k<kq>[ \t]*:[ \t]*)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s,}"']+))([ \t]*,?[ \t]*(?<nq>["']?)[Nn]ame\k<nq>[ \t]*:[ \t]*(?<vq>["']?)([A-Za-z_][\w.-]*)\k<vq>(?![\w.-]))/g;
/** `"key": [` then its string items: `"a", "b"]`. */
const SECRET_ARRAY = /("([A-Za-z_][\w.-]*)"[ \t]*:[ \t]*\[)([ \t]*"(?:[^"\\]|\\.)*"(?:[ \t]*,[ \t]*"(?:[^"\\]|\\.)*")*[ \t]*\])/g;

/** .NET appSettings `<add key="ClientSecret" value="…"/>`: the head up to the value's quote, the name, the value. */
const ADD_KEY = /(<add[ \t]+key=(["'])([^"'<>]+)\2[ \t]+value=(["']))([^"'<>]*)\4/g;
/** A property list `<key>AUTHPLANE_SESSION_SECRET</key><string>…</string>`. */
const PLIST_ENTRY = /(<key>([^<>]+)<\/key>[ \t]*<string>)([^<>]*)(<\/string>)/g;

/** An argv written as a list: `"--session.secret", "x"` (`docker inspect` Args, a YAML flow list). */
const ARGV_PAIR = /((["'])(--?[A-Za-z][\w.-]*)\2[ \t]*,[ \t]*(["']))([^"'\r\n]*)\4/g;

/** Python's `auth=("user", "password")`, `HTTPBasicAuth("user", "password")`, aiohttp's `BasicAuth(…)`. */
const AUTH_PAIR = /(\b(?:auth[ \t]*=[ \t]*\(|(?:HTTPBasicAuth|BasicAuth|HTTPDigestAuth)\()[ \t]*(["'])[^"'\r\n]*\2[ \t]*,[ \t]*(?:password[ \t]*=[ \t]*)?(["']))([^"'\r\n]*)\3/g;

/** The line with the values of secret-named entries and arrays replaced. */
export function redactEmbeddedEntries(s: string, j: EntryJudge): string {
  if (/[Nn]ame/.test(s) && /[Vv]alue/.test(s)) s = envEntries(s, j);
  if (s.includes('":[') || s.includes('": [')) s = secretArrays(s, j);
  if (s.includes('<add') || s.includes('<key>')) s = markupEntries(s, j);
  if (s.includes('"--') || s.includes("'--")) {
    s = s.replace(ARGV_PAIR, (all, head: string, _q, flag: string, q: string, value: string) => {
      const c = j.classify(flag.replace(/^-+/, ''));
      return c.kind !== 'secret' || isPlaceholder(value) ? all : `${head}${j.secret(c.secret, value, c)}${q}`;
    });
  }
  if (s.includes('Auth') || s.includes('auth')) {
    s = s.replace(AUTH_PAIR, (all, head: string, _uq, q: string, pw: string) => (isPlaceholder(pw) ? all : `${head}${j.secret('password', pw, { kind: 'secret', secret: 'password' })}${q}`));
  }
  return s;
}

/** A value named by an attribute or a sibling element: .NET appSettings, property lists. */
function markupEntries(s: string, j: EntryJudge): string {
  const judged = (name: string, value: string) => {
    const c = j.classify(name);
    return c.kind === 'secret' && !isPlaceholder(value) ? j.secret(c.secret, value, c) : undefined;
  };
  s = s.replace(ADD_KEY, (all, head: string, _q, name: string, q: string, value: string) => {
    const out = judged(name, value);
    return out === undefined ? all : `${head}${out}${q}`;
  });
  return s.replace(PLIST_ENTRY, (all, head: string, name: string, value: string, end: string) => {
    const out = judged(name, value);
    return out === undefined ? all : `${head}${out}${end}`;
  });
}

/** `"X-Api-Key":["…"]`, `"client_secret":["a","b"]` (a JSON-marshalled http.Header or url.Values): each string under a secret name. */
function secretArrays(s: string, j: EntryJudge): string {
  return s.replace(SECRET_ARRAY, (all, head: string, key: string, items: string) => {
    const c = j.classify(key);
    if (c.kind !== 'secret') return all;
    return head + items.replace(/"((?:[^"\\]|\\.)*)"/g, (_q, v: string) => `"${j.secret(c.secret, v, c)}"`);
  });
}

/**
 * `{"name":"AUTHPLANE_SESSION_SECRET","value":"…"}` written inside a line (kubectl's
 * last-applied-configuration annotation, a logged pod spec), at any level of escaping: the value is
 * what the name says. The key=value pass then keeps the marker.
 */
function envEntries(s: string, j: EntryJudge): string {
  if (s.includes('"name') && s.includes('"value')) {
    s = s.replace(ENV_ENTRY, (all, bs: string, head: string, name: string, value: string) => {
      const c = j.classify(name);
      if (c.kind !== 'secret' || isPlaceholder(value)) return all;
      return `${bs}${head}${j.secret(c.secret, value, c)}${bs}"`;
    });
  }
  if (s.includes('"value')) {
    s = s.replace(ENV_ENTRY_VALUE_FIRST, (all, bs: string, head: string, value: string, tail: string, name: string) => {
      const c = j.classify(name);
      if (c.kind !== 'secret' || isPlaceholder(value)) return all;
      return `${bs}${head}${j.secret(c.secret, value, c)}${tail}`;
    });
  }
  s = s.replace(ENV_ENTRY_LOOSE_VALUE_FIRST, (all, head: string, _kq, dq: string | undefined, sq: string | undefined, bare: string | undefined, tail: string, _nq, _vq, name: string) => {
    const c = j.classify(name);
    const value = dq ?? sq ?? bare ?? '';
    if (c.kind !== 'secret' || isPlaceholder(value) || /^(?:nil|null|<nil>)$/.test(value)) return all;
    const q = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
    return `${head}${q}${j.secret(c.secret, value, c)}${q}${tail}`;
  });
  // The same entry as a YAML flow map, a Python dict or a Go %+v dump (`{Name:X Value:y}`).
  return s.replace(ENV_ENTRY_LOOSE, (all, head: string, _nq, _vq, name: string, _kq, dq?: string, sq?: string, bare?: string) => {
    const c = j.classify(name);
    const value = dq ?? sq ?? bare ?? '';
    if (c.kind !== 'secret' || isPlaceholder(value) || /^(?:nil|null|<nil>)$/.test(value)) return all;
    const q = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
    return `${head}${q}${j.secret(c.secret, value, c)}${q}`;
  });
}
