// `forensic token`: check one JWT offline (checklist steps 4 and 5) and print a verdict per check, never the token.
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Model } from '../../correlate/index.ts';
import { ForensicError } from '../../ingest/index.ts';
import { checkToken, decodeCompactJwt, findCompactJwt, tokenView, type TokenCheckResult } from '../../rules/index.ts';
import { runPipeline } from '../pipeline.ts';

export interface TokenOptions { bundle?: string; jwks?: string; resource?: string; issuer?: string; at?: string; format: 'text' | 'json' }

/** A value the check used, and where it came from (shown so the user can judge it). */
interface Input<T> { value: T; source: string }

interface Inputs {
  jwks?: Input<unknown>;
  issuer?: Input<string>;
  resource?: Input<string>;
  scopes?: Input<string[]>;
  at: Input<number>;
}

const MAX_TOKEN_FILE = 1 << 20;

/** Read the token from the argument, a file or stdin (`-`); exit 3 when there is no JWT in it. */
function readToken(arg: string): string {
  let text = arg;
  let where = 'the argument';
  if (arg === '-') {
    where = 'stdin';
    try { text = readFileSync(0, 'utf8'); } catch { throw new ForensicError('input-unusable', 'could not read the token from stdin'); }
  } else if (!arg.startsWith('eyJ')) {
    let isFile = false;
    try { isFile = statSync(arg).isFile(); } catch { /* not a path: treat the argument as the token */ }
    if (isFile) {
      where = `file ${arg}`;
      try { text = readFileSync(arg, 'utf8').slice(0, MAX_TOKEN_FILE); } catch (e) { throw new ForensicError('input-unusable', `cannot read ${arg}: ${(e as Error).message}`); }
    }
  }
  const token = findCompactJwt(text);
  // The message names where we looked, never what we read (it may be a secret).
  if (!token || !decodeCompactJwt(token)) {
    throw new ForensicError('input-unusable', `no JWT in ${where}: expected a compact token (header.claims.signature, base64url, starting with eyJ)`);
  }
  return token;
}

function readJwks(file: string): unknown {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new ForensicError('input-unusable', `cannot read JWKS ${file}: ${(e as Error).message}`); }
  // Accept a `curl -i` capture: the JSON starts at the first brace.
  const start = text.indexOf('{');
  try {
    const body = JSON.parse(start > 0 ? text.slice(start) : text) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('no "keys" array');
    return body;
  } catch (e) {
    throw new ForensicError('input-unusable', `${file} is not a JWKS (${(e as Error).message}): expected {"keys":[…]} from /.well-known/jwks.json`);
  }
}

function parseAt(at: string): number {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new ForensicError('usage', `--at ${at} is not a time: use RFC 3339, e.g. 2026-10-03T09:15:00Z`);
  return ms;
}

const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** Take JWKS, issuer, PRM resource/scopes and the capture time from an analyzed bundle. */
function inputsFromModel(model: Model, token: string, resource: string | undefined): Partial<Inputs> {
  const out: Partial<Inputs> = {};
  const jwksDoc = model.documents.ofKind('jwks').filter((d) => Array.isArray(asRecord(d.body)?.keys)).at(-1);
  if (jwksDoc) out.jwks = { value: jwksDoc.body, source: `${jwksDoc.file}:${jwksDoc.line}` };
  const meta = [...model.documents.ofKind('as-metadata'), ...model.documents.ofKind('openid-configuration')]
    .find((d) => typeof asRecord(d.body)?.issuer === 'string');
  if (meta) out.issuer = { value: String(asRecord(meta.body)!.issuer), source: `${meta.file}:${meta.line}` };
  else {
    const cfg = model.config.get('server.issuer');
    if (cfg) out.issuer = { value: cfg.value, source: cfg.from };
  }
  const prms = model.documents.ofKind('prm').filter((d) => typeof asRecord(d.body)?.resource === 'string');
  const prm = prms.find((d) => asRecord(d.body)!.resource === resource) ?? prms[0];
  if (prm) {
    const body = asRecord(prm.body)!;
    out.resource = { value: String(body.resource), source: `${prm.file}:${prm.line}` };
    if (Array.isArray(body.scopes_supported)) out.scopes = { value: body.scopes_supported.filter((s): s is string => typeof s === 'string'), source: `${prm.file}:${prm.line}` };
  }
  // The token's own capture time when the bundle holds it, else the end of the bundle's time range.
  const fp = createHash('sha256').update(token).digest('hex').slice(0, 16);
  const seen = model.tokens.find((t) => t.fingerprint === fp && t.capturedAt != null);
  if (seen) out.at = { value: seen.capturedAt!, source: `capture time of this token in ${seen.file}` };
  else if (model.bundle.timeRange) out.at = { value: Date.parse(model.bundle.timeRange.to), source: 'end of the bundle time range' };
  return out;
}

async function gatherInputs(token: string, o: TokenOptions): Promise<Inputs> {
  let fromBundle: Partial<Inputs> = {};
  if (o.bundle) {
    const { model } = await runPipeline(o.bundle, { progress: false });
    fromBundle = inputsFromModel(model, token, o.resource);
  }
  return {
    jwks: o.jwks ? { value: readJwks(o.jwks), source: o.jwks } : fromBundle.jwks,
    issuer: o.issuer ? { value: o.issuer, source: '--issuer' } : fromBundle.issuer,
    resource: o.resource ? { value: o.resource, source: '--resource' } : fromBundle.resource,
    scopes: fromBundle.scopes,
    at: o.at ? { value: parseAt(o.at), source: '--at' } : fromBundle.at ?? { value: Date.now(), source: 'now' },
  };
}

const fmtValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function renderText(r: TokenCheckResult, inputs: Inputs): string {
  const view = tokenView(r.decoded!.header, r.decoded!.claims);
  const lines = [
    'Token (the token itself and its signature are never printed)',
    `  header    ${Object.entries(view.header).map(([k, v]) => `${k}=${fmtValue(v)}`).join(' ')}`,
    ...Object.entries(view.claims).map(([k, v]) => `  ${k.padEnd(9)} ${fmtValue(v)}${(k === 'exp' || k === 'iat' || k === 'nbf') && typeof v === 'number' ? ` (${new Date(v * 1000).toISOString()})` : ''}`),
  ];
  if (view.hidden.length) lines.push(`  hidden    ${view.hidden.join(', ')} (identifying claims, not shown)`);
  lines.push('', 'Checked against');
  const keys = (asRecord(inputs.jwks?.value)?.keys as unknown[] | undefined)?.length;
  lines.push(`  jwks     ${inputs.jwks ? `${keys} key(s) from ${inputs.jwks.source}` : '(none: pass --jwks or --bundle)'}`);
  lines.push(`  issuer   ${inputs.issuer ? `${inputs.issuer.value} (${inputs.issuer.source})` : '(none: pass --issuer or --bundle)'}`);
  lines.push(`  resource ${inputs.resource ? `${inputs.resource.value} (${inputs.resource.source})` : '(none: pass --resource or --bundle)'}`);
  if (inputs.scopes) lines.push(`  scopes   ${inputs.scopes.value.join(' ')} (${inputs.scopes.source})`);
  lines.push(`  time     ${new Date(inputs.at.value).toISOString()} (${inputs.at.source}), 30 s skew tolerance`, '');
  for (const v of r.verdicts) lines.push(`  ${(v.status === 'fail' ? 'FAIL' : v.status).padEnd(7)}  ${v.check.padEnd(9)} ${v.reason}`);
  const failed = r.verdicts.filter((v) => v.status === 'fail').map((v) => v.check);
  lines.push('', failed.length ? `Verdict: ${failed.length} check(s) failed: ${failed.join(', ')}` : 'Verdict: no check failed');
  return lines.join('\n');
}

function renderJson(r: TokenCheckResult, inputs: Inputs): string {
  const view = tokenView(r.decoded!.header, r.decoded!.claims);
  return JSON.stringify({
    schema: 'forensic.token/v1',
    verdict: r.failed ? 'fail' : 'pass',
    at: new Date(inputs.at.value).toISOString(),
    inputs: {
      jwks: inputs.jwks ? { source: inputs.jwks.source, keys: (asRecord(inputs.jwks.value)?.keys as unknown[]).length } : null,
      issuer: inputs.issuer ?? null,
      resource: inputs.resource ?? null,
      scopes_supported: inputs.scopes ?? null,
    },
    header: view.header,
    claims: view.claims,
    hidden_claims: view.hidden,
    checks: r.verdicts,
  }, null, 2);
}

/** Run `forensic token`: exit 1 when a check fails, 0 otherwise, 3 when there is no readable JWT. */
export async function tokenCommand(jwt: string, o: TokenOptions): Promise<number> {
  const token = readToken(jwt);
  const inputs = await gatherInputs(token, o);
  const result = await checkToken({
    token, jwks: inputs.jwks?.value ?? null, issuer: inputs.issuer?.value, resource: inputs.resource?.value,
    scopesSupported: inputs.scopes?.value, at: inputs.at.value,
  });
  const out = o.format === 'json' ? renderJson(result, inputs) : renderText(result, inputs);
  process.stdout.write(`${out}\n`);
  return result.failed ? 1 : 0;
}
