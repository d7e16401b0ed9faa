// AP0102: /health, /ready or the admin status page says the storage ping fails (reference S1).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { isObject } from '../support-a/docs.ts';
import { defineRule, type Evidence } from '../types.ts';

export default defineRule({
  id: 'AP0102', cause: 'db-unreachable', step: 1, severity: 'error',
  title: 'AuthPlane reports its database as unreachable',
  fix: 'Restore the database: for Postgres check AUTHPLANE_STORAGE_POSTGRES_DSN and that the DB host is reachable from AuthPlane; for SQLite check that storage.sqlite.path exists on a persistent volume and is writable by the AuthPlane user.',
  docs: DOCS.checklist,
  needs: ['health'],
  *check(model) {
    const evidence: Evidence[] = [];
    const seen: string[] = []; // several captures of one answer are said once
    for (const kind of ['health', 'ready'] as const) {
      for (const d of model.documents.ofKind(kind)) {
        const b = d.body;
        if (!isObject(b)) continue;
        if (b.db === 'error' || b.status === 'degraded' || b.status === 'not_ready') {
          evidence.push(documentEvidence(d, `/${kind} ${d.http?.status ?? ''} ${JSON.stringify({ status: b.status, db: b.db })}`.replace('  ', ' '), [b.db === undefined ? 'status' : 'db']));
          seen.push(`/${kind} answered status "${String(b.status)}" with db "${String(b.db ?? '?')}"`);
        }
      }
    }
    for (const d of model.documents.ofKind('admin-status')) {
      const all: unknown[] = isObject(d.body) && Array.isArray(d.body.subsystems) ? d.body.subsystems : [];
      const storage = all.filter(isObject).find((s) => s.name === 'storage');
      if (storage && storage.status === 'unhealthy') {
        evidence.push(documentEvidence(d, `/admin/system/status storage ${JSON.stringify(storage)}`, ['subsystems', all.indexOf(storage), 'status']));
        seen.push(`/admin/system/status lists storage${storage.driver ? ` (${String(storage.driver)})` : ''} as unhealthy`);
      }
    }
    if (evidence.length === 0) return;
    const driver = model.bundle.storageDriver;
    yield {
      confidence: 0.9,
      explanation: `${[...new Set(seen)].join('; ')}. "degraded" means exactly one thing in AuthPlane: the ${driver ?? 'storage'} ping failed. Token issuance, login and audit writes fail until the database is back.`,
      evidence,
    };
  },
});
