// Evidence a user opens in a document or a captured exchange lands on the line that holds what it
// quotes. Each file:line and line text below was read off the sample bundle by hand.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/cli/pipeline.ts';
import type { Analysis, Evidence } from '../../src/rules/index.ts';
import { filesOf } from '../helpers/tgz.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

/** [rule, file:line, text on that line in the bundle]. */
type Cited = [string, string, string];

const CASES: [string, Cited[]][] = [
  ['scopes-not-advertised.tgz', [['AP0301', 'support-bundle/discovery/oauth-authorization-server.json:35', '"scopes_supported": []']]],
  ['prm-authorization-servers.tgz', [
    ['AP0208', 'support-bundle/captures/prm.txt:4', '"authorization_servers": []'],
    ['AP0208', 'support-bundle/discovery/oauth-protected-resource.json:3', '"authorization_servers": []'],
  ]],
  ['jwks-empty.tgz', [
    ['AP0204', 'support-bundle/captures/jwks-count.txt:2', '0'],
    ['AP0204', 'support-bundle/discovery/jwks.json:2', '"keys": []'],
  ]],
  ['audience-mismatch.tgz', [
    ['AP0501', 'support-bundle/captures/mcp-call.txt:17', '< Www-Authenticate: Bearer error="invalid_token"'],
    ['AP0502', 'support-bundle/discovery/oauth-protected-resource.json:2', '"resource": "https://mcp.acme.dev/mcp"'],
  ]],
  ['www-authenticate-missing.tgz', [['AP0602', 'support-bundle/captures/mcp-401.txt:15', '< Www-Authenticate: Bearer error="invalid_token"']]],
  ['server-unreachable.tgz', [['AP0101', 'support-bundle/captures/health.txt:6', 'curl: (7) Failed to connect to localhost port 9000']]],
  ['discovery-not-found.tgz', [['AP0203', 'support-bundle/captures/discovery-9001.txt:2', 'HTTP/1.1 404 Not Found']]],
  ['db-unreachable.tgz', [['AP0102', 'support-bundle/admin/system-status.json:8', '"status": "unhealthy"']]],
  ['version-skew.tgz', [['AP0003', 'support-bundle/admin/system-status.json:2', '"version": "0.2.2"']]],
];

const cited = (a: Analysis, rule: string): Evidence[] => a.findings.filter((f) => f.rule === rule).flatMap((f) => f.evidence);
const place = (e: Evidence) => `${e.file}:${e.line}`;

describe.each(CASES)('%s', (sample, expected) => {
  let analysis: Analysis;
  let files: Map<string, string>;
  beforeAll(async () => {
    analysis = (await runPipeline(`${SAMPLES}${sample}`, { progress: false })).analysis;
    files = await filesOf(`${SAMPLES}${sample}`);
  }, 60_000);

  it.each(expected)('%s cites %s, the line holding %s', (rule, at, text) => {
    expect(cited(analysis, rule).map(place)).toContain(at);
    const [file, line] = [at.slice(0, at.lastIndexOf(':')), Number(at.slice(at.lastIndexOf(':') + 1))];
    expect(files.get(file)?.split('\n')[line - 1]).toContain(text);
  });
});

describe('issuer-mismatch.zip', () => {
  it('cites the issuer on line 2 of the discovery document, where it is', async () => {
    const { analysis } = await runPipeline(`${SAMPLES}issuer-mismatch.zip`, { progress: false });
    const ev = cited(analysis, 'AP0201').find((e) => e.file === 'discovery/oauth-authorization-server.json');
    expect(ev && [place(ev), ev.excerpt]).toEqual(['discovery/oauth-authorization-server.json:2', 'issuer: "http://localhost:9000"']);
  }, 60_000);
});

describe('jwks-empty.tgz', () => {
  it('quotes the jq output the capture holds, not a key set that is not in the file', async () => {
    const { analysis } = await runPipeline(`${SAMPLES}jwks-empty.tgz`, { progress: false });
    const ev = cited(analysis, 'AP0204').find((e) => e.file.endsWith('jwks-count.txt'));
    expect(ev?.excerpt).toBe("jq '.keys | length' → 0");
  }, 60_000);
});
