// AP0101: AuthPlane did not answer: the health probe or another request to it was refused or timed out (checklist step 1).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { describeExchange, pathOf, portOf } from '../support-a/docs.ts';
import { plural } from '../support-a/text.ts';
import { defineRule } from '../types.ts';

const CONN_ERROR = /refused|timed? ?out|timeout|no route|could not resolve|couldn't connect|failed to connect|connection reset|empty reply|econnrefused|enotfound|ehostunreach/i;
const AS_PATH = /^\/(health|ready|livez|oauth\/|\.well-known\/(oauth-authorization-server|openid-configuration|jwks\.json)|admin\/|metrics)/;

export default defineRule({
  id: 'AP0101', cause: 'server-unreachable', step: 1, severity: 'error',
  title: 'AuthPlane is not reachable',
  fix: 'Start AuthPlane and check why it stopped: `docker ps` / `systemctl status authserver` / `kubectl get pods -l app=authplane`, then its last log lines; confirm with `curl -s http://localhost:9000/health`.',
  docs: DOCS.checklist,
  needs: ['health'],
  *check(model) {
    const failed = model.documents.exchanges().filter((d) => {
      const err = d.http?.error;
      if (!err || !CONN_ERROR.test(err)) return false;
      const path = pathOf(d) ?? '';
      const port = portOf(d);
      return AS_PATH.test(path) || port === 9000 || port === 9001 || d.docKind === 'health' || d.bodyKind === 'health';
    });
    if (failed.length === 0) return;
    const health = failed.filter((d) => /^\/(health|ready|livez)/.test(pathOf(d) ?? '') || d.bodyKind === 'health');
    yield {
      confidence: health.length > 0 ? 0.9 : 0.7,
      explanation: `${plural(failed.length, 'request')} to AuthPlane got no answer (${failed[0]!.http!.error})${health.length > 0 ? ', including the /health probe' : ''}: the server is not running or not listening on that address, so every OAuth step after this one fails too.`,
      evidence: failed.slice(0, 10).map((d) => documentEvidence(d, describeExchange(d))),
      affected: failed.length,
    };
  },
});
