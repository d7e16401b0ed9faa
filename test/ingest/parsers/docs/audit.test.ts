import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { auditCsvFormat } from '../../../../src/ingest/parsers/docs/audit/audit-csv.ts';
import { auditJsonFormat } from '../../../../src/ingest/parsers/docs/audit/audit-json.ts';
import { auditNdjsonFormat } from '../../../../src/ingest/parsers/docs/audit/audit-ndjson.ts';
import { auditPsqlFormat } from '../../../../src/ingest/parsers/docs/audit/audit-psql.ts';
import { parseDetail } from '../../../../src/ingest/parsers/docs/audit/detail.ts';
import { fakeContext, headOf, recordsOf, runFormat } from './fake-context.ts';

const ISSUED = '{"id":"Zk3v9Qm1Xc2b7T0aL4pR8w","action":"token.issued","actor_id":"u-1","client_id":"c-1","ip":"203.0.113.9","detail":"family=f-1","trace_id":"","created_at":"2026-10-03T09:16:11Z"}';
const REVOKED = '{"id":"Qq1","action":"family.revoked","actor_id":"","client_id":"c-1","ip":"","detail":"reuse_detection family=f-1","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","created_at":"2026-10-03T09:20:00Z"}';
const ROTATED = '{"id":"Kr2","action":"key.rotated","actor_id":"admin","client_id":"","ip":"10.0.0.5","detail":"admin rotated signing key: kid=k2","trace_id":"","created_at":"2026-10-03T10:00:00Z"}';

const at = (iso: string) => Date.parse(iso);

describe('audit JSON array (what GET /admin/audit returns)', () => {
  const text = `[\n  ${ISSUED},\n  ${REVOKED},\n  ${ROTATED}\n]\n`;
  const ctx = runFormat(auditJsonFormat, 'audit/page-1.json', text);
  const rows = recordsOf(ctx, 'audit');

  it('emits one row per event with the line it starts on', () => {
    expect(rows.map((r) => [r.action, r.line])).toEqual([['token.issued', 2], ['family.revoked', 3], ['key.rotated', 4]]);
    expect(ctx.format).toBe('audit-array');
    expect(ctx.problems).toEqual([]);
  });

  it('maps every column and takes ts from created_at', () => {
    expect(rows[0]).toMatchObject({
      kind: 'audit', file: 'audit/page-1.json', id: 'Zk3v9Qm1Xc2b7T0aL4pR8w', actorId: 'u-1', clientId: 'c-1',
      ip: '203.0.113.9', detail: 'family=f-1', detailKv: { family: 'f-1' }, traceId: '', createdAt: '2026-10-03T09:16:11Z',
      ts: at('2026-10-03T09:16:11Z'), origin: 'dump', offset: 2,
    });
  });

  it('keeps the leading bare word of detail', () => {
    expect(rows[1]!.detailWord).toBe('reuse_detection');
    expect(rows[2]!.detailWord).toBe('admin rotated signing key:');
    expect(rows[2]!.detailKv).toEqual({ kid: 'k2' });
  });
});

describe('other JSON shapes', () => {
  it('reads the {"events":[…]} envelope the docs describe, even after other keys', () => {
    const ctx = runFormat(auditJsonFormat, 'audit.json', `{"total":2,"events":[${ISSUED},\n${REVOKED}]}`);
    expect(recordsOf(ctx, 'audit').map((r) => [r.id, r.line])).toEqual([['Zk3v9Qm1Xc2b7T0aL4pR8w', 1], ['Qq1', 2]]);
    expect(ctx.format).toBe('audit-envelope');
  });

  it('reads a single pretty-printed event object', () => {
    const pretty = JSON.stringify(JSON.parse(ROTATED), null, 2);
    const ctx = runFormat(auditJsonFormat, 'event.json', pretty);
    expect(recordsOf(ctx, 'audit').map((r) => r.action)).toEqual(['key.rotated']);
    expect(ctx.format).toBe('audit-object');
  });

  it('reports a row that is not an object and keeps the others', () => {
    const ctx = runFormat(auditJsonFormat, 'a.json', `[\n"oops",\n${ISSUED}\n]`);
    expect(ctx.problems).toEqual([{ line: 2, problem: 'audit: row is not an object' }]);
    expect(recordsOf(ctx, 'audit')).toHaveLength(1);
  });

  it('keeps empty strings for missing columns', () => {
    const ctx = runFormat(auditJsonFormat, 'a.json', '[{"action":"user.login","created_at":"2026-10-03T09:00:00Z"}]');
    expect(recordsOf(ctx, 'audit')[0]).toMatchObject({ id: '', actorId: '', clientId: '', ip: '', detail: '', traceId: '', detailKv: {} });
  });

  it('keeps the rows before a cut-off and reports the truncation', () => {
    const ctx = runFormat(auditJsonFormat, 'a.json', `[\n${ISSUED},\n{"id":"x","action":"tok`);
    expect(recordsOf(ctx, 'audit')).toHaveLength(1);
    expect(ctx.problems).toEqual([{ line: 3, problem: 'audit: row cut off at end of file' }]);
  });

  it('streams a large array in small chunks with the same rows, lines and byte offsets', async () => {
    const withAccent = ISSUED.replace('family=f-1', 'family=f-1 note=café');
    const text = `[\n${withAccent},\n${REVOKED},\n${ROTATED}\n]`;
    const bytes = Buffer.from(text);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const ctx = fakeContext('big.json');
    await auditJsonFormat.parseStream!(Readable.from(chunks), ctx);
    const rows = recordsOf(ctx, 'audit');
    expect(rows.map((r) => [r.action, r.line])).toEqual([['token.issued', 2], ['family.revoked', 3], ['key.rotated', 4]]);
    expect(rows[0]!.detailKv.note).toBe('café');
    expect(rows[1]!.offset).toBe(2 + Buffer.byteLength(withAccent) + 2);
    expect(ctx.problems).toEqual([]);
  });
  it('keeps escaped quotes and backslashes intact when chunks split them', async () => {
    const detail = 'say \\"hi\\" path=C:\\\\tmp\\\\';
    const text = `[{"id":"e1","action":"user.updated","detail":"${detail}","created_at":"2026-10-03T09:00:00Z"},\n${ISSUED}]`;
    for (const size of [1, 2, 3]) {
      const bytes = Buffer.from(text);
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const ctx = fakeContext('big.json');
      await auditJsonFormat.parseStream!(Readable.from(chunks), ctx);
      expect(recordsOf(ctx, 'audit').map((r) => [r.detail, r.line])).toEqual([['say "hi" path=C:\\tmp\\', 1], ['family=f-1', 2]]);
    }
  });
});

describe('NDJSON audit export', () => {
  it('emits one row per line and reports a broken line by number', () => {
    const ctx = runFormat(auditNdjsonFormat, 'audit.ndjson', `${ISSUED}\n${REVOKED.slice(0, 40)}\n${ROTATED}\n`);
    expect(recordsOf(ctx, 'audit').map((r) => [r.action, r.line, r.offset])).toEqual([
      ['token.issued', 1, 0],
      ['key.rotated', 3, ISSUED.length + 1 + 41],
    ]);
    expect(ctx.problems).toEqual([{ line: 2, problem: 'audit: invalid or truncated JSON line' }]);
  });
});

describe('CSV export of audit_events', () => {
  const csv = [
    'id,action,actor_id,client_id,ip,detail,trace_id,created_at',
    'a1,auth_code.reused,,c-1,198.51.100.7,code_reuse session=s1 verifier=valid,,2026-10-03 09:30:00+00',
    'a2,consent.granted,u-1,c-1,,"scopes=tools/read,tools/write resource=https://mcp.example.com/mcp",,2026-10-03T09:31:00Z',
    'a3,user.created,admin,,,"first line',
    'second ""quoted"" line",,2026-10-03T09:32:00Z',
    'a4,user.login,u-2,,,,,2026-10-03T09:33:00Z',
    '',
  ].join('\n');
  const ctx = runFormat(auditCsvFormat, 'audit_events.csv', csv);
  const rows = recordsOf(ctx, 'audit');

  it('reads every row and cites the line each row starts on', () => {
    expect(rows.map((r) => [r.id, r.line])).toEqual([['a1', 2], ['a2', 3], ['a3', 4], ['a4', 6]]);
    expect(ctx.problems).toEqual([]);
  });

  it('keeps commas inside a quoted detail', () => {
    expect(rows[1]!.detail).toBe('scopes=tools/read,tools/write resource=https://mcp.example.com/mcp');
    expect(rows[1]!.detailKv).toEqual({ scopes: 'tools/read,tools/write', resource: 'https://mcp.example.com/mcp' });
  });

  it('keeps newlines and doubled quotes inside a quoted detail', () => {
    expect(rows[2]!.detail).toBe('first line\nsecond "quoted" line');
  });

  it('parses the psql-style created_at with a +00 zone', () => {
    expect(rows[0]!.ts).toBe(at('2026-10-03T09:30:00Z'));
    expect(rows[0]!.detailKv).toEqual({ session: 's1', verifier: 'valid' });
    expect(rows[0]!.detailWord).toBe('code_reuse');
  });

  it('reports an unterminated quoted field', () => {
    const bad = runFormat(auditCsvFormat, 'a.csv', 'id,action,actor_id,client_id,ip,detail,trace_id,created_at\nx,user.login,,,,"open\n');
    expect(bad.problems).toEqual([{ line: 2, problem: 'audit: CSV quoted field not closed at end of file' }]);
  });
});

describe('psql aligned output', () => {
  const text = [
    '   id   |     action     | actor_id | client_id |     ip      |          detail           | trace_id |       created_at',
    '--------+----------------+----------+-----------+-------------+---------------------------+----------+------------------------',
    ' b1     | family.revoked |          | c-1       |             | code_reuse family=f-9     |          | 2026-10-03 09:40:00+00',
    ' b2     | token.revoked  |          | c-2       |             | machine_token jti=j-1 | x |          | 2026-10-03 09:41:00+00',
    '(2 rows)',
  ].join('\n');

  it('reads rows, glues a | inside detail back together and skips the footer', () => {
    const ctx = runFormat(auditPsqlFormat, 'audit.txt', text);
    const rows = recordsOf(ctx, 'audit');
    expect(rows.map((r) => [r.id, r.action, r.detail, r.line])).toEqual([
      ['b1', 'family.revoked', 'code_reuse family=f-9', 3],
      ['b2', 'token.revoked', 'machine_token jti=j-1 | x', 4],
    ]);
    expect(rows[0]!.ts).toBe(at('2026-10-03T09:40:00Z'));
    expect(auditPsqlFormat.sniff(headOf('audit.txt', text))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('detail parsing', () => {
  it.each([
    ['reuse_detection family=abc', 'reuse_detection', { family: 'abc' }],
    ['admin rotated signing key: kid=k2', 'admin rotated signing key:', { kid: 'k2' }],
    ['code_reuse session=s1 verifier=valid', 'code_reuse', { session: 's1', verifier: 'valid' }],
    ['machine_token jti=j-7', 'machine_token', { jti: 'j-7' }],
    ['family=f-1', undefined, { family: 'f-1' }],
    ['api_key_verified', 'api_key_verified', {}],
    ['', undefined, {}],
  ])('splits %j', (detail, word, kv) => {
    expect(parseDetail(detail)).toEqual(word === undefined ? { detailKv: kv } : { detailWord: word, detailKv: kv });
  });
});

describe('sniffing audit dumps', () => {
  it.each([
    ['a bare array', auditJsonFormat, 'x.json', `[${ISSUED}]`],
    ['an envelope', auditJsonFormat, 'x.json', `{"events":[${ISSUED}]}`],
    ['an empty page named audit', auditJsonFormat, 'audit-page-3.json', '[]'],
    ['NDJSON', auditNdjsonFormat, 'x', `${ISSUED}\n${REVOKED}\n`],
    ['a CSV export', auditCsvFormat, 'x.csv', 'id,action,actor_id,client_id,ip,detail,trace_id,created_at\n'],
  ])('is confident on %s', (_n, format, path, text) => {
    expect(format.sniff(headOf(path, text))).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['slog JSON lines', '{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"http request","status":200}\n{"time":"2026-10-03T09:16:12Z","level":"INFO","msg":"ok"}\n'],
    ['the audit log copy', '{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"audit","action":"token.issued","actor_id":"u","detail":"family=f"}\n'],
    ['a JWKS', '{"keys":[{"kty":"EC","kid":"k1"}]}'],
    ['an array of other objects', '[{"name":"x"}]'],
  ])('leaves %s alone', (_n, text) => {
    for (const f of [auditJsonFormat, auditNdjsonFormat, auditCsvFormat, auditPsqlFormat]) {
      expect(f.sniff(headOf('x.json', text))).toBeLessThan(0.1);
    }
  });
});
