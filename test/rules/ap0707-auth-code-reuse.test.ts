import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0707-auth-code-reuse.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0707 authorization-code reuse', () => {
  it('stays quiet for replays with an invalid verifier (background noise)', () => {
    expect(run([
      ...Array.from({ length: 4 }, (_, i) => auditRow('auth_code.reused', { clientId: 'cli-a', detail: `code_reuse session=s${i} verifier=invalid` })),
      log('authorization code reuse detected — replayer not credentialed, nothing revoked', { session_id: 's1', verifier_ok: false, client_ok: true }, { level: 'WARN' }),
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_auth_code_reuse_total{verifier="invalid"}': 1 }),
      snapshot({ at: '2026-10-03T09:30:00Z' }, { 'authserver_auth_code_reuse_total{verifier="invalid"}': 5 }),
    ])).toEqual([]);
  });

  it('reports replays with a valid verifier from one client as a likely client bug', () => {
    const rows = [1, 2, 3].map((i) => auditRow('auth_code.reused', { clientId: 'cli-b', detail: `code_reuse session=s${i} verifier=valid`, createdAt: `2026-10-03T09:0${i}:00Z`, line: i }));
    const [f] = run(rows);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 code replays with a valid verifier between 09:01:00 and 09:03:00');
    expect(f?.explanation).toContain('All come from client cli-b');
    expect(f?.evidence.map((e) => e.audit?.detail)).toEqual(['code_reuse session=s1 verifier=valid', 'code_reuse session=s2 verifier=valid', 'code_reuse session=s3 verifier=valid']);
  });

  it('warns that a credentialed replay with no family may leave the first redemption live', () => {
    const [f] = run([log('authorization code reuse detected — credentialed replay, no family linked to the session, nothing revoked', { session_id: 's7' }, { level: 'WARN' })]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('found no family to revoke');
  });
});

describe('AP0707 client resolution (the reuse lines carry session_id, not client_id)', () => {
  const reuse = (session: string, i: number) => log('authorization code reuse detected — family revoked', { family_id: `fam-${i}`, session_id: session }, { level: 'WARN', time: `2026-10-03T09:2${i}:00Z` });
  const started = (session: string, client: string) => log('authorization started', { session_id: session, client_id: client, login_required: true, consent_required: false });

  it('names the one client through the sessions\' `authorization started` lines', () => {
    const recs = ['s1', 's2', 's3'].flatMap((s, i) => [started(s, 'cli-c'), reuse(s, i)]);
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('All come from client cli-c');
  });

  it('names the client through the auth_code.reused rows when no authorization line is left', () => {
    const recs = ['s1', 's2', 's3'].flatMap((s, i) => [reuse(s, i), auditRow('auth_code.reused', { clientId: 'cli-d', detail: `code_reuse session=${s} verifier=valid` })]);
    const [f] = run(recs);
    expect(f?.explanation).toContain('All come from client cli-d');
  });

  it('does not call it one client\'s bug when the sessions belong to different clients', () => {
    const recs = [['s1', 'cli-a'], ['s2', 'cli-b'], ['s3', 'cli-a']].flatMap(([s, c], i) => [started(s!, c!), reuse(s!, i)]);
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).not.toContain('All come from client');
  });

  it('ignores an authorization line of an unrelated session', () => {
    const [f] = run([started('other', 'cli-z'), ...['s1', 's2', 's3'].map((s, i) => reuse(s, i))]);
    expect(f?.explanation).not.toContain('cli-z');
  });
});
