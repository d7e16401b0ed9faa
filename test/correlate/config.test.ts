import { beforeEach, describe, expect, it } from 'vitest';
import { envToYamlKey } from '../../src/correlate/index.ts';
import { doc, exchange, log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

describe('the effective configuration', () => {
  const yaml = doc('config-yaml', {
    config: { server: { issuer: 'https://auth.example.com/', allowed_origins: [] }, storage: { driver: 'sqlite' }, session: { secure: true } },
    lines: { 'server.issuer': 2, 'storage.driver': 5 },
  }, { file: 'config/config.yaml' });

  it('reads YAML keys with the line that set them', () => {
    const m = model([yaml]);
    expect(m.config.present).toBe(true);
    expect(m.config.get('server.issuer')).toEqual({
      key: 'server.issuer', value: 'https://auth.example.com/', from: 'config.yaml:2', file: 'config/config.yaml', line: 2,
    });
    expect(m.config.get('server.allowed_origins')?.value).toBe('');
  });

  it('lets AUTHPLANE_* variables override YAML', () => {
    const env = doc('env', { vars: { AUTHPLANE_STORAGE_DRIVER: 'postgres', AUTHPLANE_RATE_LIMIT_RPS: '50', HOME: '/root' }, lines: { AUTHPLANE_STORAGE_DRIVER: 3 } }, { file: 'authplane.env' });
    const m = model([yaml, env]);
    expect(m.config.get('storage.driver')).toMatchObject({ value: 'postgres', from: 'authplane.env:3 (AUTHPLANE_STORAGE_DRIVER)' });
    expect(m.config.get('rate_limit.requests_per_second')?.value).toBe('50');
    expect(m.config.get('session.secure')?.value).toBe('true');
  });

  it('accepts plain-object YAML and env bodies', () => {
    const m = model([doc('config-yaml', { dpop: { enabled: false } }), doc('env', { AUTHPLANE_DPOP_ENABLED: 'true' })]);
    expect(m.config.get('dpop.enabled')?.value).toBe('true');
  });

  it('takes the issuer the server actually booted with', () => {
    const m = model([yaml, log('starting authserver', { version: '0.2.2', issuer: 'https://auth.example.com', address: ':9000' }, { line: 7 })]);
    expect(m.config.get('server.issuer')).toMatchObject({ value: 'https://auth.example.com', line: 7 });
  });

  it('reads the admin config document but not its notices', () => {
    const m = model([doc('admin-config', { oauth: { require_scope: false }, notices: [{ id: 'oauth-default-client-scope-required-v0.3.0' }] })]);
    expect(m.config.get('oauth.require_scope')).toMatchObject({ value: 'false', from: 'admin/system/config' });
    expect(m.config.all().map((c) => c.key)).toEqual(['oauth.require_scope']);
  });

  it('says when the bundle has no config at all', () => {
    expect(model([log('x')]).config.present).toBe(false);
  });

  it.each([
    ['AUTHPLANE_SERVER_ISSUER', 'server.issuer', false],
    ['AUTHPLANE_SESSION_SECRET', 'session.secret', false],
    ['AUTHPLANE_TRACING_ENABLED', 'observability.tracing.enabled', false],
    ['AUTHPLANE_VAULT_APPROLE_SECRET_ID', 'signing.vault_transit.approle.secret_id', false],
    // config/env.go loadDataEncryptionFromEnv: the key's env var sits under aes_master, not data.*.
    ['AUTHPLANE_DATA_ENCRYPTION_KEY_ENV', 'data_encryption.aes_master.key_env', false],
    ['AUTHPLANE_DATA_ENCRYPTION_VAULT_SECRET_ID_ENV', 'data_encryption.vault_transit_encrypt.approle.secret_id_env', false],
    ['AUTHPLANE_OIDC_CLIENT_SECRET', 'oidc.client_secret', true],
  ])('maps %s to %s', (env, key, guessed) => {
    expect(envToYamlKey(env)).toEqual({ key, guessed });
  });

  it('ignores variables that are not AuthPlane settings', () => {
    expect(envToYamlKey('PATH')).toBeUndefined();
  });
});

describe('the bundle summary', () => {
  it('prefers the status document version and reads its storage driver', () => {
    const m = model([
      log('starting authserver', { version: '0.2.1' }),
      doc('version', { version: '0.2.0' }),
      doc('admin-status', { version: '0.2.2', subsystems: [{ name: 'storage', status: 'healthy', driver: 'postgres' }] }),
    ]);
    expect(m.bundle.authplaneVersion).toBe('0.2.2');
    expect(m.bundle.versions.map((v) => v.version)).toEqual(['0.2.0', '0.2.2', '0.2.1']);
    expect(m.bundle.storageDriver).toBe('postgres');
  });

  it('has no version and no time range for an empty bundle', () => {
    const m = model([]);
    expect(m.bundle.authplaneVersion).toBeNull();
    expect(m.bundle.timeRange).toBeNull();
  });
});

describe('boots', () => {
  it('ties each signing-key generation to the boot it follows in the same stream', () => {
    const as = { source: 'as', file: 'as.log' };
    const m = model([
      log('starting authserver', { version: '0.2.2' }, { ...as, time: '2026-10-03T08:00:00Z', line: 1 }),
      log('no signing key found, generating', { algorithm: 'ES256' }, { ...as, time: '2026-10-03T08:00:01Z', line: 2 }),
      log('starting authserver', { version: '0.2.2' }, { ...as, time: '2026-10-03T09:00:00Z', line: 50 }),
      log('starting authserver', { version: '0.2.2' }, { source: 'other', file: 'other.log', time: '2026-10-03T09:00:01Z', line: 1 }),
      log('no signing key found, generating', { algorithm: 'ES256' }, { ...as, time: '2026-10-03T09:00:01Z', line: 51 }),
    ]);
    expect(m.boots.map((b) => [b.source, b.line, b.keyGenerated, b.keyGeneratedAt?.line])).toEqual([
      ['as', 1, true, 2], ['as', 50, true, 51], ['other', 1, false, undefined],
    ]);
  });
});

describe('documents', () => {
  it('counts an HTTP exchange under the kind of its body too', () => {
    const jwks = exchange({ method: 'GET', path: '/.well-known/jwks.json', status: 200 }, { keys: [] }, { bodyKind: 'jwks' });
    const m = model([doc('jwks', { keys: [{ kid: 'a' }] }), jwks, doc('health', { status: 'ok' })]);
    expect(m.documents.ofKind('jwks')).toHaveLength(2);
    expect(m.documents.exchanges()).toEqual([jwks]);
    expect(m.documents.all()).toHaveLength(3);
  });
});
