import { describe, expect, it } from 'vitest';
import { allFormats, makeHead } from '../../../../src/ingest/index.ts';
import { docFormats } from '../../../../src/ingest/parsers/docs/index.ts';
import { AS_METADATA } from './fixtures.ts';

/** The reader's rule (format.ts): best score wins, ties go to the format registered first. */
function winner(path: string, text: string): string | null {
  const head = makeHead(path, Buffer.from(text), true, Buffer.byteLength(text));
  let best: { id: string; kind: string; score: number } | null = null;
  for (const f of allFormats()) {
    const score = f.sniff(head);
    if (score >= 0.3 && (!best || score > best.score)) best = { id: f.id, kind: f.kind, score };
  }
  return best ? `${best.kind}:${best.id}` : null;
}

const AUDIT = '{"id":"a1","action":"token.issued","actor_id":"u","client_id":"c","ip":"","detail":"family=f","trace_id":"","created_at":"2026-10-03T09:16:11Z"}';

describe('which format claims a bundle file', () => {
  it.each([
    ['metrics/metrics.txt', '# HELP up x\n# TYPE up gauge\nup 1\n', 'metrics:prometheus'],
    ['m.txt', '# TYPE x counter\nx_total 1\n# EOF\n', 'metrics:prometheus'],
    ['audit/page.json', `[${AUDIT}]`, 'audit:audit-array'],
    ['audit.json', `{"events":[${AUDIT}]}`, 'audit:audit-array'],
    ['audit.ndjson', `${AUDIT}\n${AUDIT.replace('a1', 'a2')}\n`, 'audit:audit-ndjson'],
    ['audit.csv', 'id,action,actor_id,client_id,ip,detail,trace_id,created_at\na,user.login,,,,,,2026-10-03T09:00:00Z\n', 'audit:audit-csv'],
    ['discovery.json', AS_METADATA, 'document:json-document'],
    ['jwks.json', '{"keys":[{"use":"sig","kty":"EC","kid":"k1","crv":"P-256","x":"a","y":"b","alg":"ES256"}]}', 'document:json-document'],
    ['health.json', '{"status":"ok","time":"2026-10-03T09:15:00Z","db":"ok"}\n', 'document:json-document'],
    ['config.yaml', 'server:\n  issuer: https://auth.example.com\nstorage:\n  driver: sqlite\n', 'document:config-yaml'],
    ['authplane.env', 'AUTHPLANE_SERVER_ISSUER=https://auth.example.com\nAUTHPLANE_STORAGE_DRIVER=postgres\n', 'document:env'],
    ['version.txt', 'authserver 0.2.2\n', 'document:version'],
    ['health.txt', 'curl: (7) Failed to connect to localhost port 9000 after 0 ms: Connection refused\n', 'document:http-exchange'],
    ['c.txt', 'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"keys":[]}\n', 'document:http-exchange'],
    ['captures/scopes.txt', '$ curl -s https://auth.acme.dev/.well-known/oauth-authorization-server | jq .scopes_supported\n[]\n', 'document:http-exchange'],
    ['token.txt', 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln\n', 'token:jwt'],
  ])('%s → %s', (path, text, expected) => {
    expect(winner(path, text)).toBe(expected);
  });

  it('leaves slog JSON logs, including the audit log copy, to the log formats', () => {
    const log = '{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"audit","action":"token.issued","actor_id":"u","client_id":"c","ip":"","detail":"family=f"}\n'
      + '{"time":"2026-10-03T09:16:12Z","level":"INFO","msg":"http request","method":"POST","path":"/oauth/token","status":200}\n';
    const head = makeHead('authserver.log', Buffer.from(log), true, log.length);
    expect(Math.max(...docFormats.map((f) => f.sniff(head)))).toBeLessThan(0.1);
  });

  it('leaves a single slog JSON line to the log formats', () => {
    const log = '{"time":"2026-10-03T09:16:11Z","level":"ERROR","msg":"audit event dropped — not persisted","action":"family.revoked"}\n';
    const head = makeHead('x.log', Buffer.from(log), true, Buffer.byteLength(log));
    expect(Math.max(...docFormats.map((f) => f.sniff(head)))).toBeLessThan(0.1);
  });
});
