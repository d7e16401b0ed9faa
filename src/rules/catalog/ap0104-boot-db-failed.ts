// AP0104: the server exited at boot because it could not open or migrate its database (reference S4).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0104', cause: 'db-unreachable', step: 1, severity: 'error',
  title: 'AuthPlane cannot open or migrate its database at boot',
  fix: 'Fix the storage settings: AUTHPLANE_STORAGE_DRIVER and AUTHPLANE_STORAGE_POSTGRES_DSN (or AUTHPLANE_STORAGE_SQLITE_PATH on a writable volume); for a migration failure run `authserver migrate` by hand and read its error.',
  docs: DOCS.systemd,
  needs: ['server-logs'],
  *check(model) {
    const lines = findLogs(model, [{ hint: 'database', re: /error: (open|migrate) database: /i }]);
    if (lines.length === 0) return;
    const first = lines[0]!;
    const exits = lineCount(model, lines);
    const what = /migrate database/i.test(first.msg) ? 'migrate' : 'open';
    yield {
      confidence: 0.95,
      explanation: `AuthPlane exited at boot ${exits > 1 ? `${exits} times ` : ''}because it could not ${what} its database: ${JSON.stringify(first.msg.split('\n')[0])}. Nothing listens on :9000 until this is fixed.`,
      evidence: lines.slice(0, 10).map((r) => logEvidence(r)),
      since: first.ts,
    };
  },
});
