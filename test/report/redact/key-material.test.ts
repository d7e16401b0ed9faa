// Data-encryption keys and other raw key material, wherever a bundle shows them: env files under
// the names operators choose, Go struct dumps, base64 with padding. Each expected output is
// written by hand from what the line says.
import { beforeEach, describe, expect, it } from 'vitest';
import { createRedactor, primeRedactor } from '../../../src/report/index.ts';
import { doc, model, resetCounters } from '../../helpers/records.ts';

beforeEach(resetCounters);

// `openssl rand -hex 32`: what the aes_master driver wants (64 hex characters).
const HEX = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
// `openssl rand -base64 32` without `+` or `/`: one padding `=` at the end.
const B64 = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';

describe('redactor: data-encryption keys under their usual names', () => {
  it('redacts a DEK or KEK env var, whatever prefix the operator gave it', () => {
    const r = createRedactor({});
    expect(r.text(`AUTHPLANE_DEK=${HEX}`)).toBe('AUTHPLANE_DEK=[REDACTED:encryption-key]');
    expect(r.text(`KEK=${HEX}`)).toBe('KEK=[REDACTED:encryption-key]');
    expect(r.text(`  SIGNING_DEK: ${HEX}`)).toBe('  SIGNING_DEK: [REDACTED:encryption-key]');
  });

  it('redacts a key whose name ends in its encoding (_HEX, _B64, _BASE64)', () => {
    const r = createRedactor({});
    expect(r.text(`MASTER_KEY_HEX=${HEX}`)).toBe('MASTER_KEY_HEX=[REDACTED:encryption-key]');
    expect(r.text(`export AES_KEY_B64=${B64}`)).toBe('export AES_KEY_B64=[REDACTED:encryption-key]');
    expect(r.value('session_secret_base64', B64)).toBe('[REDACTED:session-secret]');
  });

  it('still keeps the name of the variable a *_key_env setting points at', () => {
    const r = createRedactor({});
    expect(r.text('data_encryption.aes_master.key_env=AUTHPLANE_DEK')).toBe('data_encryption.aes_master.key_env=AUTHPLANE_DEK');
  });
});

describe('redactor: the env var a config names as holding a key', () => {
  const configNaming = (envName: string) =>
    model([doc('config-yaml', { data_encryption: { driver: 'aes_master', aes_master: { key_env: envName } } }, { file: 'config/config.yaml' })]);

  it('redacts that variable in env files, compose YAML and structured values once primed with the bundle', () => {
    const r = createRedactor({});
    primeRedactor(r, configNaming('ACME_AUTH_MATERIAL'));
    expect(r.text(`ACME_AUTH_MATERIAL=${HEX}`)).toBe('ACME_AUTH_MATERIAL=[REDACTED:encryption-key]');
    expect(r.text(`      ACME_AUTH_MATERIAL: "${HEX}"`)).toBe('      ACME_AUTH_MATERIAL: "[REDACTED:encryption-key]"');
    expect(r.value('environment', { ACME_AUTH_MATERIAL: HEX, LOG_LEVEL: 'debug' })).toEqual({ ACME_AUTH_MATERIAL: '[REDACTED:encryption-key]', LOG_LEVEL: 'debug' });
  });

  it('leaves the same name alone for a redactor that was not primed with that config', () => {
    expect(createRedactor({}).text('ACME_AUTH_MATERIAL=plain')).toBe('ACME_AUTH_MATERIAL=plain');
  });
});

describe('redactor: key material in Go struct dumps', () => {
  it('redacts the hex or base64 Key of a %+v dump, keeping the env name beside it', () => {
    const r = createRedactor({});
    expect(r.text(`aes_master config {KeyEnv:AUTHPLANE_DEK Key:${HEX}}`)).toBe('aes_master config {KeyEnv:AUTHPLANE_DEK Key:[REDACTED:secret]}');
    expect(r.text(`loaded {Driver:aes_gcm Key:${B64}}`)).toBe('loaded {Driver:aes_gcm Key:[REDACTED:secret]}');
    // `master Key` reads as the phrase "master key" too: the value goes all the same.
    expect(r.text(`loaded {Driver:aes_master Key:${B64}}`)).toBe('loaded {Driver:aes_master Key:[REDACTED:key-material]}');
  });

  it('keeps a key id after a bare key:', () => {
    const r = createRedactor({});
    expect(r.text('admin rotated signing key: Zk3v9Qm1Xc2b7T0aL4pR8w')).toBe('admin rotated signing key: Zk3v9Qm1Xc2b7T0aL4pR8w');
    expect(r.text('Key: es256-2026-10')).toBe('Key: es256-2026-10');
  });
});

describe('redactor: key material after a bare key word', () => {
  it('redacts hex key material after key in prose, a flag, a hash literal, with 0x or in upper case', () => {
    const r = createRedactor({});
    expect(r.text(`encrypting backups with key ${HEX}`)).toBe('encrypting backups with key [REDACTED:secret]');
    expect(r.text(`authserver keys import --key ${HEX}`)).toBe('authserver keys import --key [REDACTED:secret]');
    expect(r.text(`key => '${HEX}'`)).toBe("key => '[REDACTED:secret]'");
    expect(r.text(`key (hex): ${HEX}`)).toBe('key (hex): [REDACTED:secret]');
    expect(r.text(`key: 0x${HEX}`)).toBe('key: [REDACTED:secret]');
    expect(r.text(`key=${HEX.toUpperCase()}`)).toBe('key=[REDACTED:secret]');
  });

  it('keeps a hash named as one, and what a bare key names that is not key material', () => {
    const r = createRedactor({});
    const lines = [
      `authserver-linux-amd64.tgz sha256=${HEX} etag=${HEX}`,
      `digest: sha256:${HEX}`,
      `X-Checksum-Sha256: ${HEX.toUpperCase()}`,
      'cache key user:42 evicted; --key jwks',
    ];
    for (const l of lines) expect(r.text(l)).toBe(l);
  });
});

describe('redactor: base64 of client:secret without its Basic scheme', () => {
  // `notes-app:Gq8kLmN3pQ2rS5tU` and `admin:hunter2`, encoded with `base64`.
  const PAIR = 'bm90ZXMtYXBwOkdxOGtMbU4zcFEyclM1dFU=';

  it('redacts it under any name and standing alone in a command', () => {
    const r = createRedactor({});
    expect(r.text(`credentials=${PAIR}`)).toBe('credentials=[REDACTED:secret]');
    expect(r.text(`AUTH_HEADER=${PAIR}`)).toBe('AUTH_HEADER=[REDACTED:password]');
    expect(r.text(`echo -n ${PAIR} | base64 -d`)).toBe('echo -n [REDACTED:password] | base64 -d');
    expect(r.text('creds YWRtaW46aHVudGVyMg== from the wiki')).toBe('creds [REDACTED:password] from the wiki');
  });

  it('keeps base64 words that decode to no such pair: a kid, a trace id, a metric name', () => {
    const line = 'kid=Zk3v9Qm1Xc2b7T0aL4pR8w trace_id=4bf92f3577b34da6a3ce929d0e0e4736 UpstreamTokenRefreshTotal';
    expect(createRedactor({}).text(line)).toBe(line);
  });
});

describe('redactor: base64 with padding', () => {
  it('redacts a padded base64 secret standing in free text, which looks like key= to a scanner', () => {
    const r = createRedactor({});
    expect(r.text(`generated ${B64} for the session`)).toBe('generated [REDACTED:key-material] for the session');
    expect(r.text('k8s data NjNhZjBmMzFmYjQ0ZDJlODVkN2FkZmI1ZTM0NDk0Nm0wQXo== end')).toBe('k8s data [REDACTED:key-material] end');
  });

  it('redacts a padded base64 value under a neutral key in structured data', () => {
    expect(createRedactor({}).value('data.dek', B64)).toBe('[REDACTED:encryption-key]');
    expect(createRedactor({}).value('data.settings', B64)).toBe('[REDACTED:key-material]');
  });

  it('keeps key=value pairs with a long name, and a long plain word before =', () => {
    const r = createRedactor({});
    expect(r.text('authserver_refresh_token_reuse_detected_total_by_client=3')).toBe('authserver_refresh_token_reuse_detected_total_by_client=3');
  });
});
