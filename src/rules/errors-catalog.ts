// The error catalogue as data (reference §2.3–2.6, sdk-facts §3) and its pre-built matchers.
import { OAUTH_CODES } from './errors/oauth-codes.ts';
import { SDK_ERRORS } from './errors/sdk.ts';
import { SENTINELS } from './errors/sentinels.ts';
import type { ErrorEntry } from './errors/types.ts';

export type { ErrorEntry } from './errors/types.ts';

/** Every catalogued error: OAuth codes, Go sentinels, SDK errors. */
export const ERROR_CATALOG: readonly ErrorEntry[] = [...OAUTH_CODES, ...SENTINELS, ...SDK_ERRORS];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Matchers {
  /** Any catalogued text (wire text, sentinel name, SDK message), longest first. */
  text: RegExp;
  byText: Map<string, ErrorEntry>;
  /** OAuth codes as whole words. */
  code: RegExp;
  byCode: Map<string, ErrorEntry>;
}

let built: Matchers | undefined;

/** The matchers, compiled once on first use. */
export function errorMatchers(): Matchers {
  if (built) return built;
  const byText = new Map<string, ErrorEntry>();
  for (const e of [...SENTINELS, ...SDK_ERRORS, ...OAUTH_CODES]) for (const t of e.texts) if (!byText.has(t)) byText.set(t, e);
  const texts = [...byText.keys()].sort((a, b) => b.length - a.length);
  // Identifiers need word boundaries (ErrInvalidGrant must not match inside ErrInvalidGrantX); sentences do not.
  const alt = texts.map((t) => (/^\w+$/.test(t) ? `\\b${t}\\b` : escape(t))).join('|');
  const byCode = new Map(OAUTH_CODES.map((e) => [e.code, e]));
  built = {
    text: new RegExp(alt, 'g'),
    byText,
    code: new RegExp(`\\b(${[...byCode.keys()].join('|')})\\b`, 'g'),
    byCode,
  };
  return built;
}

/** Catalogued errors named in free text (messages, error strings, bodies). */
export function errorsInText(text: string, out: Set<ErrorEntry>): void {
  const m = errorMatchers();
  m.text.lastIndex = 0;
  for (const hit of text.matchAll(m.text)) {
    const e = m.byText.get(hit[0]);
    if (e) out.add(e);
  }
}

/** OAuth codes in a value that is meant to hold a code (error=, code=, reason=). */
export function codesInValue(value: string, out: Set<ErrorEntry>): void {
  const m = errorMatchers();
  for (const hit of value.matchAll(m.code)) {
    const e = m.byCode.get(hit[1]!);
    if (e) out.add(e);
  }
}
