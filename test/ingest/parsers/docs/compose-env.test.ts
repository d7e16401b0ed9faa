import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../../src/cli/commands/report.ts';
import { runPipeline } from '../../../../src/cli/pipeline.ts';
import { composeEnvFormat } from '../../../../src/ingest/parsers/docs/documents/compose-env.ts';
import { configYamlFormat } from '../../../../src/ingest/parsers/docs/documents/config-yaml.ts';
import { envFileFormat } from '../../../../src/ingest/parsers/docs/documents/env-file.ts';
import { cleanup, tarOf } from '../../reader/fixtures.ts';
import { headOf, recordsOf, runFormat } from './fake-context.ts';

afterAll(cleanup);

const ADMIN_KEY = 'ak_live_5e0c1f7a9b2d4e6f8a0b1c2d3e4f5a6b';
const DB_PASSWORD = 'Pg-Secr3t-Pa55w0rd';
const SESSION_SECRET = 'sess-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const VAULT_TOKEN = 'hvs.CAESIJk2bXl0b2tlbnNlY3JldHZhbHVlMTIzNDU2';

/** A compose file with both environment forms, an anchored block merged in, and a database beside. */
const COMPOSE = [
  'x-shared-env: &shared', //                                                   1
  `  AUTHPLANE_SESSION_SECRET: "${SESSION_SECRET}"`, //                          2
  '  AUTHPLANE_LOG_LEVEL: debug', //                                             3
  '', //                                                                          4
  'services:', //                                                                 5
  '  authserver:', //                                                             6
  '    image: authplane/authserver:0.2.2', //                                    7
  '    ports:', //                                                                8
  '      - "9000:9000"', //                                                       9
  '      - "9001:9001"', //                                                       10
  '    environment:', //                                                          11
  '      - AUTHPLANE_SERVER_ISSUER=https://auth.example.com', //                 12
  `      - AUTHPLANE_ADMIN_API_KEY=${ADMIN_KEY}`, //                               13
  '      - AUTHPLANE_STORAGE_DRIVER=postgres', //                                 14
  `      - AUTHPLANE_STORAGE_POSTGRES_DSN=postgres://authplane:${DB_PASSWORD}@db:5432/authplane?sslmode=disable`, // 15
  '      - AUTHPLANE_ADMIN_ENABLED', //                                           16
  '  worker:', //                                                                 17
  '    image: authplane/authserver:0.2.2', //                                    18
  '    environment:', //                                                          19
  '      <<: *shared', //                                                         20
  '      AUTHPLANE_SESSION_SECURE: false', //                                     21
  `      AUTHPLANE_VAULT_TOKEN: ${VAULT_TOKEN}`, //                               22
  '      OTHER_VAR: x', //                                                        23
  '  db:', //                                                                     24
  '    image: postgres:16', //                                                    25
  '    environment:', //                                                          26
  `      POSTGRES_PASSWORD: ${DB_PASSWORD}`, //                                   27
  '',
].join('\n');

const LOG = `${JSON.stringify({ time: '2026-10-03T09:15:02Z', level: 'INFO', msg: 'starting authserver', version: '0.2.2' })}\n`;

describe('docker-compose environment blocks', () => {
  it('is claimed by the compose format and by neither the env file nor the config.yaml format', () => {
    const head = headOf('deploy/docker-compose.yml', COMPOSE);
    expect(composeEnvFormat.sniff(head)).toBeGreaterThan(0.9);
    expect(envFileFormat.sniff(head)).toBe(0);
    expect(configYamlFormat.sniff(head)).toBe(0);
  });

  it('leaves a compose file without AUTHPLANE_ settings alone', () => {
    const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: x\n';
    expect(composeEnvFormat.sniff(headOf('docker-compose.yml', text))).toBe(0);
  });

  it('reads the list form KEY=value into an env document of that service, with each line', () => {
    const ctx = runFormat(composeEnvFormat, 'docker-compose.yml', COMPOSE);
    const [authserver] = recordsOf(ctx, 'document');
    expect(authserver).toMatchObject({ docKind: 'env', file: 'docker-compose.yml', line: 6 });
    expect(authserver!.body).toEqual({
      service: 'authserver',
      vars: {
        AUTHPLANE_SERVER_ISSUER: 'https://auth.example.com',
        AUTHPLANE_ADMIN_API_KEY: ADMIN_KEY,
        AUTHPLANE_STORAGE_DRIVER: 'postgres',
        AUTHPLANE_STORAGE_POSTGRES_DSN: `postgres://authplane:${DB_PASSWORD}@db:5432/authplane?sslmode=disable`,
      },
      lines: { AUTHPLANE_SERVER_ISSUER: 12, AUTHPLANE_ADMIN_API_KEY: 13, AUTHPLANE_STORAGE_DRIVER: 14, AUTHPLANE_STORAGE_POSTGRES_DSN: 15 },
    });
    expect(ctx.problems).toEqual([]);
  });

  it('reads the map form KEY: value, with a merged <<: anchor, and skips other services and other vars', () => {
    const ctx = runFormat(composeEnvFormat, 'docker-compose.yml', COMPOSE);
    const docs = recordsOf(ctx, 'document');
    expect(docs).toHaveLength(2);
    expect(docs[1]).toMatchObject({ docKind: 'env', line: 17 });
    expect(docs[1]!.body).toEqual({
      service: 'worker',
      vars: {
        AUTHPLANE_SESSION_SECURE: 'false',
        AUTHPLANE_VAULT_TOKEN: VAULT_TOKEN,
        AUTHPLANE_SESSION_SECRET: SESSION_SECRET,
        AUTHPLANE_LOG_LEVEL: 'debug',
      },
      lines: { AUTHPLANE_SESSION_SECURE: 21, AUTHPLANE_VAULT_TOKEN: 22, AUTHPLANE_SESSION_SECRET: 2, AUTHPLANE_LOG_LEVEL: 3 },
    });
  });

  it('takes a whole environment block given as an alias', () => {
    const text = 'x-env: &env\n  - AUTHPLANE_DCR_MODE=open\nservices:\n  authserver:\n    environment: *env\n';
    const [doc] = recordsOf(runFormat(composeEnvFormat, 'compose.yaml', text), 'document');
    expect(doc!.body).toEqual({ service: 'authserver', vars: { AUTHPLANE_DCR_MODE: 'open' }, lines: { AUTHPLANE_DCR_MODE: 2 } });
  });

  it('leaves out values compose fills from the host, and reads $$ as a literal dollar', () => {
    const text = [
      'services:',
      '  authserver:',
      '    environment:',
      '      - AUTHPLANE_ADMIN_API_KEY=${ADMIN_KEY}',
      '      - AUTHPLANE_SERVER_ISSUER=${ISSUER:-http://localhost:9000}',
      '      - AUTHPLANE_SESSION_COOKIE_NAME=ap$$session',
      '  worker:',
      '    environment:',
      '      AUTHPLANE_LOG_LEVEL: $LEVEL',
      '      AUTHPLANE_DCR_MODE: open',
      '',
    ].join('\n');
    const docs = recordsOf(runFormat(composeEnvFormat, 'docker-compose.yml', text), 'document');
    expect(docs.map((d) => (d.body as { vars: unknown }).vars)).toEqual([
      { AUTHPLANE_SESSION_COOKIE_NAME: 'ap$session' },
      { AUTHPLANE_DCR_MODE: 'open' },
    ]);
  });

  it('reports a YAML error with its line and still reads the services before it', () => {
    const text = 'services:\n  authserver:\n    environment:\n      AUTHPLANE_DCR_MODE: open\n  worker:\n    image: a: b\n';
    const ctx = runFormat(composeEnvFormat, 'docker-compose.yml', text);
    expect(ctx.problems).toEqual([{ line: 6, problem: expect.stringMatching(/^compose: Nested mappings/) }]);
    expect(recordsOf(ctx, 'document').map((d) => d.body)).toEqual([
      { service: 'authserver', vars: { AUTHPLANE_DCR_MODE: 'open' }, lines: { AUTHPLANE_DCR_MODE: 4 } },
    ]);
  });
});

describe('compose settings in the effective configuration', () => {
  const bundle = tarOf({ 'docker-compose.yml': COMPOSE, 'authserver.log': LOG });

  it('layers them like an env file, naming the compose file, line and variable', async () => {
    const { model } = await runPipeline(bundle, { progress: false });
    expect(model.config.get('storage.driver')).toMatchObject({ value: 'postgres', file: 'docker-compose.yml', line: 14 });
    expect(model.config.get('admin.api_key')?.from).toBe('docker-compose.yml:13 (AUTHPLANE_ADMIN_API_KEY)');
    expect(model.config.get('session.secure')?.value).toBe('false');
    expect(model.config.get('admin.enabled')).toBeUndefined();
  });

  it('keeps every secret of the compose file out of the Markdown report', async () => {
    const work = mkdtempSync(join(tmpdir(), 'forensic-compose-'));
    const out = join(work, 'report.md');
    const stderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await reportCommand(bundle, { output: out, progress: false });
    } finally {
      process.stderr.write = stderr;
    }
    const text = readFileSync(out, 'utf8');
    rmSync(work, { recursive: true, force: true });
    expect(text).toContain('docker-compose.yml');
    for (const secret of [ADMIN_KEY, DB_PASSWORD, SESSION_SECRET, VAULT_TOKEN]) expect(text).not.toContain(secret);
  });
});
