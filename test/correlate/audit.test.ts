import { beforeEach, describe, expect, it } from 'vitest';
import { parseAuditDetail } from '../../src/correlate/index.ts';
import { auditRow, log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

describe('audit detail parsing', () => {
  it.each([
    ['family=fam-1', { family: 'fam-1' }, undefined],
    ['reuse_detection family=fam-2', { family: 'fam-2' }, 'reuse_detection'],
    ['admin rotated signing key: kid=abc', { kid: 'abc' }, 'admin rotated signing key:'],
    ['code exchange failed', {}, 'code exchange failed'],
    ['', {}, undefined],
  ])('splits %j into pairs and the leading word', (detail, kv, word) => {
    const parsed = parseAuditDetail(detail);
    expect(parsed.detailKv).toEqual(kv);
    expect(parsed.detailWord).toBe(word);
  });
});

describe('the audit trail', () => {
  it('orders rows by created_at, not by id', () => {
    const m = model([
      auditRow('token.revoked', { id: 'AAAA', createdAt: '2026-10-03T09:05:00Z' }),
      auditRow('token.issued', { id: 'ZZZZ', createdAt: '2026-10-03T09:01:00Z' }),
    ]);
    expect(m.audit.rows().map((a) => a.id)).toEqual(['ZZZZ', 'AAAA']);
    expect(m.audit.hasDump).toBe(true);
  });

  it('rebuilds rows from audit log lines when there is no dump', () => {
    const m = model([
      log('audit', { action: 'token.issued', actor_id: 'u1', client_id: 'c1', ip: '203.0.113.9', detail: 'family=f1' }, { time: '2026-10-03T09:00:00Z', line: 40 }),
    ]);
    expect(m.audit.hasDump).toBe(false);
    expect(m.audit.rows()).toEqual([expect.objectContaining({
      action: 'token.issued', actorId: 'u1', clientId: 'c1', detailKv: { family: 'f1' }, origin: 'log', line: 40,
      createdAt: '2026-10-03T09:00:00Z',
    })]);
  });

  it('gives each rebuilt row the trace id and created_at its log line carried, spelled as written', () => {
    const m = model([
      log('audit', { action: 'token.issued', actor_id: 'u1', client_id: 'c1', ip: '', detail: 'family=f1' },
        { time: '2026-10-03T09:00:00.905704863Z', traceId: '7665108ba91f61b800d5b53dd73d12be' }),
      log('audit', { action: 'token.refreshed', actor_id: 'u1', client_id: 'c1', ip: '', detail: 'family=f1' },
        { time: '2026-10-03T11:00:01.25+02:00', traceId: 'Trace-ABC' }),
      log('audit', { action: 'token.revoked', actor_id: 'u1', client_id: 'c1', ip: '', detail: 'jti=j1' },
        { time: '2026-10-03T09:00:02Z' }),
    ]);
    expect(m.audit.rows().map((a) => [a.action, a.traceId, a.createdAt])).toEqual([
      ['token.issued', '7665108ba91f61b800d5b53dd73d12be', '2026-10-03T09:00:00.905704863Z'],
      ['token.refreshed', 'Trace-ABC', '2026-10-03T11:00:01.25+02:00'],
      ['token.revoked', '', '2026-10-03T09:00:02Z'],
    ]);
  });

  it('fills the gap from `audit event dropped` lines with their id and observed_at', () => {
    const m = model([
      log('audit event dropped — not persisted', {
        action: 'family.revoked', id: 'Zk3v9Qm1Xc2b7T0aL4pR8w', actor_id: '', client_id: '', ip: '', detail: 'reuse_detection family=f9',
        trace_id: '', observed_at: '2026-10-03T09:20:00Z', error: 'database is locked',
      }, { level: 'ERROR', time: '2026-10-03T09:20:00.004Z' }),
    ]);
    expect(m.audit.rows()).toEqual([expect.objectContaining({
      id: 'Zk3v9Qm1Xc2b7T0aL4pR8w', origin: 'dropped', detailWord: 'reuse_detection', ts: Date.parse('2026-10-03T09:20:00Z'),
    })]);
  });

  it('keeps the dumped row and drops its log copy', () => {
    const m = model([
      log('audit', { action: 'token.issued', actor_id: 'u1', client_id: 'c1', ip: '1.2.3.4', detail: 'family=f1' }, { time: '2026-10-03T09:00:00.300Z' }),
      auditRow('token.issued', { id: 'dumped', actorId: 'u1', clientId: 'c1', ip: '1.2.3.4', detail: 'family=f1', createdAt: '2026-10-03T09:00:00Z' }),
    ]);
    expect(m.audit.rows().map((a) => [a.id, a.origin])).toEqual([['dumped', 'dump']]);
  });

  it('keeps two identical events that are further apart than the copy window', () => {
    const m = model([
      auditRow('token.refreshed', { id: 'one', actorId: 'u1', clientId: 'c1', detail: 'family=f1', createdAt: '2026-10-03T09:00:00Z' }),
      log('audit', { action: 'token.refreshed', actor_id: 'u1', client_id: 'c1', ip: '', detail: 'family=f1' }, { time: '2026-10-03T09:00:00.100Z' }),
      log('audit', { action: 'token.refreshed', actor_id: 'u1', client_id: 'c1', ip: '', detail: 'family=f1' }, { time: '2026-10-03T09:10:00Z' }),
    ]);
    expect(m.audit.rows().map((a) => a.origin)).toEqual(['dump', 'log']);
  });

  it('deduplicates a row exported twice (overlapping pages)', () => {
    const a = auditRow('client.registered', { id: 'same', clientId: 'c1', createdAt: '2026-10-03T09:00:00Z' });
    expect(model([a, { ...a, line: 99 }]).audit.rows()).toHaveLength(1);
  });

  it('finds rows by action name or pattern', () => {
    const m = model([auditRow('family.revoked'), auditRow('family.revocation_failed'), auditRow('token.issued')]);
    expect(m.audit.byAction('family.revoked')).toHaveLength(1);
    expect(m.audit.byAction(/^family\./)).toHaveLength(2);
  });

  it('counts rows by action name or pattern', () => {
    const m = model([auditRow('family.revoked'), auditRow('family.revocation_failed'), auditRow('token.issued'), auditRow('family.revoked', { id: 'other' })]);
    expect(m.audit.countByAction('family.revoked')).toBe(2);
    expect(m.audit.countByAction(/^family\./)).toBe(3);
    expect(m.audit.countByAction('user.login')).toBe(0);
  });
});

describe('audit rows rebuilt from log lines', () => {
  const line = (action: string, detail: string, time: string, actor = 'u1', client = 'c1') =>
    log('audit', { action, actor_id: actor, client_id: client, ip: '10.0.0.1', detail }, { time });

  it('finds log-rebuilt rows by action name or pattern, oldest first', () => {
    const m = model([
      line('token.refreshed', 'family=f1', '2026-10-03T09:02:00Z'),
      line('user.login', '', '2026-10-03T09:00:00Z'),
      line('token.issued', 'family=f1', '2026-10-03T09:01:00Z'),
    ]);
    expect(m.audit.byAction(/^token\./).map((a) => a.action)).toEqual(['token.issued', 'token.refreshed']);
    expect(m.audit.byAction('user.login').map((a) => [a.actorId, a.ip, a.origin])).toEqual([['u1', '10.0.0.1', 'log']]);
  });

  it('names each log-rebuilt row after the file and line it came from', () => {
    const m = model([log('audit', { action: 'user.login', actor_id: 'u9' }, { line: 7, file: 'logs/a.log' })]);
    expect(m.audit.rows().map((a) => [a.id, a.file, a.line])).toEqual([['log:logs/a.log:7', 'logs/a.log', 7]]);
  });

  it('tells a family story from log-rebuilt rows mixed with dumped ones, in time order', () => {
    const m = model([
      line('token.refreshed', 'family=fam-3', '2026-10-03T09:20:00Z'),
      auditRow('token.issued', { actorId: 'u1', clientId: 'c1', detail: 'family=fam-3', createdAt: '2026-10-03T09:00:00Z' }),
      line('token.refreshed', 'family=fam-4', '2026-10-03T09:10:00Z'),
    ]);
    expect(m.audit.story('family:fam-3')?.rows.map((a) => [a.action, a.origin])).toEqual([['token.issued', 'dump'], ['token.refreshed', 'log']]);
    expect(m.audit.stories('family').map((s) => s.key).sort()).toEqual(['family:fam-3', 'family:fam-4']);
    expect(m.audit.story('user:u1')?.rows).toHaveLength(3);
  });

  it('hands out the same row object to rows(), byAction() and a story', () => {
    const m = model([line('token.issued', 'family=f5', '2026-10-03T09:00:00Z')]);
    const row = m.audit.rows()[0];
    expect(m.audit.byAction('token.issued')[0]).toBe(row);
    expect(m.audit.story('family:f5')?.rows[0]).toBe(row);
  });

  it('leaves log-rebuilt rows outside --since out of the trail', () => {
    const m = model([
      line('token.issued', 'family=f1', '2026-10-03T08:00:00Z'),
      line('token.revoked', 'family=f1', '2026-10-03T10:00:00Z'),
    ], { since: { at: Date.parse('2026-10-03T09:00:00Z') } });
    expect(m.audit.rows().map((a) => a.action)).toEqual(['token.revoked']);
  });
});

describe('audit stories', () => {
  it('tells a family story: issued, revoked, then a later use with its log lines', () => {
    const m = model([
      auditRow('token.issued', { actorId: 'u1', clientId: 'c1', detail: 'family=fam-7', createdAt: '2026-10-03T09:00:00Z' }),
      log('tokens refreshed', { family_id: 'fam-7', user_id: 'u1' }, { requestId: 'r1', time: '2026-10-03T09:30:00Z' }),
      auditRow('token.revoked', { clientId: 'c1', detail: 'family=fam-7', createdAt: '2026-10-03T09:10:00Z' }),
      auditRow('token.refreshed', { actorId: 'u1', clientId: 'c1', detail: 'family=fam-7', createdAt: '2026-10-03T09:30:00Z' }),
    ]);
    const s = m.audit.story('family:fam-7');
    expect(s?.rows.map((a) => a.action)).toEqual(['token.issued', 'token.revoked', 'token.refreshed']);
    expect(s?.logs.map((r) => r.msg)).toEqual(['tokens refreshed']);
  });

  it('groups rows per user, per client and per broker grant', () => {
    const m = model([
      auditRow('broker_grant.created', { actorId: 'u2', detail: 'provider=github grant_id=g1 version=1' }),
      auditRow('broker_grant.revoked_admin', { actorId: 'admin', detail: 'provider=github grant_id=g1' }),
      auditRow('client_credentials.issued', { actorId: 'svc', clientId: 'svc', detail: 'jti=j1 scopes=a' }),
    ]);
    expect(m.audit.story('grant:g1')?.rows.map((a) => a.action)).toEqual(['broker_grant.created', 'broker_grant.revoked_admin']);
    expect(m.audit.stories('user').map((s) => s.key)).toEqual(['user:u2']);
    expect(m.audit.stories('client').map((s) => s.key)).toEqual(['client:svc']);
  });
});

describe('reading the audit trail without building every row', () => {
  const line = (action: string, detail: string, time: string, actor = 'u1', client = 'c1') =>
    log('audit', { action, actor_id: actor, client_id: client, ip: '10.0.0.1', detail }, { time });

  it('counts dumped and log-rebuilt rows alike', () => {
    const m = model([
      line('token.refreshed', 'family=f1', '2026-10-03T09:02:00Z'),
      auditRow('token.issued', { detail: 'family=f1', createdAt: '2026-10-03T09:01:00Z' }),
    ]);
    expect(m.audit.count()).toBe(2);
    expect(model([]).audit.count()).toBe(0);
  });

  it('picks rows by action and detail, oldest first, as the same objects rows() gives', () => {
    const m = model([
      line('token.refresh_denied', 'reason=invalid_dpop_proof', '2026-10-03T09:03:00Z'),
      line('token.refresh_denied', 'reason=invalid_grant', '2026-10-03T09:02:00Z'),
      auditRow('token.issue_denied', { detail: 'reason=invalid_dpop_proof', createdAt: '2026-10-03T09:01:00Z' }),
    ]);
    const denied = m.audit.where((a) => a.action.endsWith('_denied') && a.detailKv.reason === 'invalid_dpop_proof');
    expect(denied.map((a) => [a.action, a.origin])).toEqual([['token.issue_denied', 'dump'], ['token.refresh_denied', 'log']]);
    expect(m.audit.rows()).toContain(denied[1]);
  });

  it('visits every row in time order with its actor, client, detail and time', () => {
    const m = model([
      line('user.login', '', '2026-10-03T09:05:00Z', 'u7', ''),
      auditRow('client.registered', { actorId: 'admin', clientId: 'c9', detail: 'name=notes', createdAt: '2026-10-03T09:00:00Z' }),
    ]);
    const seen: unknown[] = [];
    m.audit.scan((a) => seen.push([a.action, a.actorId, a.clientId, a.detail, a.detailKv, a.ts]));
    expect(seen).toEqual([
      ['client.registered', 'admin', 'c9', 'name=notes', { name: 'notes' }, Date.parse('2026-10-03T09:00:00Z')],
      ['user.login', 'u7', '', '', {}, Date.parse('2026-10-03T09:05:00Z')],
    ]);
  });

  it('lists each actor and each detail pair once, in the order the rows happened', () => {
    const m = model([
      line('token.issued', 'family=f1 user_id=u1', '2026-10-03T09:00:00Z', 'u1'),
      line('token.refreshed', 'family=f1 user_id=u1', '2026-10-03T09:01:00Z', 'u1'),
      line('token.issued', 'family=f2', '2026-10-03T09:02:00Z', 'u2'),
    ]);
    expect([...m.audit.identities()]).toEqual([
      ['actor_id', 'u1'], ['family', 'f1'], ['user_id', 'u1'], ['actor_id', 'u2'], ['family', 'f2'],
    ]);
  });

  it('lists only the wanted keys when asked, skipping details that hold none', () => {
    const m = model([
      line('token.issued', 'family=f1', '2026-10-03T09:00:00Z', 'u1'),
      line('consent.denied', 'reason=user_denied session_id=s-77', '2026-10-03T09:01:00Z', 'u2'),
      line('user.updated', 'x.user_id=u9', '2026-10-03T09:02:00Z', 'admin'),
    ]);
    const wanted = (k: string) => k === 'session_id' || k === 'user_id';
    expect([...m.audit.identities(wanted)]).toEqual([['session_id', 's-77'], ['user_id', 'u9']]);
  });

  it('heads each story with its row count, span and actions, like the story itself', () => {
    const m = model([
      line('token.issued', 'family=fam-1', '2026-10-03T09:00:00Z'),
      line('token.refreshed', 'family=fam-1', '2026-10-03T09:10:00Z'),
      line('token.refreshed', 'family=fam-1', '2026-10-03T09:20:00Z'),
      log('tokens refreshed', { family_id: 'fam-1' }, { time: '2026-10-03T09:20:00Z' }),
    ]);
    const head = m.audit.storyHeads('family');
    expect(head.map((h) => [h.key, h.rows, h.logs, h.first, h.last, h.actions()])).toEqual([
      ['family:fam-1', 3, 1, Date.parse('2026-10-03T09:00:00Z'), Date.parse('2026-10-03T09:20:00Z'), ['token.issued', 'token.refreshed']],
    ]);
    expect(m.audit.storyHeads().map((h) => h.key)).toEqual(['user:u1', 'client:c1', 'family:fam-1']);
  });
});

describe('a large audit dump kept in columns', () => {
  const T = '7665108ba91f61b800d5b53dd73d12be';

  it('gives every dumped row back exactly as read, and keeps the first of two rows with the same id', () => {
    const a = auditRow('token.issued', { id: 'row-1', actorId: 'u1', clientId: 'c1', ip: '203.0.113.9', detail: 'reuse_detection family=f1', traceId: 'not-in-any-log', createdAt: '2026-10-03T09:00:00.123456Z' });
    const b = auditRow('user.login', { id: 'row-2', actorId: 'u2', createdAt: '2026-10-03T10:00:00+02:00' });
    const again = auditRow('token.revoked', { id: 'row-1', actorId: 'u9', createdAt: '2026-10-03T09:30:00Z' });
    const m = model([a, b, again]);
    // b is 08:00 UTC, a 09:00 UTC; the second row-1 is a repeat of the first and is left out.
    expect(m.audit.rows()).toEqual([b, a]);
    expect(m.audit.rows()[1]!.detailWord).toBe('reuse_detection');
  });

  it('shows a dumped row in the timeline of the trace it names, whether the dump was read before or after the logs', () => {
    const line = log('tokens issued', { client_id: 'c1' }, { time: '2026-10-03T09:00:00.100Z', traceId: T });
    const row = auditRow('token.issued', { id: 'row-1', actorId: 'u1', clientId: 'c1', detail: 'family=f1', traceId: T, createdAt: '2026-10-03T09:00:00.200Z' });
    for (const records of [[row, line], [line, row]]) {
      const timeline = model(records).traces.timeline(T);
      expect(timeline.map((e) => e.record.kind)).toEqual(['log', 'audit']);
      expect(timeline[1]!.record).toEqual(row);
    }
  });
});
