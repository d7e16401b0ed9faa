import { describe, expect, it } from 'vitest';
import { createRedactor, renderText } from '../../../src/report/index.ts';
import { PLANTED, fixtureAnalysis, fixtureModel } from '../fixtures.ts';

const plain = () => renderText(fixtureAnalysis(), fixtureModel(), { color: false, width: 100, redactor: createRedactor({}) });

describe('text report', () => {
  it('opens with the bundle, version, time range and record count', () => {
    const [first, second] = renderText(fixtureAnalysis(), fixtureModel(), { color: false, width: 160 }).split('\n');
    expect(first).toBe('forensic 0.1.0 — /home/alice/cases/acme-bundle.tgz');
    expect(second).toBe('AuthPlane 0.2.2 · 2026-10-03T09:15:00.000Z → 2026-10-03T09:16:10.200Z · 5 records in 2 files · 1 trace');
  });

  it('breaks the header between its parts, and a finding title between words, at 80 columns', () => {
    const a = fixtureAnalysis();
    a.findings[0]!.title = 'Access token in the bundle is not minted for the advertised resource';
    const lines = renderText(a, fixtureModel(), { color: false, width: 80 }).split('\n');
    expect(lines.slice(1, 3)).toEqual(['AuthPlane 0.2.2 · 2026-10-03T09:15:00.000Z → 2026-10-03T09:16:10.200Z', '5 records in 2 files · 1 trace']);
    const at = lines.findIndex((l) => l.startsWith('  ✘ AP0701 pkce-failures  '));
    expect(lines.slice(at, at + 2)).toEqual(['  ✘ AP0701 pkce-failures  Access token in the bundle is not minted for the', '      advertised resource  (error, 90%)']);
    for (const l of lines) if (!l.includes('Docs: http')) expect(l.length, l).toBeLessThanOrEqual(80);
  });

  it('marks each checklist step and explains the ones that did not pass', () => {
    const out = plain();
    expect(out).toContain('  ✔  1  AuthPlane reachable and DB healthy\n');
    expect(out).toContain('  !  5  Token audience, issuer, scope and expiry  AP0505\n        expired | tokens');
    expect(out).toContain('  ✘  7  Metrics tell a story  AP0701');
    expect(out).toContain('  ?  9  Reproduce with MCP Inspector\n        collect an Inspector session to check this');
  });

  it('says which findings under a root are consequences and which are the same cause seen elsewhere', () => {
    const a = fixtureAnalysis();
    const root = a.findings[0]!;
    a.findings.splice(2, 0, { ...root, rule: 'AP0799', title: 'PKCE failures in the logs', consequence_of: 'AP0701', related: [], evidence: [] });
    const out = renderText(a, fixtureModel(), { color: false, width: 100, redactor: createRedactor({}) });
    expect(out).toContain('    Consequences (1) and same cause, seen elsewhere (1), explained by AP0701:');
  });

  it('puts the root cause first, its consequence indented under it, then other findings', () => {
    const out = plain();
    const root = out.indexOf('Root cause\n  ✘ AP0701 pkce-failures  Authorization-code exchanges fail PKCE  (error, 90%)');
    const cons = out.indexOf('      ! AP0505 token-expired  Tokens are used after they expire  (warning, 60%)');
    const other = out.indexOf('Other findings\n  ! AP0001 session-secret-ephemeral');
    expect(root).toBeGreaterThanOrEqual(0);
    expect(cons).toBeGreaterThan(root);
    expect(other).toBeGreaterThan(cons);
  });

  it('lists evidence as file:line, time and excerpt, capped with a count of the rest', () => {
    const out = renderText(fixtureAnalysis(), fixtureModel(), { color: false, width: 160, redactor: createRedactor({}) });
    // Too long for one row even at 160 columns: the excerpt goes under its place, whole.
    expect(out).toContain('      logs/authserver.log:4  2026-10-03T09:16:10.100Z  trace=4bf92f3577b34da6a3ce929d0e0e4736\n          ERROR "token issuance failed" error=ErrInvalidPKCE code=invalid_grant');
    expect(out).toContain('      … 9 more\n');
    expect(out).toContain('    Fix: Send the code_verifier that matches the code_challenge of the authorize request.');
    expect(out).toContain('    Docs: https://docs.authplane.dev/errors#invalid_pkce');
  });

  it('shows the errors seen and points to --inventory for problems', () => {
    const out = plain();
    expect(out).toMatch(/Errors seen\n {2}invalid_grant +3 {2}the authorization grant is invalid, expired, or revoked/);
    expect(out).toContain('1 problem reading the bundle (damaged or skipped parts); run with --inventory to list them.');
  });

  it('redacts excerpts and explanations when given a redactor', () => {
    const out = plain();
    for (const s of PLANTED) expect(out).not.toContain(s);
  });

  it('cuts evidence lines at the terminal width', () => {
    const evidence = plain().split('\n').filter((l) => l.startsWith('      logs/'));
    expect(evidence.length).toBeGreaterThan(3);
    for (const l of evidence) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('keeps an evidence file name and line whole at 80 columns, giving up the trace id instead', () => {
    const a = fixtureAnalysis();
    a.findings[0]!.evidence[0]!.file = 'support-bundle/logs/authserver-75814c3be-mvqs8.log';
    const out = renderText(a, fixtureModel(), { color: false, width: 80 });
    expect(out).toContain('\n      support-b…/logs/authserver-75814c3be-mvqs8.log:4  2026-10-03T09:16:10.100Z\n');
  });

  it('wraps long explanations to the terminal width', () => {
    const a = fixtureAnalysis();
    a.findings[0]!.explanation = 'word '.repeat(60).trim();
    const out = renderText(a, fixtureModel(), { color: false, width: 60 });
    const lines = out.split('\n').filter((l) => l.includes('word'));
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('uses colour only when asked', () => {
    const colour = renderText(fixtureAnalysis(), fixtureModel(), { color: true });
    expect(colour).toContain('\u001b[');
    expect(plain()).not.toContain('\u001b[');
  });

  it('says so when nothing was found and every step could be checked', () => {
    const a = fixtureAnalysis();
    a.findings = [];
    a.checklist = a.checklist.map((c) => ({ ...c, status: c.step === 9 ? 'unknown' : 'pass', findings: [] }));
    expect(renderText(a, fixtureModel(), { color: false })).toContain('No findings: every checklist step the bundle allows passed.');
  });

  it('does not call a bundle clean when no step could be checked', () => {
    const a = fixtureAnalysis();
    a.findings = [];
    a.checklist = a.checklist.map((c) => ({ ...c, status: 'unknown', findings: [] }));
    const out = renderText(a, fixtureModel(), { color: false });
    expect(out).toContain('No findings, but no checklist step could be checked');
    expect(out).not.toContain('every checklist step the bundle allows passed');
  });
});
