// AP0103: server logs show storage failures (db ping, session checks, token endpoint DB errors) (reference S1).
import { logEvidence, sampleEnds } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { errorText } from '../support-a/logs.ts';
import { earliest, patternConfidence, plural, timeSpan, traceIds } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

/** Messages that are storage failures whatever their error text. */
const DB_MSGS = new Set(['system status db ping failed', 'session: user existence check failed', 'login: authentication failed on an internal error']);
/** Generic failure messages that count only when the error text names the database. */
const GENERIC = new Set(['token endpoint error', 'authorize error', 'complete authorization failed', 'revocation error', 'query audit failed']);
const DB_TEXT = /database|\bsql|sqlite|postgres|\bpq: |pgx|pgconn|dial tcp .*:5432|no such table|database is locked|disk (is )?full|too many (clients|connections)|connection pool|db ping|storage/i;

export default defineRule({
  id: 'AP0103', cause: 'db-unreachable', step: 1, severity: 'error',
  title: 'AuthPlane logs database errors',
  fix: 'Restore the database connection: check AUTHPLANE_STORAGE_POSTGRES_DSN and DB reachability (or the SQLite file and volume), and the pool size (storage.postgres.max_conns, default 25); `curl -s http://localhost:9000/health` must answer "db":"ok".',
  docs: DOCS.incidentRunbook,
  needs: ['server-logs'],
  *check(model) {
    const hits = model.logs.where((r) => r.origin === 'authserver' && (DB_MSGS.has(r.msg) || (GENERIC.has(r.msg) && DB_TEXT.test(errorText(r)))));
    if (hits.length === 0) return;
    const n = lineCount(model, hits);
    const sample = hits.find((r) => typeof r.attrs.error === 'string');
    yield {
      severity: n >= 3 ? 'error' : 'warning',
      confidence: patternConfidence(n, 5, 0.35, 0.85),
      explanation: `${plural(n, 'database error')} ${timeSpan(hits)} in the AuthPlane logs${sample ? `, e.g. ${JSON.stringify(sample.attrs.error)}` : ''}: requests that need storage (token issuance, login, session checks) fail with 500 while the database is unreachable.`,
      evidence: sampleEnds(hits).map((r) => logEvidence(r)),
      affected: n,
      traces: traceIds(hits),
      since: earliest(hits),
    };
  },
});
