import { describe, expect, it } from 'vitest';
import { configYamlFormat } from '../../../../src/ingest/parsers/docs/documents/config-yaml.ts';
import { envFileFormat } from '../../../../src/ingest/parsers/docs/documents/env-file.ts';
import { jsonDocumentFormat } from '../../../../src/ingest/parsers/docs/documents/json-doc.ts';
import { versionFormat } from '../../../../src/ingest/parsers/docs/documents/version.ts';
import { headOf, recordsOf, runFormat } from './fake-context.ts';
import { AS_METADATA } from './fixtures.ts';


const EC_KEY = { use: 'sig', kty: 'EC', kid: 'Zk3v9Qm1Xc2b7T0aL4pR8w', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', alg: 'ES256' };

function doc(path: string, text: string, mtime: number | null = null) {
  const ctx = runFormat(jsonDocumentFormat, path, text, mtime);
  return { ctx, docs: recordsOf(ctx, 'document') };
}

describe('JSON documents', () => {
  it('recognises the golden AS metadata and keeps it as served', () => {
    const { ctx, docs } = doc('discovery/as.json', AS_METADATA, 7);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ kind: 'document', docKind: 'as-metadata', file: 'discovery/as.json', line: 1, capturedAt: 7 });
    expect((docs[0]!.body as { scopes_supported: string[] }).scopes_supported).toEqual(['tools/query_database', 'tools/create_ticket']);
    expect(ctx.format).toBe('as-metadata');
  });

  it('calls the same document openid-configuration when the file name says so', () => {
    expect(doc('well-known/openid-configuration.json', AS_METADATA).docs[0]!.docKind).toBe('openid-configuration');
  });

  it.each([
    ['health.json', '{"status":"ok","time":"2026-10-03T09:15:00Z","db":"ok"}', 'health'],
    ['health.json', '{"status":"degraded","time":"2026-10-03T09:15:00Z","db":"error"}', 'health'],
    ['x.json', '{"status":"not_ready","time":"2026-10-03T09:15:00Z","db":"error"}', 'ready'],
    ['x.json', '{"status":"alive","time":"2026-10-03T09:15:00Z"}', 'livez'],
    ['ready.json', '{"status":"ok"}', 'ready'],
    ['jwks.json', '{"keys":[]}', 'jwks'],
    ['x.json', JSON.stringify({ keys: [EC_KEY, { ...EC_KEY, kid: 'prev' }] }), 'jwks'],
    ['prm.json', '{"resource":"https://mcp.example.com/mcp","authorization_servers":["https://auth.example.com"],"scopes_supported":["tools/read"],"bearer_methods_supported":["header"]}', 'prm'],
    ['status.json', '{"version":"0.2.2","uptime":"1d 2h 3m 4s","uptime_secs":93784,"subsystems":[{"name":"storage","status":"healthy","driver":"postgres"}]}', 'admin-status'],
    ['config.json', '{"server":{"issuer":"https://auth.example.com"},"storage":{"driver":"sqlite"},"notices":[{"id":"oauth-default-client-scope-required-v0.3.0","severity":"warning","title":"t","body":"b","docs_url":"u"}]}', 'admin-config'],
    ['stats.json', '{"clients":12,"users":40,"active_tokens_24h":310,"revoked_tokens":5,"connections":3}', 'admin-stats'],
    ['manifest.json', '{"tool":"forensic","version":"0.1.0","collected_at":"2026-10-03T09:15:00Z","items":[{"name":"health","url":"http://localhost:9000/health","file":"health.json","status":200,"error":null,"started_at":"2026-10-03T09:15:00Z","duration_ms":4}]}', 'manifest'],
    ['conformance-report.json', '{"catalog_id":"oauth-sdk-conformance-catalog","catalog_version":"2026-04-22","implementation":{"name":"go-sdk","version":"1.0","language":"go"},"summary":{"total":2,"passed":1,"failed":1,"skipped":0,"not_run":0},"cases":[]}', 'conformance-report'],
    ['x.json', '{"error":"invalid_grant","error_description":"the authorization grant is invalid, expired, or revoked","status":400}', 'other-json'],
  ].map(([path, text, kind]) => ({ path, text, kind })))('names $path a $kind document by its content', ({ path, text, kind }) => {
    expect(doc(path!, text!).docs[0]!.docKind).toBe(kind);
  });

  it('keeps both JWKS keys with their kids', () => {
    const body = doc('jwks.json', JSON.stringify({ keys: [EC_KEY, { ...EC_KEY, kid: 'prev' }] })).docs[0]!.body as { keys: { kid: string }[] };
    expect(body.keys.map((k) => k.kid)).toEqual(['Zk3v9Qm1Xc2b7T0aL4pR8w', 'prev']);
  });

  it('takes the capture time of a health document from its time field', () => {
    const { docs } = doc('health.json', '{"status":"degraded","time":"2026-10-03T09:15:00Z","db":"error"}', 5);
    expect(docs[0]!.capturedAt).toBe(Date.UTC(2026, 9, 3, 9, 15));
    expect(docs[0]!.body).toEqual({ status: 'degraded', time: '2026-10-03T09:15:00Z', db: 'error' });
  });

  it('reports invalid JSON at the line where it breaks', () => {
    const { ctx, docs } = doc('x.json', '{\n  "keys": [\n    {"kid": }\n  ]\n}');
    expect(docs).toEqual([]);
    expect(ctx.problems).toEqual([{ line: 3, problem: 'document: invalid or truncated JSON' }]);
  });

  it('is confident on known documents, lukewarm on other JSON and silent on log lines', () => {
    expect(jsonDocumentFormat.sniff(headOf('as.json', AS_METADATA))).toBeGreaterThanOrEqual(0.9);
    expect(jsonDocumentFormat.sniff(headOf('x.json', '{"a":1}'))).toBe(0.5);
    expect(jsonDocumentFormat.sniff(headOf('x.log', '{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"http request"}\n'))).toBe(0);
    expect(jsonDocumentFormat.sniff(headOf('x.log', '{"a":1}\n{"a":2}\n'))).toBe(0);
    expect(jsonDocumentFormat.sniff(headOf('x.txt', 'authserver 0.2.2\n'))).toBe(0);
  });
});

describe('config.yaml', () => {
  const yaml = [
    '# AuthPlane config',
    'server:',
    '  issuer: "https://auth.example.com"',
    '  address: ":9000"',
    'storage:',
    '  driver: postgres',
    '  postgres:',
    '    dsn: ${AUTHPLANE_STORAGE_POSTGRES_DSN}',
    'server_extra: 1',
    'oauth:',
    '  require_scope: true',
    '',
  ].join('\n');

  it('gives the config object and the line of every dotted key', () => {
    const ctx = runFormat(configYamlFormat, 'config/config.yaml', yaml);
    const [d] = recordsOf(ctx, 'document');
    expect(d!.docKind).toBe('config-yaml');
    const body = d!.body as { config: Record<string, Record<string, unknown>>; lines: Record<string, number> };
    expect(body.config.server!.issuer).toBe('https://auth.example.com');
    expect(body.config.oauth!.require_scope).toBe(true);
    expect(body.lines).toMatchObject({
      server: 2, 'server.issuer': 3, 'server.address': 4, 'storage.driver': 6, 'storage.postgres.dsn': 8, 'oauth.require_scope': 11,
    });
    expect(ctx.problems).toEqual([]);
  });

  it('reports a duplicate key with its line', () => {
    const ctx = runFormat(configYamlFormat, 'config.yaml', 'server:\n  issuer: a\n  issuer: b\n');
    expect(ctx.problems.map((p) => p.line)).toEqual([3]);
  });

  it('sniffs AuthPlane sections but not Kubernetes manifests or alert rules', () => {
    expect(configYamlFormat.sniff(headOf('config.yaml', yaml))).toBeGreaterThanOrEqual(0.9);
    expect(configYamlFormat.sniff(headOf('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nserver:\n  a: 1\nstorage: {}\n'))).toBe(0);
    expect(configYamlFormat.sniff(headOf('alerts.yaml', 'groups:\n  - name: authplane\n'))).toBe(0);
  });
});

describe('env files', () => {
  const env = [
    '# production',
    'AUTHPLANE_SERVER_ISSUER=https://auth.example.com',
    'export AUTHPLANE_SESSION_SECRET="s3cr3t with spaces"',
    "AUTHPLANE_STORAGE_POSTGRES_DSN='postgres://u:p@db:5432/auth?sslmode=require'",
    'AUTHPLANE_LOG_LEVEL=debug # noisy',
    'AUTHPLANE_ADMIN_API_KEY="quote \\" inside"',
    'CONNECTOR_GITHUB_SECRET=ghs_abc',
    '',
  ].join('\n');

  it('reads values through export, quotes and trailing comments, with their lines', () => {
    const ctx = runFormat(envFileFormat, 'authplane.env', env);
    const [d] = recordsOf(ctx, 'document');
    expect(d!.docKind).toBe('env');
    expect(d!.body).toEqual({
      vars: {
        AUTHPLANE_SERVER_ISSUER: 'https://auth.example.com',
        AUTHPLANE_SESSION_SECRET: 's3cr3t with spaces',
        AUTHPLANE_STORAGE_POSTGRES_DSN: 'postgres://u:p@db:5432/auth?sslmode=require',
        AUTHPLANE_LOG_LEVEL: 'debug',
        AUTHPLANE_ADMIN_API_KEY: 'quote " inside',
        CONNECTOR_GITHUB_SECRET: 'ghs_abc',
      },
      lines: {
        AUTHPLANE_SERVER_ISSUER: 2, AUTHPLANE_SESSION_SECRET: 3, AUTHPLANE_STORAGE_POSTGRES_DSN: 4,
        AUTHPLANE_LOG_LEVEL: 5, AUTHPLANE_ADMIN_API_KEY: 6, CONNECTOR_GITHUB_SECRET: 7,
      },
    });
  });

  it('reads systemd Environment= lines', () => {
    const ctx = runFormat(envFileFormat, 'authserver.service.d/env.conf', 'Environment="AUTHPLANE_SERVER_ISSUER=http://localhost:9000"\n');
    expect((recordsOf(ctx, 'document')[0]!.body as { vars: Record<string, string> }).vars).toEqual({ AUTHPLANE_SERVER_ISSUER: 'http://localhost:9000' });
  });

  it('is confident on AUTHPLANE_ files and ignores slog text logs', () => {
    expect(envFileFormat.sniff(headOf('x.env', env))).toBeGreaterThanOrEqual(0.9);
    expect(envFileFormat.sniff(headOf('x.log', 'time=2026-10-03T09:16:11Z level=INFO msg="starting authserver" AUTHPLANE_X=1\n'))).toBe(0);
  });
});

describe('authserver version output', () => {
  it.each([
    ['authserver 0.2.2\n', { version: '0.2.2', base: '0.2.2', raw: '0.2.2' }],
    ['authserver v0.2.2-3-gabc1234-dirty\n', { version: '0.2.2-3-gabc1234-dirty', base: '0.2.2', raw: 'v0.2.2-3-gabc1234-dirty' }],
    ['authserver dev\n', { version: 'dev', base: null, raw: 'dev' }],
    ['$ docker run --rm authplane/authserver:0.2.1 version\nauthserver 0.2.1\n', { version: '0.2.1', base: '0.2.1', raw: '0.2.1' }],
  ])('reads %j', (text, body) => {
    expect(versionFormat.sniff(headOf('version.txt', text))).toBeGreaterThanOrEqual(0.9);
    const ctx = runFormat(versionFormat, 'version.txt', text);
    expect(recordsOf(ctx, 'document').map((d) => [d.docKind, d.body])).toEqual([['version', body]]);
  });

  it('does not take a log line mentioning authserver for version output', () => {
    expect(versionFormat.sniff(headOf('x.log', 'starting authserver\nauthserver 0.2.2 is ready\n'))).toBe(0);
  });
});
