// A secret's name and its value side by side without `=` or `:` between them, in the shapes people
// write outside config files: `ENV AUTHPLANE_SESSION_SECRET x` (Dockerfile), a Markdown table row
// `| session.secret | `x` |`, `**password**: x`, `admin key → x`, `the client secret for notes-app
// is x`, SQL `WITH PASSWORD 'x'` / `IDENTIFIED BY 'x'`, and the letter flags of database clients (`mysql -px`,
// `redis-cli -a x`) and of curl (`curl -uuser:x`). Runs word by word after the pattern pass, which has already
// replaced what it knows (its markers are skipped).
import type { SecretKind } from './keys.ts';
import type { LineJudge } from './line-context.ts';
import { isPlaceholder, looksLikeCredential } from './patterns.ts';
import { PLAIN_VALUE, namesRatherThanHolds } from './value-shapes.ts';
import { isBareKeyMaterial, wordsAboutSecret } from './named-values.ts';

/** Cheap pre-check: a line without one of these words names no secret. */
export const NAME_HINT = /ecret|ECRET|assw|ASSW|oken|OKEN|[Kk]ey|KEY|epper|EPPER|redential|REDENTIAL|DEK|KEK|IDENTIFIED|identified/;

// What may stand between a name and its value.
const LINKS = new Set(['|', '=>', '->', '→', '—', '–', '-', ':', '=', 'is', 'was', 'now', 'to', 'set', 'changed', 'reset', '`', '**', 'with']);
// Words that end a link phrase ("… for notes-app is x"): only after one of them may a `for <name>` be skipped.
const FINAL_LINKS = new Set(['is', 'was', ':', '=', 'to', '=>', '→']);
// A two-word name ending in `key` counts only with these first words: a `signing key <kid>` names a public key.
const KEY_FIRST = new Set(['api', 'admin', 'access', 'secret', 'private', 'master', 'encryption']);
/** Wrapping a name or a value may have: Markdown emphasis and code, quotes, table bars, brackets. */
const WRAP_START = /^[*`"'|({[]+/;
const WRAP_END = /[*`"'|)}\],;:.!?]+$/;
/** A name may end in emphasis, code, quotes, a bar or a colon; a `.` or `,` after it ends its sentence. */
const NAME_END = /[*`"'|:]*$/;
/** A name; a colon inside it separates path segments (`Authplane:ClientSecret`, .NET configuration). */
const NAME = /^[A-Za-z_][\w.:-]*$/;
/** What a credential word may be made of: no quotes, brackets, commas or backslashes (JSON, code, markup). */
const CREDENTIAL_CHARS = /^[\w.~+/=@#$%&!*^-]+$/;

// Database clients whose password flag is a letter: `mysql -uroot -pS3cret`, `redis-cli -a S3cret`.
const MYSQL = /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b/;
const REDIS_CLI = /\bredis-cli\b/;
// curl's `-u` glued to its value: `curl -unotes-app:s3cr3t`.
const CURL = /\bcurl\b/;

/** The line with each credential-shaped value that follows a secret's name replaced, or the line itself. */
export function redactNameThenValue(line: string, j: LineJudge): string {
  if (line.includes('-p') && MYSQL.test(line)) line = line.replace(/(?<![\w-])-p([^\s'"-][^\s'"]*)/g, () => `-p${j.marker('password')}`);
  if (line.includes('-u') && CURL.test(line)) line = line.replace(/(?<![\w-])-u([^\s'":-][^\s'":]*):([^\s'"]+)/g, (all, user: string, pw: string) => (isPlaceholder(pw) ? all : `-u${user}:${j.marker('password')}`));
  if (line.includes('-a') && REDIS_CLI.test(line)) line = line.replace(/(?<![\w-])-a([ \t]+)([^\s'"-][^\s'"]*)/g, (_m, ws: string) => `-a${ws}${j.marker('password')}`);
  if (!NAME_HINT.test(line)) return line;
  const parts = line.split(/(\s+)/);
  let changed = false;
  // Words sit at even indexes, the spaces between them at odd ones.
  for (let i = 0; i < parts.length; i += 2) {
    const kind = secretNamed(parts, i, j);
    // A bare `key` (`using key <hex>`) names a cache entry or a key id as often as key material:
    // only raw key material after it goes.
    const bareKey = !kind && /^key$/i.test(asName(parts[i]!));
    if (!kind && !bareKey) continue;
    const at = valueIndex(parts, i + 2);
    if (at < 0) continue;
    const word = parts[at]!;
    const start = WRAP_START.exec(word)?.[0].length ?? 0;
    const end = word.length - (WRAP_END.exec(word.slice(start))?.[0].length ?? 0);
    const v = word.slice(start, end);
    if (kind ? !isCredentialWord(v) : !isBareKeyMaterial(v)) continue;
    parts[at] = word.slice(0, start) + j.marker(kind ?? 'secret') + word.slice(end);
    changed = true;
    i = at;
  }
  return changed ? parts.join('') : line;
}

/** The secret kind the word at `i` (with the word before it, for `admin key`) names, if any. */
function secretNamed(parts: string[], i: number, j: LineJudge): SecretKind | undefined {
  const name = asName(parts[i]!);
  // SQL's `CREATE USER … IDENTIFIED BY 'x'`.
  if (/^by$/i.test(name) && i >= 2 && /^identified$/i.test(parts[i - 2]!)) return 'password';
  if (name === '' || /^key$/i.test(name)) {
    if (!/^key$/i.test(name) || i < 2) return undefined;
    const first = bare(parts[i - 2]!).toLowerCase();
    if (!KEY_FIRST.has(first)) return undefined;
    const c = j.classify(`${first}_key`);
    return c.kind === 'secret' ? c.secret : undefined;
  }
  const c = j.classify(name);
  if (c.kind !== 'secret') return undefined;
  // `client secret` reads better as one name (`client_secret` names the kind).
  if (i >= 2 && /^(?:secret|token|password)$/i.test(name)) {
    const pair = j.classify(`${bare(parts[i - 2]!)}_${name}`);
    if (pair.kind === 'secret') return pair.secret;
  }
  return c.secret;
}

/** The index of the value word after a name, skipping link words (and `for <name>` before a final link), or -1. */
function valueIndex(parts: string[], from: number): number {
  let skipped = 0;
  for (let k = from; k < parts.length && skipped <= 4; k += 2) {
    const w = parts[k]!;
    if (w === '') continue;
    // Link words, and a participle or a short aside before a colon: `generated:`, `(shown once):`.
    if (LINKS.has(w.toLowerCase()) || /^[|`*:]+$/.test(w) || /^[a-z]+:$/.test(w)) {
      skipped++;
      continue;
    }
    if (w.startsWith('(')) {
      let e = k;
      while (e < parts.length && e - k <= 6 && !parts[e]!.includes(')')) e += 2;
      if (e < parts.length && /\):?$/.test(parts[e]!)) {
        k = e;
        skipped++;
        continue;
      }
    }
    if (w.toLowerCase() === 'for' && k + 4 < parts.length && FINAL_LINKS.has(parts[k + 4]!.toLowerCase())) {
      k += 4;
      skipped += 3;
      continue;
    }
    return k;
  }
  return -1;
}

function bare(word: string): string {
  return word.replace(WRAP_START, '').replace(WRAP_END, '');
}

/** The word as a name: unwrapped, or '' when punctuation after it ends a sentence (`token.`). */
function asName(word: string): string {
  const w = word.replace(WRAP_START, '');
  const n = w.replace(NAME_END, '');
  return NAME.test(n) ? n : '';
}

/**
 * A word that may be a credential: mixed case or digits, 8 or more characters; not a word, a date,
 * a file name, a path, a URL, a pair, an env var name, or what an earlier rule already replaced.
 */
function isCredentialWord(v: string): boolean {
  if (v.length < 8 || !CREDENTIAL_CHARS.test(v) || isPlaceholder(v) || PLAIN_VALUE.test(v) || /^[A-Z]?[a-z]+$/.test(v)) return false;
  if (wordsAboutSecret(v) || namesRatherThanHolds(v) || v.includes('://') || /^[A-Za-z_][\w.-]*[=:]/.test(v)) return false;
  // Code: a qualified name (`output.TokenStore`), a CamelCase identifier (`UpstreamTokenRefreshTotal`).
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(v) && !/\d/.test(v)) return false;
  if (/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/.test(v)) return false;
  return looksLikeCredential(v);
}
