import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0709-login-denial-spike.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0709 login denial spike', () => {
  it('stays quiet for a few mistyped passwords', () => {
    expect(run(Array.from({ length: 5 }, () => log('local authentication denied', { user_id: 'u1', reason: 'invalid_credentials' }, { level: 'WARN' })))).toEqual([]);
  });

  it('reports denials above the 10/s alert and calls out enumeration', () => {
    const [f] = run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_auth_denied_total{reason="user_not_found"}': 0, 'authserver_auth_denied_total{reason="invalid_credentials"}': 10 }),
      snapshot({ at: '2026-10-03T09:10:00Z' }, { 'authserver_auth_denied_total{reason="user_not_found"}': 7200, 'authserver_auth_denied_total{reason="invalid_credentials"}': 40 }),
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('peaking at 12.1/s');
    expect(f?.explanation).toContain('most common reason user_not_found (7200)');
    expect(f?.explanation).toContain('enumeration');
  });

  it('reports a fast burst of denials seen only in the logs as a warning', () => {
    const recs = Array.from({ length: 40 }, (_, i) => log('local authentication denied', { user_id: '', reason: 'user_not_found' }, { level: 'WARN', ts: Date.parse('2026-10-03T09:00:00Z') + i * 1000 }));
    const [f] = run(recs);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('40 login denials between 09:00:00 and 09:00:39');
  });

  describe('low-volume login regressions (L3, L4)', () => {
    const denial = (user: string, reason: string, i: number) => log('local authentication denied', { user_id: user, reason }, { level: 'WARN', time: `2026-10-03T09:${String(10 + i).padStart(2, '0')}:00Z` });

    it('reports every user failing with unusable_stored_hash and no successful login, with the reset fix', () => {
      const recs = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map((u, i) => denial(u, 'unusable_stored_hash', i));
      const [f] = run(recs);
      expect(f?.severity).toBe('warning');
      expect(f?.explanation).toContain('6 login attempts between 09:10:00 and 09:15:00 failed and none succeeded');
      expect(f?.explanation).toContain('6 users affected');
      expect(f?.explanation).toContain('every denial has reason unusable_stored_hash');
      expect(f?.explanation).toContain('login regression');
      expect(f?.fix).toContain('reset');
    });

    it('tells federated users on the local form (user_not_local) to use the IdP button', () => {
      const [f] = run(['u1', 'u2', 'u3', 'u1', 'u2'].map((u, i) => denial(u, 'user_not_local', i)));
      expect(f?.fix).toContain('identity-provider button');
    });

    it('reads a login_attempts counter where every attempt failed', () => {
      const [f] = run([
        snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_login_attempts_total{result="failure"}': 3, 'authserver_login_attempts_total{result="success"}': 50, 'authserver_auth_denied_total{reason="unusable_stored_hash"}': 0 }),
        snapshot({ at: '2026-10-03T09:30:00Z' }, { 'authserver_login_attempts_total{result="failure"}': 15, 'authserver_login_attempts_total{result="success"}': 50, 'authserver_auth_denied_total{reason="unusable_stored_hash"}': 12 }),
      ]);
      expect(f?.severity).toBe('error');
      expect(f?.explanation).toContain('authserver_login_attempts_total{result="failure"} +12 in 30 min');
      expect(f?.explanation).toContain('every denial has reason unusable_stored_hash');
    });

    describe('near misses', () => {
      it('stays quiet when other users still log in', () => {
        const recs = [...['u1', 'u2', 'u3', 'u4', 'u5'].map((u, i) => denial(u, 'unusable_stored_hash', i)), log('user authenticated', { user_id: 'u9' })];
        expect(run(recs)).toEqual([]);
      });

      it('stays quiet when the counter shows successes next to the failures', () => {
        expect(run([
          snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_login_attempts_total{result="failure"}': 0, 'authserver_login_attempts_total{result="success"}': 10 }),
          snapshot({ at: '2026-10-03T09:30:00Z' }, { 'authserver_login_attempts_total{result="failure"}': 20, 'authserver_login_attempts_total{result="success"}': 30 }),
        ])).toEqual([]);
      });

      it('a handful of user_not_found denials is not a regression (nor an attack at this volume)', () => {
        expect(run(['a', 'b', 'c', 'd', 'e', 'f'].map((u, i) => denial(u, 'user_not_found', i)))).toEqual([]);
      });

      it('invalid_credentials from many users over an hour, with no success lines in the bundle, are typos', () => {
        expect(run(Array.from({ length: 40 }, (_, i) => log('local authentication denied', { user_id: `user-${i}`, reason: 'invalid_credentials' }, { level: 'WARN', ts: Date.parse('2026-10-03T09:00:00Z') + i * 90_000 })))).toEqual([]);
      });

      it('one user failing the same way is that user, not a regression', () => {
        expect(run([0, 1, 2, 3, 4, 5].map((i) => denial('u1', 'unusable_stored_hash', i)))).toEqual([]);
      });
    });
  });
});
