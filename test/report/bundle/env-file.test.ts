// An env file (`.env`, `authplane.env`) is read as NAME=value lines whose unquoted value runs to the
// line end; the same line elsewhere stays a shell line. Expected outputs written by hand.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';
import { redactFile } from '../../../src/report/bundle/redact-file.ts';

async function redacted(path: string, text: string): Promise<string> {
  const out = await redactFile(path, Readable.from([Buffer.from(text)]), createRedactor({}));
  if (out.kind !== 'redacted') throw new Error(out.reason);
  const c = out.spool.contents();
  if (Buffer.isBuffer(c)) return c.toString('utf8');
  const parts: Buffer[] = [];
  for await (const b of c) parts.push(b as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

describe('redacting an env file', () => {
  it('redacts a secret value with spaces whole, keeping other settings', async () => {
    const env = ['# compose env_file', 'AUTHPLANE_SESSION_SECRET=correct horse battery staple', 'export DB_PASSWORD=two words', 'AUTHPLANE_LOG_LEVEL=debug', ''].join('\n');
    expect(await redacted('deploy/.env', env)).toBe(['# compose env_file', 'AUTHPLANE_SESSION_SECRET=[REDACTED:session-secret]', 'export DB_PASSWORD=[REDACTED:password]', 'AUTHPLANE_LOG_LEVEL=debug', ''].join('\n'));
    expect(await redacted('config/authplane.env', 'AUTHPLANE_ADMIN_API_KEY=my admin key\n')).toBe('AUTHPLANE_ADMIN_API_KEY=[REDACTED:api-key]\n');
  });

  it('reads the same line in a log as a shell command whose first word is the value', async () => {
    expect(await redacted('logs/history.txt', 'PGPASSWORD=hunter2hunter2 psql -h db\n')).toBe('PGPASSWORD=[REDACTED:password] psql -h db\n');
  });
});
