// What a user reads for a sample bundle: the root cause's explanation, fix and evidence say what the
// bundle shows. Every value below was read off the bundle's own files by hand.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/cli/pipeline.ts';
import type { Analysis, Finding } from '../../src/rules/index.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const analyze = async (sample: string): Promise<Analysis> => (await runPipeline(`${SAMPLES}${sample}`, { progress: false })).analysis;
const byRule = (a: Analysis, rule: string): Finding[] => a.findings.filter((f) => f.rule === rule);
const places = (f: Finding | undefined) => (f?.evidence ?? []).map((e) => `${e.file}:${e.line}`);

describe('kid-unknown.tgz: a CDN serves the JWKS from before the 08:30 rotation', () => {
  it('says the failing kid is the new key and the public JWKS is a stale CDN copy, and says to purge it', async () => {
    const a = await analyze('kid-unknown.tgz');
    const [f] = byRule(a, 'AP0402');
    // logs/authserver-…log:481 `admin key rotated` kid=SQ2Jb_…; discovery/jwks.json lists SQ2Jb_… and LBMt…;
    // captures/jwks-public.txt lines 4–6: Cache-Control: public, max-age=3600 / Age: 1802 / Cf-Cache-Status: HIT, body: LBMt… only.
    expect(f?.explanation).toContain('SQ2Jb_gLDjk0DjJ16-TLDQ is the new key AuthPlane rotated to at 08:30:04');
    expect(f?.explanation).toContain('stale cached copy that lists only LBMtndoRYB2RkMiPtmOVIA: Cache-Control: public, max-age=3600, Age: 1802, Cf-Cache-Status: HIT');
    expect(f?.fix).toMatch(/^Purge https:\/\/auth\.acme\.dev\/\.well-known\/jwks\.json from the CDN/);
    expect(f?.fix).toContain('max-age=3600 (1 h)');
    expect(places(f)).toEqual(expect.arrayContaining([
      'support-bundle/captures/jwks-public.txt:4', 'support-bundle/captures/jwks-public.txt:5', 'support-bundle/captures/jwks-public.txt:6',
    ]));
    // The previous key was not dropped: nothing may say so.
    expect(byRule(a, 'AP0403')).toEqual([]);
  }, 60_000);
});

describe('prm-authorization-servers.tgz: the PRM lists no authorization server', () => {
  it('reports it once, citing both copies of the PRM, and never as its own consequence', async () => {
    const a = await analyze('prm-authorization-servers.tgz');
    const found = byRule(a, 'AP0208');
    expect(found).toHaveLength(1);
    expect(found[0]?.related).not.toContain('AP0208');
    // captures/prm.txt line 4 and discovery/oauth-protected-resource.json line 3 both hold `"authorization_servers": []`.
    expect(places(found[0])).toEqual(['support-bundle/captures/prm.txt:4', 'support-bundle/discovery/oauth-protected-resource.json:3']);
  }, 60_000);
});

describe('clock-skew.tgz: the MCP host runs about 150 s behind AuthPlane', () => {
  it('gives one figure, the one its evidence shows', async () => {
    const [f] = byRule(await analyze('clock-skew.tgz'), 'AP0506');
    // notes-mcp/0.log:219: `Token 'iat' claim is in the future (iat=1791015491, now=1791015340, …)`: 151 s, the largest lead.
    expect(f?.explanation).toMatch(/notes-mcp runs 151 s behind pod\/authserver/);
    expect(f?.evidence[0]?.excerpt).toContain('at least 151 s behind');
    const figures = [...(f?.explanation ?? '').matchAll(/(\d+) (s|min)\b/g)].map((m) => m[0]).filter((x) => x !== '30 s');
    expect(new Set(figures)).toEqual(new Set(['151 s']));
  }, 60_000);
});

describe('slow-token-issuance.tgz: a batch job holds the Postgres pool from 08:35', () => {
  it('cites the histogram lines, says the p99 by its bucket bound, and says the database is slow', async () => {
    const [f] = byRule(await analyze('slow-token-issuance.tgz'), 'AP0714');
    // metrics-20261003T084500Z.prom:341 is `…token_issuance_duration_seconds_bucket{grant_type="refresh_token",…,le="10"} 14226`
    // (14186 at 08:30): 40 issuances, 28 of them ≤ 5 s, so 12 in the 5–10 s bucket, where the p99 falls.
    expect(places(f)).toEqual(expect.arrayContaining([
      'support-bundle/metrics/metrics-20261003T084500Z.prom:341', 'support-bundle/metrics/metrics-20261003T085500Z.prom:341',
    ]));
    expect(places(f)).not.toContain('support-bundle/metrics/metrics-20261003T084500Z.prom:1');
    expect(f?.explanation).toContain('≤ 10 s (bucket bound)');
    expect(f?.explanation).toContain('12 of 40 issuances between 08:30:00 and 08:45:00 took 5–10 s');
    expect(f?.explanation).not.toContain('9.9 s');
    // The slowest POST /oauth/token in authserver-…-gt9fp.log (line 537) has duration_ms=8087.
    expect(f?.explanation).toContain('The slowest POST /oauth/token in the logs took 8087 ms');
    // metrics-20261003T085500Z.prom:80/82: refresh_tokens.rotate le="2.5" 0, le="10" 50.
    expect(f?.explanation).toContain('The database is slow: authserver_db_operation_duration_seconds shows all 50 refresh_tokens.rotate operations');
    expect(places(f)).toEqual(expect.arrayContaining(['support-bundle/metrics/metrics-20261003T085500Z.prom:80', 'support-bundle/metrics/metrics-20261003T085500Z.prom:82']));
    expect(f?.fix).toMatch(/^Make the database fast again/);
  }, 60_000);
});

describe('audience-mismatch.tgz: a client sends resource=https://mcp.acme.dev without /mcp', () => {
  it('names the client id and the resource URI it sent in the root cause and its fix', async () => {
    const [f] = byRule(await analyze('audience-mismatch.tgz'), 'AP0501');
    // The authserver container log, line 604 (08:29:17): `scope absent from authorize request, using defaults`
    // client_id=W9b65nneAL6eAAvTLIpN1P resource=https://mcp.acme.dev; tokens/access-token.txt has that client and aud.
    expect(f?.explanation).toContain('W9b65nneAL6eAAvTLIpN1P sent resource=https://mcp.acme.dev (5 AuthPlane log lines from 08:29:17');
    expect(f?.fix).toContain('Fix it on the client W9b65nneAL6eAAvTLIpN1P, which sent resource=https://mcp.acme.dev: request the token with resource=https://mcp.acme.dev/mcp');
    expect(places(f)).toContain('support-bundle/containers/1b0eb2ff4e68a60a64ef9a07c40dd90b28efd3bf992bcf6f3e4496a22e622327/1b0eb2ff4e68a60a64ef9a07c40dd90b28efd3bf992bcf6f3e4496a22e622327-json.log:604');
  }, 60_000);
});
