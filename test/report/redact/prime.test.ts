import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedactor, primeRedactor } from '../../../src/report/index.ts';
import { auditRow, log, model, resetCounters } from '../../helpers/records.ts';

beforeEach(resetCounters);

const auditLine = (actor: string, detail: string, time: string) =>
  log('audit', { action: 'token.issued', actor_id: actor, client_id: 'notes-app', ip: '10.0.0.1', detail }, { time });

describe('priming a redactor with the bundle\'s identities', () => {
  it('pseudonymizes audit actors and detail user ids named in free text', () => {
    const m = model([
      auditLine('maria.keller', 'family=f1', '2026-10-03T09:00:00Z'),
      auditRow('user.updated', { actorId: 'admin', detail: 'user_id=jonas.weber', createdAt: '2026-10-03T09:01:00Z' }),
    ]);
    const r = createRedactor({});
    primeRedactor(r, m);
    const out = r.text('refresh failed for maria.keller after jonas.weber was updated');
    expect(out).not.toContain('maria.keller');
    expect(out).not.toContain('jonas.weber');
  });

  it('pseudonymizes in free text the user a user.* audit row names as its detail', () => {
    const m = model([
      auditRow('user.force_logout', { actorId: 'admin', detail: 'lena.fischer; 2 families revoked', createdAt: '2026-10-03T09:00:00Z' }),
    ]);
    const r = createRedactor({});
    primeRedactor(r, m);
    expect(r.text('lena.fischer was logged out by an admin')).not.toContain('lena.fischer');
  });

  it('reads the model once however often the same redactor is primed with it', () => {
    const m = model([auditLine('maria.keller', 'family=f1', '2026-10-03T09:00:00Z')]);
    const read = vi.spyOn(m.audit, 'identities');
    const r = createRedactor({});
    primeRedactor(r, m);
    primeRedactor(r, m);
    expect(read).toHaveBeenCalledTimes(1);
    expect(r.text('maria.keller')).not.toContain('maria.keller');
    // another redactor is a fresh start
    primeRedactor(createRedactor({}), m);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("keeps a machine client readable where its own audit rows name it as the actor, and still hides the users", () => {
    const m = model([
      auditRow('client_credentials.denied', { actorId: 'reports-sync', clientId: 'reports-sync', detail: 'reason=invalid_target', createdAt: '2026-10-03T09:00:00Z' }),
      auditLine('maria.keller', 'family=f1', '2026-10-03T09:01:00Z'),
    ]);
    const r = createRedactor({});
    primeRedactor(r, m);
    expect(r.text('22 token requests refused, from client reports-sync; maria.keller refreshed')).toMatch(/from client reports-sync; user#[0-9a-f]{4} refreshed/);
    expect(r.text('client_credentials.denied actor=reports-sync client=reports-sync reason=invalid_target')).toBe('client_credentials.denied actor=reports-sync client=reports-sync reason=invalid_target');
    expect(r.value('audit', { action: 'client_credentials.denied', actor_id: 'reports-sync', client_id: 'reports-sync' })).toMatchObject({ actor_id: 'reports-sync' });
    expect(r.value('audit', { action: 'token.issued', actor_id: 'maria.keller', client_id: 'notes-app' })).not.toMatchObject({ actor_id: 'maria.keller' });
  });
});
