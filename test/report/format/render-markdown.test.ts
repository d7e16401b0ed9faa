import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { createRedactor, renderMarkdown } from '../../../src/report/index.ts';
import { BACKTICK_MSG, PLANTED, REQUEST, TRACE, fixtureAnalysis, fixtureModel } from '../fixtures.ts';

function report(): string {
  return renderMarkdown(fixtureAnalysis(), fixtureModel(), { color: false, redactor: createRedactor({ ownDomains: ['https://auth.acme-corp.io'] }) });
}

function walk(tokens: Token[], out: Token[] = []): Token[] {
  for (const t of tokens) {
    out.push(t);
    const kids = (t as { tokens?: Token[] }).tokens;
    if (kids) walk(kids, out);
  }
  return out;
}

describe('markdown report', () => {
  it('has the contract sections in order, titled by the top cause', () => {
    const md = report();
    const heads = marked.lexer(md).filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth <= 2)
      .map((t) => t.tokens.map((x) => ('text' in x ? x.text : '')).join(''));
    expect(heads).toEqual([
      '[Bug] Authorization-code exchanges fail PKCE (pkce-failures)',
      'Summary', 'Findings', 'Environment', 'Configuration', 'Logs', 'Metrics', 'Redaction summary',
    ]);
  });

  it('contains none of the planted secrets or identities', () => {
    const md = report();
    for (const s of PLANTED) expect(md).not.toContain(s);
    expect(md).not.toContain('/home/alice');
  });

  it('renders the checklist as a real table, a pipe in a note staying inside its cell', () => {
    const tables = marked.lexer(report()).filter((t): t is Tokens.Table => t.type === 'table');
    const summary = tables[0]!;
    expect(summary.header.map((h) => h.text)).toEqual(['Step', 'Check', 'Status', 'Findings', 'Note']);
    expect(summary.rows).toHaveLength(4);
    expect(summary.rows[1]!.map((c) => c.text)).toEqual(['5', 'Token audience, issuer, scope and expiry', '! warn', '`AP0505`', 'expired | tokens']);
    expect(summary.rows[1]).toHaveLength(5);
  });

  it('keeps a log line full of backticks inside its code fence', () => {
    const codes = walk(marked.lexer(report())).filter((t): t is Tokens.Code => t.type === 'code');
    const holder = codes.filter((c) => c.text.includes('tool call failed'));
    expect(holder.length).toBeGreaterThan(0);
    for (const c of holder) expect(c.text).toContain('```` `rm -rf` | `drop table` ````');
    expect(BACKTICK_MSG).toContain('````');
  });

  it('puts each trace in an intact <details> block that keeps trace_id and request_id', () => {
    const md = report();
    const tokens = marked.lexer(md);
    const opens = tokens.filter((t) => t.type === 'html' && t.raw.startsWith('<details>'));
    const closes = tokens.filter((t) => t.type === 'html' && t.raw.trim() === '</details>');
    expect(opens.length).toBe(1);
    expect(closes.length).toBe(1);
    expect(opens[0]!.raw).toContain(`trace_id <code>${TRACE}</code>`);
    expect(opens[0]!.raw).toContain(`request_id <code>${REQUEST}</code>`);
    // the fenced timeline is parsed as code between the two html tokens
    const i = tokens.indexOf(opens[0]!);
    expect(tokens.slice(i, tokens.indexOf(closes[0]!)).some((t) => t.type === 'code')).toBe(true);
  });

  it('caps evidence and says how much was cut', () => {
    expect(report()).toContain('… 7 more evidence items cut');
  });

  it('calls a second finding of the root\'s own cause the same cause, not a consequence', () => {
    const a = fixtureAnalysis();
    a.findings.splice(2, 0, { ...a.findings[0]!, rule: 'AP0799', title: 'PKCE failures in the logs', consequence_of: 'AP0701', related: [], evidence: [] });
    const md = renderMarkdown(a, fixtureModel(), { color: false, redactor: createRedactor({}) });
    expect(md).toMatch(/#### 1\.2 PKCE failures in the logs — `AP0799 pkce-failures`\n\n\*\*error\*\*, confidence 90%, checklist step 7, 3 events explained; the same cause as `AP0701`\./);
    expect(md).toContain('a consequence of `AP0701`');
  });

  it('groups the consequence under its root cause', () => {
    const md = report();
    expect(md).toMatch(/#### 1\.1 Tokens are used after they expire — `AP0505 token-expired`/);
    expect(md).toContain('a consequence of `AP0701`');
    expect(md).toMatch(/### 2\. Sessions use an ephemeral secret/);
  });

  it('shows the effective configuration as redacted YAML', () => {
    const md = report();
    const yaml = marked.lexer(md).find((t): t is Tokens.Code => t.type === 'code' && t.lang === 'yaml');
    expect(yaml?.text).toContain('driver: postgres');
    expect(yaml?.text).toContain('api_key: "[REDACTED:api-key]"');
    expect(yaml?.text).toMatch(/issuer: https:\/\/host-[0-9a-f]{4}\.invalid/);
  });

  it('lists the metric values the findings used, labels redacted', () => {
    const tables = marked.lexer(report()).filter((t): t is Tokens.Table => t.type === 'table');
    const metrics = tables.find((t) => t.header[0]?.text === 'Metric')!;
    const row = metrics.rows[0]!.map((c) => c.text);
    expect(row[0]).toBe('`authserver_auth_denied_total`');
    expect(row[1]).toMatch(/^`reason="invalid_pkce",client_ip="ip#[0-9a-f]{4}"`$/);
    expect(row.slice(2, 6)).toEqual(['1', '4', '+3', '60 s']);
  });

  it('summarises redaction by kind and count only', () => {
    const md = report();
    const section = md.slice(md.indexOf('## Redaction summary'));
    const table = marked.lexer(section).find((t): t is Tokens.Table => t.type === 'table')!;
    const kinds = Object.fromEntries(table.rows.map((r) => [r[0]!.text, Number(r[1]!.text)]));
    expect(kinds['api-key']).toBe(1);
    expect(kinds['client-secret']).toBeGreaterThanOrEqual(2);
    expect(kinds.jwt).toBeGreaterThanOrEqual(2);
    for (const s of PLANTED) expect(section).not.toContain(s);
  });

  it('stays under the GitHub issue size limit for a huge analysis', () => {
    const a = fixtureAnalysis();
    const big = a.findings[0]!;
    a.findings = Array.from({ length: 300 }, (_, i) => ({ ...big, rule: `AP07${String(i).padStart(2, '0')}`, consequence_of: undefined }));
    const md = renderMarkdown(a, fixtureModel(), { color: false, redactor: createRedactor({}) });
    expect(md.length).toBeLessThanOrEqual(60_000);
  });
});

describe('markdown prose from rules', () => {
  it('turns backticked commands into code spans and escapes the rest', async () => {
    const { mdProse } = await import('../../../src/report/format/markdown.ts');
    expect(mdProse('run `curl -s a | jq .keys[]` then <restart> *now*')).toBe('run `curl -s a | jq .keys[]` then &lt;restart&gt; \\*now\\*');
  });
});
