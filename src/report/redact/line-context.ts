// Secrets a line-by-line scan sees apart from their names: a YAML block scalar under a secret key
// (`secret: |` then indented lines), a Kubernetes env entry (`- name: …_SECRET` then `value: …`, or
// the value first when the caller shows the next line), an argv printed one element a line
// (`kubectl describe`'s `Args:`), and whole-line assignments whose value has spaces
// (`- ADMIN_API_KEY=my key`, `set -x NAME value`).
import type { KeyClass, SecretKind } from './keys.ts';
import { isBareKeyMaterial } from './named-values.ts';
import { isPlaceholder } from './patterns.ts';

/** What the redactor lends: its view of a name and its marker (which counts the replacement). */
export interface LineJudge {
  classify(key: string): KeyClass;
  marker(kind: SecretKind): string;
}

// The indent is the key's column: under `- key: |` the sibling `value:` lines up with `key`.
const BLOCK_OPEN = /^([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.-]*):[ \t]*[|>][+-]?\d?[ \t]*(?:#.*)?$/;
const ENV_NAME = /^[ \t]*(?:-[ \t]+)?name:[ \t]*(["']?)([A-Za-z_][\w.-]*)\1[ \t]*(?:#.*)?$/;
// The entry's `value:` is its sibling; a `- value:` line starts the next entry.
const ENV_VALUE = /^[ \t]*value:[ \t]*/;
// An entry that starts with its value (`- value: x` then `  name: X_SECRET`).
const VALUE_FIRST = /^[ \t]*-[ \t]+value:[ \t]*/;
// A flag alone on its line, its value on the next at the same indent (`kubectl describe pod`'s `Args:`).
const LONE_FLAG = /^([ \t]*)--?([A-Za-z][\w.-]*)[ \t]*$/;
// `- KEY=a value with spaces`: a compose `environment:` list entry, quoted as a whole or not. Only
// the list form: a bare `PGPASSWORD=x psql -h db` is a shell command after its one-word value. No
// second `=` either (`- password=x user=bob` is left to the key=value rule).
const SPACED_ASSIGN = /^([ \t]*-[ \t]+["']?)([A-Za-z_][\w.]*)=([^\s"'=][^"'=]*?[ \t][^"'=]*?)(["']?[ \t]*)$/;
// In a compose list entry an environment variable's name (ALL_CAPS) owns everything after its `=`,
// `=` included: `- NAME=a b=c`.
const ENV_ASSIGN = /^([ \t]*-[ \t]+["']?)([A-Z_][A-Z0-9_]*)=([^\s"'][^"']*?[ \t][^"']*?)(["']?[ \t]*)$/;
const SHELL_SET = /^([ \t]*(?:set[ \t]+-[A-Za-z]+|setenv)[ \t]+)([A-Za-z_]\w*)([ \t]+)(\S.*?)([ \t]*)$/;

// What may stand before a manifest line that is still read as one: a diff's `+` (or `-` before an
// indent, which a YAML list item does not have), a Markdown quote, a compose log's `name  | `, a
// kubectl logs `[pod/…] ` prefix.
const PREFIX = /^(?:\+|-(?=[ \t]{2})|>[ \t]?|[\w.-]+[ \t]+\|[ \t]?|\[[^\]\s]+\][ \t])/;

export class LineContext {
  /** Inside a block scalar under a secret key: lines indented deeper than `indent` are its value. */
  #block: { indent: number; kind: SecretKind } | null = null;
  /** The previous line was `- name: <secret name>`: a `value:` line now is that secret. */
  #envValue: SecretKind | null = null;
  /** The previous line was a secret flag alone (`      --client-secret`): the next line at its indent is its value. */
  #argValue: { indent: string; kind: SecretKind; keyOnly: boolean } | null = null;

  /**
   * The redacted line when this line is (part of) a secret value this class knows, else null.
   * `next`: the line after it, when the caller knows it (a file read line by line).
   */
  line(s: string, j: LineJudge, next?: string): string | null {
    // One line only: a text with line breaks in it is split by the caller.
    if (s.includes('\n')) return null;
    const p = PREFIX.exec(s);
    if (p) {
      const block = this.#block;
      const envValue = this.#envValue;
      const argValue = this.#argValue;
      const pn = next !== undefined && next.startsWith(p[0]) ? next.slice(p[0].length) : undefined;
      const r = this.#line(s.slice(p[0].length), j, pn);
      if (r !== null) return p[0] + r;
      // Not a line this class knows once the prefix is gone: judge it whole, from the same state.
      this.#block = block;
      this.#envValue = envValue;
      this.#argValue = argValue;
    }
    return this.#line(s, j, next);
  }

  #line(s: string, j: LineJudge, next: string | undefined): string | null {
    const argValue = this.#argValue;
    this.#argValue = null;
    if (argValue && s.startsWith(argValue.indent) && !/^[\s-]/.test(s.slice(argValue.indent.length))) {
      const v = lineValue(s.slice(argValue.indent.length), false);
      if (!isPlaceholder(v.value) && (!argValue.keyOnly || isBareKeyMaterial(v.value))) return `${argValue.indent}${j.marker(argValue.kind)}${v.tail}`;
    }
    const block = this.#block;
    if (block) {
      const indent = /^[ \t]*/.exec(s)![0].length;
      if (s.trim() === '') return s;
      if (indent > block.indent) return s.slice(0, indent) + j.marker(block.kind);
      this.#block = null;
    }
    const envValue = this.#envValue;
    this.#envValue = null;
    if (envValue) {
      // A blank line between `- name:` and `value:` keeps the entry open.
      if (s.trim() === '') {
        this.#envValue = envValue;
        return s;
      }
      // `value: >-` / `value: |`: the value is the indented block that follows.
      const folded = /^([ \t]*)value:[ \t]*[|>][-+]?\d?[ \t]*$/.exec(s);
      if (folded) {
        this.#block = { indent: folded[1]!.length, kind: envValue };
        return s;
      }
      const head = ENV_VALUE.exec(s)?.[0];
      const v = head !== undefined ? lineValue(s.slice(head.length), false) : undefined;
      if (v && v.value !== '' && !isPlaceholder(v.value)) return `${head}${v.quote}${j.marker(envValue)}${v.tail}`;
    }
    if (s.length > 400) return null;
    const flag = LONE_FLAG.exec(s);
    if (flag) {
      // A bare `--key` holds key material or names a key, as after a bare `key:`.
      const keyOnly = /^key$/i.test(flag[2]!);
      const c = j.classify(flag[2]!);
      if (c.kind === 'secret' || keyOnly) this.#argValue = { indent: flag[1]!, kind: c.kind === 'secret' ? c.secret : 'secret', keyOnly };
      return null;
    }
    const first = next !== undefined ? VALUE_FIRST.exec(s)?.[0] : undefined;
    if (first !== undefined) {
      const kind = nextLineNames(s, next!, j);
      const v = lineValue(s.slice(first.length), true);
      if (kind && v.value !== '' && !isPlaceholder(v.value)) return `${first}${v.quote}${j.marker(kind)}${v.tail}`;
      return null;
    }
    const open = BLOCK_OPEN.exec(s);
    if (open) {
      const c = j.classify(open[2]!);
      // A bare `key: |` block is key material (a PEM, a JWK), though a one-line `key:` may name anything.
      const kind = c.kind === 'secret' ? c.secret : /^key$/i.test(open[2]!) ? 'secret' : undefined;
      if (kind) {
        this.#block = { indent: open[1]!.length, kind };
        return s;
      }
      return null;
    }
    const name = ENV_NAME.exec(s);
    if (name) {
      const c = j.classify(name[2]!);
      if (c.kind !== 'secret') return null;
      this.#envValue = c.secret;
      return s;
    }
    const assign = ENV_ASSIGN.exec(s) ?? SPACED_ASSIGN.exec(s);
    if (assign) {
      const c = j.classify(assign[2]!);
      return c.kind === 'secret' && !isPlaceholder(assign[3]!) ? `${assign[1]}${assign[2]}=${j.marker(c.secret)}${assign[4]}` : null;
    }
    const set = SHELL_SET.exec(s);
    if (set) {
      const c = j.classify(set[2]!);
      return c.kind === 'secret' && !isPlaceholder(set[4]!) ? `${set[1]}${set[2]}${set[3]}${j.marker(c.secret)}${set[5]}` : null;
    }
    return null;
  }
}

/**
 * The secret kind named by `next` when it is the `name:` of the entry that `line` (`- value: x`)
 * opened: at the column of `value`, one dash and its spaces in from the dash.
 */
function nextLineNames(line: string, next: string, j: LineJudge): SecretKind | undefined {
  const name = ENV_NAME.exec(next);
  if (!name || next.trimStart().startsWith('-')) return undefined;
  const column = /^[ \t]*-[ \t]+/.exec(line)![0].length;
  if (/^[ \t]*/.exec(next)![0].length !== column) return undefined;
  const c = j.classify(name[2]!);
  return c.kind === 'secret' ? c.secret : undefined;
}

/**
 * The value that fills the rest of a line: its opening quote, the value, and what follows it (the
 * closing quote, trailing blanks, and with `comments` a YAML comment). Written without a regex, whose
 * backtracking over a long run of blanks inside a value would cost quadratic time.
 */
function lineValue(rest: string, comments: boolean): { quote: string; value: string; tail: string } {
  let end = rest.length;
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
  const q = rest[0];
  if (q === '"' || q === "'") {
    // Quoted: to its closing quote, after which only blanks (and a comment) may follow.
    const close = comments ? rest.indexOf(q, 1) : end - 1;
    const after = close > 0 ? rest.slice(close + 1, end) : '';
    if (close > 0 && rest[close] === q && (after === '' || (comments && /^[ \t]+#/.test(after)))) {
      return { quote: q, value: rest.slice(1, close), tail: rest.slice(close) };
    }
  }
  const hash = comments ? rest.slice(0, end).search(/[ \t]#/) : -1;
  const stop = hash > 0 ? hash : end;
  return { quote: '', value: rest.slice(0, stop), tail: rest.slice(stop) };
}
