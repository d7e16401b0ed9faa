// Unknown-kid evidence shared by AP0401/AP0402: SDK lines saying a token's kid is not in the JWKS, and key events.
import type { Model } from '../../correlate/index.ts';
import type { AuditRecord, LogRecord } from '../../ingest/index.ts';
import { errorText, findLogs, type LogQuery } from './logs.ts';

const SIDES = ['sdk', 'mcp-server', 'other'] as const;

/** Definitive misses: the verifier refreshed and still found no key (Go, TS, Python, Java wording). */
const MISS: { re: RegExp; hint: string }[] = [
  { hint: 'not found in jwks', re: /key "([^"]+)" with algorithm \S+ not found in JWKS/ },
  { hint: 'not found in jwks', re: /Token kid '([^']*)' not found in JWKS after (?:forced )?refresh/ },
  { hint: 'found in jwks', re: /No key with kid='([^']*)' found in JWKS/ },
];
/** Forced refreshes: routine once after a rotation, a symptom when they repeat for a kid the JWKS lacks. */
const REFRESH: { re: RegExp; hint: string }[] = [
  { hint: 'forcing refresh', re: /Kid not found in JWKS, forcing refresh/ },
  { hint: 'forcing refresh', re: /kid '([^']*)' not in JWKS cache, forcing refresh/ },
];

export interface KidMiss {
  record: LogRecord;
  kid?: string;
  definitive: boolean;
}

function kidOf(r: LogRecord, re: RegExp): string | undefined {
  const m = re.exec(errorText(r));
  const fromText = m?.[1];
  if (fromText) return fromText;
  const k = r.attrs.kid ?? r.attrs.token_kid;
  return typeof k === 'string' ? k : undefined;
}

/** Every SDK line reporting a kid missing from the JWKS, with the kid when the line names it. */
export function kidMisses(model: Model): KidMiss[] {
  const queries: LogQuery[] = [...MISS, ...REFRESH].map((m) => ({ ...m, origins: SIDES }));
  return findLogs(model, queries).map((record) => {
    const text = errorText(record);
    const miss = MISS.find((m) => m.re.test(text));
    const pat = miss ?? REFRESH.find((m) => m.re.test(text))!;
    return { record, kid: kidOf(record, pat.re), definitive: Boolean(miss) };
  });
}

/** Key rotations visible in the bundle (admin rotation log lines and `key.rotated` audit rows), as times. */
export function rotationTimes(model: Model): number[] {
  const out: number[] = [];
  for (const r of model.logs.where((x) => x.origin === 'authserver' && (x.msg === 'admin key rotated' || x.msg === 'rotating signing key'))) if (r.ts != null) out.push(r.ts);
  for (const a of model.audit.byAction('key.rotated')) if (a.ts != null) out.push(a.ts);
  return out.sort((a, b) => a - b);
}

/** A rotation that names the key it rotated to: `admin key rotated kid=…` or a `key.rotated … kid=…` audit row. */
export interface RotationTo {
  ts: number;
  kid: string;
  record: LogRecord | AuditRecord;
}

/** Rotations naming their new kid, oldest first (log line and audit row of one rotation both appear). */
export function rotationsTo(model: Model): RotationTo[] {
  const out: RotationTo[] = [];
  for (const r of model.logs.where((x) => x.origin === 'authserver' && x.msg === 'admin key rotated')) {
    if (r.ts != null && typeof r.attrs.kid === 'string') out.push({ ts: r.ts, kid: r.attrs.kid, record: r });
  }
  for (const a of model.audit.byAction('key.rotated')) if (a.ts != null && a.detailKv.kid) out.push({ ts: a.ts, kid: a.detailKv.kid, record: a });
  return out.sort((a, b) => a.ts - b.ts);
}

/** `no signing key found, generating` lines of the AuthPlane server. */
export function keyGenerations(model: Model): LogRecord[] {
  return model.logs.where((r) => r.origin === 'authserver' && r.msg.startsWith('no signing key found, generating'));
}
