import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { S } from '../report/redact/corpus.ts';

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-report-cli-'));
  bundle = join(dir, 'bundle');
  mkdirSync(bundle);
  writeFileSync(join(bundle, 'authserver.log'), [
    JSON.stringify({ time: '2026-10-03T09:15:00Z', level: 'INFO', msg: 'starting authserver', service: 'authserver', version: '0.2.2', issuer: 'https://auth.acme-corp.io', address: ':9000' }),
    JSON.stringify({ time: '2026-10-03T09:15:00.5Z', level: 'WARN', msg: 'session.secret not configured - using random ephemeral secret (sessions will not survive restarts)', service: 'authserver' }),
    JSON.stringify({ time: '2026-10-03T09:16:11Z', level: 'INFO', msg: 'tokens issued', service: 'authserver', client_id: 'my-client', user_id: 'user-42', email: 'alice@acme-corp.io', client_secret: S.clientSecret }),
    '',
  ].join('\n'));
  writeFileSync(join(bundle, 'config.yaml'), `server:\n  issuer: https://auth.acme-corp.io\nadmin:\n  api_key: ${S.adminKey}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forensic report', () => {
  it('writes the redacted Markdown report to the file given with -o', () => {
    const out = join(dir, 'report.md');
    const r = runCli(['report', bundle, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^wrote .*report\.md \(\d+ bytes\)\n$/);
    const md = readFileSync(out, 'utf8');
    expect(md.startsWith('# [Bug] ')).toBe(true);
    for (const h of ['## Summary', '## Findings', '## Environment', '## Configuration', '## Logs', '## Metrics', '## Redaction summary']) expect(md).toContain(h);
    for (const s of [S.adminKey, S.clientSecret, 'user-42', 'alice@acme-corp.io', 'acme-corp.io']) expect(md).not.toContain(s);
  });

  it('gives the same pasteable issue with analyze --format markdown: the operator\'s domain is pseudonymized there too', () => {
    const r = runCli(['analyze', bundle, '--format', 'markdown']);
    expect(r.stdout.startsWith('# [Bug] ')).toBe(true);
    for (const s of [S.adminKey, S.clientSecret, 'user-42', 'alice@acme-corp.io', 'acme-corp.io']) expect(r.stdout).not.toContain(s);
  });

  it('lists a series from each replica in the Metrics table, with the snapshot it comes from', () => {
    // server-errors: both authserver pods count introspection 500s, 73 and 74 in their last /metrics
    // snapshot (support-bundle/metrics/<pod>/metrics-20261003T085500Z.prom).
    const md = runCli(['report', 'samples/server-errors.tgz']).stdout;
    const rows = md.split('\n').filter((l) => l.startsWith('| `authserver_http_requests_total`') && l.includes('/oauth/introspect'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/\| 73 \| \+73 \|.*\| `support-bundle\/metrics\/authserver-7f8628389-8r458\/metrics-20261003T085500Z\.prom` \|$/);
    expect(rows[1]).toMatch(/\| 74 \| \+74 \|.*\| `support-bundle\/metrics\/authserver-7f8628389-jv4hb\/metrics-20261003T085500Z\.prom` \|$/);
  });

  it('prints the report on stdout without -o', () => {
    const r = runCli(['report', bundle]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Redaction summary');
    expect(r.stdout).not.toContain(S.adminKey);
  });
});
