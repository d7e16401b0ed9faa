// Secrets handed over in code pasted into a log or an issue, where no `name=value` shape shows them:
// a setter or builder option named after the secret (`.clientSecret("x")`,
// `authplane.WithClientSecret("x")`, `setPassword('x')`), a credentials option's id and secret
// (`authplane.WithClientCredentials("notes-app", "x")`), and a name and a value passed side by side
// (`os.Setenv("AUTHPLANE_CLIENT_SECRET", "x")`, `System.setProperty("authplane.client_secret", "x")`,
// `os.environ["AUTHPLANE_CLIENT_SECRET"] = "x"`). Runs before the pattern pass, which keeps the
// markers it leaves.
import type { EntryJudge } from './embedded-entries.ts';
import { isBareKeyMaterial, isFullSecretName } from './named-values.ts';
import { isPlaceholder } from './patterns.ts';
import { isWordChain, namesRatherThanHolds } from './value-shapes.ts';

/** A call with one string literal: the function's name, the quote, the literal. */
const ONE_ARG_CALL = /(?<![\w$])([A-Za-z_]\w{0,64})\([ \t]*(["'])([^"'\\\r\n]{1,512})\2[ \t]*\)/g;
/** A call with a name then a value, both string literals: `f("NAME", "value")`. */
const NAME_VALUE_CALL = /(\([ \t]*(["'])([A-Za-z_][\w.:-]{0,127})\2[ \t]*,[ \t]*(["']))([^"'\\\r\n]{1,512})\4(?=[ \t]*\))/g;
/**
 * A credentials option given ids then a secret: `authplane.WithClientCredentials("notes-app", "x")`
 * (the Go SDK's own), `ClientCredentials('id', 'x')`, Azure's `ClientSecretCredential("tenant", "client", "x")`:
 * the head up to the last literal, its quote, the secret.
 */
const CREDENTIALS_CALL = /(\b[A-Za-z_]\w{0,64}?(?:Credentials?|Creds|_credentials?|_creds)\((?:[ \t]*(["'])[^"'\\\r\n]{1,256}\2[ \t]*,){1,3}[ \t]*(["']))([^"'\\\r\n]{1,512})\3(?=[ \t]*\))/g;
/** A subscript assignment: `env["NAME"] = "value"`. */
const SUBSCRIPT_SET = /(\[[ \t]*(["'])([A-Za-z_][\w.:-]{0,127})\2[ \t]*\][ \t]*=[ \t]*(["']))([^"'\\\r\n]{1,512})\4/g;
/** Cheap pre-check: an opening bracket right before a string literal. */
const HINT = /[([][ \t]*["']/;

// A setter's or an option's verb, before the secret's name: `withClientSecret`, `SetPassword`.
const SETTER = /^(?:[Ww]ith|[Ss]et)(?=[A-Z_])_?/;
// Verbs whose argument is what the secret is looked up by (`getSecret("authplane-oidc")`,
// `loadPassword("db")`): an id, kept while it reads as one (lower case, words and digits).
const LOOKUP = /^(?:get|load|read|fetch|find|lookup|resolve|delete|remove|describe)(?=[A-Z_])/i;
const LOOKUP_ID = /^[a-z][a-z0-9]*(?:[-_./][a-z0-9]+)*$/;

/** The line with string literals handed to a secret-named setter, or set under a secret's name, replaced. */
export function redactCodeCalls(s: string, j: EntryJudge): string {
  if (!HINT.test(s)) return s;
  s = s.replace(ONE_ARG_CALL, (all, fn: string, q: string, v: string) => {
    const lookup = LOOKUP.test(fn);
    if (lookup && LOOKUP_ID.test(v)) return all;
    const name = fn.replace(SETTER, '').replace(LOOKUP, '');
    const out = literal(name, v, j, !lookup);
    return out === undefined ? all : `${fn}(${q}${out}${q})`;
  });
  const pair = (all: string, head: string, _q: string, name: string, q: string, v: string) => {
    const out = literal(name, v, j, true);
    return out === undefined ? all : `${head}${out}${q}`;
  };
  if (s.includes(',')) {
    s = s.replace(NAME_VALUE_CALL, pair);
    if (/[Cc]red/.test(s)) {
      s = s.replace(CREDENTIALS_CALL, (all, head: string, _q, q: string, v: string) => {
        // `getCredentials("default", "us-east-1")` looks credentials up by name and region.
        if (isPlaceholder(v) || LOOKUP.test(head)) return all;
        return `${head}${j.secret('client-secret', v, { kind: 'secret', secret: 'client-secret' })}${q}`;
      });
    }
  }
  if (s.includes(']')) s = s.replace(SUBSCRIPT_SET, pair);
  return s;
}

/**
 * The replacement of a literal given under `name`, or undefined when it stays: the name is no
 * secret's, or the literal names where the secret lives (an env var, a file, a path, a `%s` verb).
 * `holds`: the name is where the value goes, not what it is looked up by; a word chain after a full
 * secret name (`authplane-prod-2026`) is then the chosen secret.
 */
function literal(name: string, v: string, j: EntryJudge, holds: boolean): string | undefined {
  if (name === '' || isPlaceholder(v) || /^%[-+# 0]*\d*[a-zA-Z]$/.test(v)) return undefined;
  if (/^key$/i.test(name)) return isBareKeyMaterial(v) ? j.secret('secret', v, { kind: 'secret', secret: 'secret' }) : undefined;
  const c = j.classify(name);
  if (c.kind !== 'secret') return undefined;
  if (namesRatherThanHolds(v) && !(holds && isFullSecretName(name) && isWordChain(v))) return undefined;
  return j.secret(c.secret, v, c);
}
