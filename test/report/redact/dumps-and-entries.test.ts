// Secrets in Go %v dumps, env entries written value-first, shell values that only look like variable
// references, names the config taught, and text that was redacted once already. Expected outputs are
// written by hand.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

describe('redactor: Go %v maps and structs', () => {
  it('redacts a plain-word password right after the colon of a Go map, keeping the brackets', () => {
    const r = createRedactor({});
    expect(r.text('level=ERROR msg="db config" cfg=map[password:hunter sslmode:disable]')).toBe('level=ERROR msg="db config" cfg=map[password:[REDACTED:password] sslmode:disable]');
    expect(r.text('config map[password:hunter]')).toBe('config map[password:[REDACTED:password]]');
  });

  it('keeps a nil password and prose that puts a space after the colon', () => {
    const r = createRedactor({});
    expect(r.text('cfg=map[password:<nil>]')).toBe('cfg=map[password:<nil>]');
    expect(r.text('the password: expired')).toBe('the password: expired');
  });

  it('redacts a value under a name the config taught, in a Go dump and after a colon in prose', () => {
    const r = createRedactor({});
    r.noteSecretName('ACME_AUTH_MATERIAL', 'secret');
    expect(r.text('env={ACME_AUTH_MATERIAL:0123456789abcdef0123456789abcdef LOG_LEVEL:info}')).toBe('env={ACME_AUTH_MATERIAL:[REDACTED:secret] LOG_LEVEL:info}');
    expect(r.text('map[ACME_AUTH_MATERIAL:abc]')).toBe('map[ACME_AUTH_MATERIAL:[REDACTED:secret]]');
    expect(r.text('loaded ACME_AUTH_MATERIAL: 9f8e7d6c5b4a')).toBe('loaded ACME_AUTH_MATERIAL: [REDACTED:secret]');
    expect(r.text('ACME_AUTH_MATERIAL is unset')).toBe('ACME_AUTH_MATERIAL is unset');
  });
});

describe('redactor: Kubernetes env entries with the value before the name', () => {
  it('redacts the value of a secret-named entry in JSON, escaped JSON, a YAML flow map and a Python dict', () => {
    const r = createRedactor({});
    expect(r.text('{"env":[{"value":"hunter2xyz","name":"DB_PASSWORD"}]}')).toBe('{"env":[{"value":"[REDACTED:password]","name":"DB_PASSWORD"}]}');
    expect(r.text('"{\\"value\\":\\"hunter2xyz\\",\\"name\\":\\"DB_PASSWORD\\"}"')).toBe('"{\\"value\\":\\"[REDACTED:password]\\",\\"name\\":\\"DB_PASSWORD\\"}"');
    expect(r.text('env: [{value: hunter2xyz, name: DB_PASSWORD}]')).toBe('env: [{value: [REDACTED:password], name: DB_PASSWORD}]');
    expect(r.text("{'value': 'two words', 'name': 'AUTHPLANE_SESSION_SECRET'}")).toBe("{'value': '[REDACTED:session-secret]', 'name': 'AUTHPLANE_SESSION_SECRET'}");
  });

  it('keeps the value of an entry whose name is not a secret', () => {
    expect(createRedactor({}).text('{"value":"debug","name":"AUTHPLANE_LOG_LEVEL"}')).toBe('{"value":"debug","name":"AUTHPLANE_LOG_LEVEL"}');
  });
});

describe('redactor: values that start with a dollar sign', () => {
  it('redacts a password that starts with $ but is not a one-case variable name', () => {
    expect(createRedactor({}).text('DB_PASSWORD=$ecretPass123')).toBe('DB_PASSWORD=[REDACTED:password]');
  });

  it('keeps variable references and command substitutions', () => {
    const r = createRedactor({});
    expect(r.text('DB_PASSWORD=$DB_PASS')).toBe('DB_PASSWORD=$DB_PASS');
    expect(r.text('password=$password')).toBe('password=$password');
    expect(r.text('export AUTHPLANE_SESSION_SECRET=$(cat /run/secrets/session)')).toBe('export AUTHPLANE_SESSION_SECRET=$(cat /run/secrets/session)');
  });
});

describe('redactor: text that was redacted before', () => {
  it('leaves its own output unchanged, host and path of a DSN included', () => {
    const r = createRedactor({});
    const lines = [
      'AUTHPLANE_STORAGE_POSTGRES_DSN=postgres://authplane:[REDACTED:dsn-credentials]@db.prod.example.com:5432/authplane?sslmode=require',
      'cfg=map[DB_PASSWORD:[REDACTED:password] sslmode:disable]',
    ];
    for (const line of lines) expect(r.text(line)).toBe(line);
  });
});
