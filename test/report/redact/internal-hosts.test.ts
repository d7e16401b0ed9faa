// In-cluster and private-network hostnames map the operator's topology: pseudonymized like the
// operator's own hosts, except where the caller keeps own hosts readable (local analyze output).
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

const H = String.raw`host-[0-9a-f]{4}\.invalid`;

describe('redactor: in-cluster and private-network hostnames', () => {
  it('pseudonymizes a Kubernetes service name, keeping the port', () => {
    const out = createRedactor({}).text('level=ERROR msg="storage ping failed" error="dial tcp pg-primary.db.svc:5432: connect: connection refused"');
    expect(out).toMatch(new RegExp(`^level=ERROR msg="storage ping failed" error="dial tcp ${H}:5432: connect: connection refused"$`));
  });

  it('pseudonymizes *.svc.cluster.local, *.internal, *.local, *.lan and *.corp names', () => {
    const out = createRedactor({}).text('redis at cache.prod.svc.cluster.local, vault.internal, nas.lan, printer.local and dc1.corp');
    expect(out).toMatch(new RegExp(`^redis at ${H}, ${H}, ${H}, ${H} and ${H}$`));
  });

  it('pseudonymizes them also when the operator\'s own domains are known', () => {
    const out = createRedactor({ ownDomains: ['https://auth.acme-corp.io'] }).text('upstream vault.internal:8200 for https://auth.acme-corp.io/oauth/token');
    expect(out).toMatch(new RegExp(`^upstream ${H}:8200 for https://${H}/oauth/token$`));
  });

  it('gives one in-cluster host one pseudonym everywhere in a report, whatever its case', () => {
    const r = createRedactor({});
    const a = r.text('connect to pg-primary.db.svc');
    const b = r.text('PG-PRIMARY.DB.SVC is down');
    expect(a.slice('connect to '.length)).toBe(b.slice(0, b.length - ' is down'.length));
  });

  it('redacts the password and pseudonymizes the host of a DSN, keeping scheme, user, port and database', () => {
    const out = createRedactor({}).text('AUTHPLANE_STORAGE_POSTGRES_DSN=postgres://authplane:Pg-Passw0rd-Xy71@pg-primary.db.svc:5432/authplane?sslmode=require');
    expect(out).toMatch(new RegExp(`^AUTHPLANE_STORAGE_POSTGRES_DSN=postgres://authplane:\\[REDACTED:dsn-credentials\\]@${H}:5432/authplane\\?sslmode=require$`));
  });

  it('handles a DSN in key=value form too', () => {
    const out = createRedactor({}).text('dsn="host=pg-primary.db.svc port=5432 user=authplane password=hunter2 dbname=authplane"');
    expect(out).toMatch(new RegExp(`^dsn="host=${H} port=5432 user=${'user#[0-9a-f]{4}'} password=\\[REDACTED:password\\] dbname=authplane"$`));
  });

  it('pseudonymizes an in-cluster issuer inside a structured value', () => {
    const out = createRedactor({}).value('server', { issuer: 'http://authserver.authplane.svc:9000', port: 9000 });
    expect(out).toEqual({ issuer: expect.stringMatching(new RegExp(`^http://${H}:9000$`)) as unknown, port: 9000 });
  });

  it('pseudonymizes a host named after AuthPlane, which the Python SDK logger names only resemble', () => {
    const r = createRedactor({});
    expect(r.text('AUTHPLANE_URL=http://authplane.internal:9000')).toMatch(new RegExp(`^AUTHPLANE_URL=http://${H}:9000$`));
    expect(r.text('authplane.internal.document_cache WARNING Jwks fetch failed')).toBe('authplane.internal.document_cache WARNING Jwks fetch failed');
  });

  it('keeps them readable when the caller keeps its own hosts readable (local analyze output)', () => {
    const r = createRedactor({ ownDomains: [], internalHosts: false });
    expect(r.text('dial tcp pg-primary.db.svc:5432 and vault.internal')).toBe('dial tcp pg-primary.db.svc:5432 and vault.internal');
  });

  it('does not take dotted names that only look similar for hosts', () => {
    const r = createRedactor({});
    const keep = [
      '2026-06-24 12:00:00,716 authplane.internal.document_cache WARNING Jwks fetch failed',
      'action=user.local_login outcome=ok',
      'svc.cluster.local is the default cluster domain',
      'config key storage.postgres.dsn is empty',
    ];
    for (const line of keep) expect(r.text(line)).toBe(line);
  });
});
