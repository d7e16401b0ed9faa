import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/rules/index.ts';
import { evidenceRows } from '../../../src/report/format/evidence-rows.ts';

const IND = '      ';
const SIGNER: Evidence = {
  kind: 'log', file: 'support-bundle/logs/authserver-75814c3be-mvqs8.log', line: 13, time: '2026-10-03T08:12:59.02090508Z',
  request_id: 'd8113cc88517a88f5f934c26b94171ef', excerpt: 'ERROR "token endpoint error" error="signing key not found"',
};

describe('evidence rows in a narrow terminal', () => {
  it('keeps the file name and line whole at 80 columns and lets the request id go', () => {
    expect(evidenceRows(SIGNER, undefined, IND, 80)).toEqual([
      '      …/logs/authserver-75814c3be-mvqs8.log:13  2026-10-03T08:12:59.02090508Z',
      '          ERROR "token endpoint error" error="signing key not found"',
    ]);
  });

  it('shortens the request id to a greppable prefix when that is enough to fit', () => {
    expect(evidenceRows(SIGNER, undefined, IND, 100)[0]).toBe(
      '      supp…/logs/authserver-75814c3be-mvqs8.log:13  2026-10-03T08:12:59.02090508Z  request=d8113cc8…');
  });

  it('wraps a long excerpt instead of stopping before the value it quotes', () => {
    const excerpt = 'WARN "token rejected" status=401 error="verifier: audience mismatch: expected \\"https://mcp.acme.dev/mcp\\"" remote=10.0.4.17:39291';
    const rows = evidenceRows({ ...SIGNER, excerpt }, undefined, IND, 80);
    expect(rows.slice(1).map((l) => l.trim()).join(' ')).toBe(excerpt);
    for (const l of rows) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('keeps the pod name of a kubelet log whose file is only 0.log', () => {
    const e: Evidence = {
      kind: 'log', file: 'support-bundle/var/log/pods/authplane_notes-mcp-52a05b93e-7x8sg_06bd9099-2027-4122-940a-10bacdd37cd0/notes-mcp/0.log',
      line: 7, time: '2026-10-03 07:57:54,001', excerpt: 'DEBUG "authplane.token_verification_failed"',
    };
    expect(evidenceRows(e, undefined, IND, 80)[0]).toBe('      …/authplane_notes-mcp-52a05b93…/notes-mcp/0.log:7  2026-10-03 07:57:54,001');
  });

  it('fits a docker json-file name of 73 characters by cutting its middle, never its line number', () => {
    const id = 'b4cd73e43c338f391873f52b6752aea8e2d708747a9caf0123456789abcdef01';
    const e: Evidence = { ...SIGNER, file: `support-bundle/containers/${id}/${id}-json.log`, line: 11, time: '2026-10-03T08:00:55.000Z' };
    const rows = evidenceRows(e, undefined, IND, 80);
    expect(rows[0]).toMatch(/^ {6}b4cd73e43c\S*…\S*abcdef01-json\.log:11 {2}2026-10-03T08:00:55\.000Z$/);
    for (const l of rows) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('keeps a line that fits on one row as it is', () => {
    const e: Evidence = { kind: 'document', file: 'discovery/jwks.json', line: 2, time: '2026-10-03T09:01:00.000Z', excerpt: 'keys: []' };
    expect(evidenceRows(e, undefined, IND, 80)).toEqual(['      discovery/jwks.json:2  2026-10-03T09:01:00.000Z  keys: []']);
  });
});
