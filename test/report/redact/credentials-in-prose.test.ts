// Credentials as people write them in issue comments, runbooks and CLI output, and the words
// around credentials that must stay readable. Expected outputs written by hand.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

describe('redactor: credentials named in prose', () => {
  it('redacts a value after pepper, master key, encryption key, DEK and secret id', () => {
    const r = createRedactor({});
    expect(r.text('the pepper is Zx81kLmq02PpQrT4vW9y')).toBe('the pepper is [REDACTED:secret]');
    expect(r.text('master key: 7Hq2Lm9Xv4Nc8Rt1Wz6Yb3Kd')).toBe('master key: [REDACTED:secret]');
    expect(r.text('encryption key was 7Hq2Lm9Xv4Nc8Rt1Wz6Yb3Kd')).toBe('encryption key was [REDACTED:secret]');
    expect(r.text('DEK 7Hq2Lm9Xv4Nc8Rt1Wz6Yb3Kd')).toBe('DEK [REDACTED:secret]');
  });

  it('redacts a value after "set to", "is now" and "now"', () => {
    const r = createRedactor({});
    expect(r.text('session secret set to 7Hq2Lm9Xv4Nc8Rt1Wz6Yb3Kd')).toBe('session secret set to [REDACTED:secret]');
    expect(r.text('the admin key is now 7Hq2Lm9Xv4Nc8Rt1Wz6Yb3Kd')).toBe('the admin key is now [REDACTED:secret]');
    expect(r.text('token now 7Hq2Lm9Xv4Nc8Rt1Wz6Yb3Kd')).toBe('token now [REDACTED:secret]');
  });

  it('redacts the secret_id row of a Vault CLI table, and keeps its accessor', () => {
    const r = createRedactor({});
    expect(r.text('secret_id             4f1c2e8a-9b3d-4c7e-a1f0-2b6d8e9c0a13')).toBe('secret_id             [REDACTED:secret]');
    expect(r.text('secret_id_accessor    0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7')).toBe('secret_id_accessor    0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7');
    expect(r.text('secret_id_accessor=0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7')).toBe('secret_id_accessor=0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7');
  });

  it('redacts a password after "is" or "was" even without a digit, and keeps what a password is or was', () => {
    const r = createRedactor({});
    expect(r.text('my password is correct-horse-battery')).toBe('my password is [REDACTED:password]');
    expect(r.text('the db password was Tr0ub4dor&3.')).toBe('the db password was [REDACTED:password].');
    expect(r.text('password is required')).toBe('password is required');
    expect(r.text('Password was changed by an admin')).toBe('Password was changed by an admin');
  });

  it('keeps a file name after a credential phrase', () => {
    expect(createRedactor({}).text('signing secret set to rotated-2026-10-01-signing-secret.pem'))
      .toBe('signing secret set to rotated-2026-10-01-signing-secret.pem');
  });
});

describe('redactor: database and Vault credentials without a URL', () => {
  it('redacts the password of a Go MySQL DSN, keeping user, host and database', () => {
    const r = createRedactor({});
    expect(r.text('open authplane:hunter2pw@tcp(db.acme.io:3306)/authplane?parseTime=true: connection refused'))
      .toBe('open authplane:[REDACTED:dsn-credentials]@tcp(db.acme.io:3306)/authplane?parseTime=true: connection refused');
    expect(r.text('dsn root:s3cr3t@unix(/var/run/mysqld.sock)/auth')).toBe('dsn root:[REDACTED:dsn-credentials]@unix(/var/run/mysqld.sock)/auth');
  });

  it('redacts a legacy Vault batch token standing alone', () => {
    expect(createRedactor({}).text('renewed b.AAAAAQKSkfvbP0mF5x3ZbJ2lq8Lw_0n9 ok')).toBe('renewed [REDACTED:vault-token] ok');
  });
});
