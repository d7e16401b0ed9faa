import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import type { AuditRecord, LogRecord } from '../../src/ingest/index.ts';
import { recordLines } from '../../src/tui/lib/record-text.ts';
import { drive, ENTER } from './drive.tsx';

// db-unreachable: the first trace the findings cite is 44e10015…, two lines of
// authserver-7f78a1e10-lhnfn.log: the 500 access line (:397) and "token endpoint error" (:398),
// whose error is the long one below (read from the bundle).
const ERROR = 'failed to connect to `user=authplane database=authplane`: 10.43.12.7:5432 (pg-primary.db.svc): dial error: dial tcp 10.43.12.7:5432: connect: connection refused';
let db: PipelineResult;
beforeAll(async () => {
  db = await runPipeline('samples/db-unreachable.tgz', { progress: false });
}, 60_000);

const squash = (s: string) => s.replace(/\s+/g, '');

describe('a trace timeline on a 60-column terminal', () => {
  it('keeps each row\'s message readable, and e shows the whole record wrapped to the screen', async () => {
    const { frame, press } = drive(db.model, db.analysis, { size: { columns: 60, rows: 24 } });
    await press('3', 'start (UTC)');
    await press(ENTER, /^Trace 44e10015102e9632223bcc99ae957477 /m);
    await press('j', /^› \S+ +authserv\S* ERROR token endpoint error *$/m);
    expect(frame()).toMatch(/^e: the whole record/m);
    await press('e', /^Record 2 of 2 · trace 44e10015102e9632223bcc99ae957477/m);
    const lines = frame().split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
    const body = lines.slice(2, lines.findIndex((l) => l.startsWith('esc/e: back to the timeline')));
    expect(body).toContain('support-bundle/logs/authserver-7f78a1e10-lhnfn.log:398');
    expect(body).toContain('token endpoint error');
    // the error field, word for word over its lines, up to the next field
    const at = body.findIndex((l) => l.startsWith('error = '));
    const next = body.findIndex((l, i) => i > at && /^\S+ = /.test(l));
    const end = next < 0 ? body.length : next;
    expect(squash(body.slice(at, end).join(' '))).toBe(squash(`error = ${ERROR}`));
    await press('e', /^› \S+ +authserv\S* ERROR token endpoint error/m);
  });
});

describe('a trace timeline on an 80-column terminal', () => {
  it('shares the row between the message and the place, so both can be read', async () => {
    const { press } = drive(db.model, db.analysis, { size: { columns: 80, rows: 24 } });
    await press('3', 'start (UTC)');
    await press(ENTER, /^Trace 44e10015102e9632223bcc99ae957477 /m);
    await press('j', /^› \S+ +authserv\S* ERROR token endpoint error +\S+\.log:398$/m);
  });
});

describe('the whole record', () => {
  const rec: LogRecord = {
    kind: 'log', file: 'logs/a.log', line: 7, offset: 0, ts: Date.parse('2026-10-03T08:00:01.250Z'), time: '2026-10-03T08:00:01.250Z',
    level: 'WARN', msg: 'token rejected', source: 'pod/mcp-1/mcp', origin: 'mcp-server', format: 'slog-json',
    attrs: { status: 401, error: 'verifier: token expired at 08:00:00' }, requestId: 'r1',
  };

  it('puts time, level, source and place first, then the message, then each field once, long values on indented lines', () => {
    expect(recordLines(rec, rec.ts, 24, (s) => s)).toEqual([
      '08:00:01.250 WARN',
      'pod/mcp-1/mcp',
      'logs/a.log:7',
      '',
      'token rejected',
      '',
      'time =',
      '  2026-10-03T08:00:01.25',
      '  0Z',
      'origin = mcp-server',
      'request_id = r1',
      'status = 401',
      // wrapped at 22 columns so that the continuation's 2-column indent fits in 24
      'error = verifier:',
      '  token expired at',
      '  08:00:00',
    ]);
  });

  it('shows an audit row\'s action and detail as its message, and redacts through show', () => {
    const row: AuditRecord = {
      kind: 'audit', file: 'audit.json', line: 3, offset: 0, ts: null, id: '9', action: 'token.revoked', actorId: 'u1', clientId: 'c1',
      ip: '10.0.0.1', detail: 'family=f1', detailKv: { family: 'f1' }, traceId: 't1', createdAt: '2026-10-03T08:00:00Z', origin: 'dump',
    };
    const lines = recordLines(row, null, 60, (s) => s.replace('10.0.0.1', 'ip#1'));
    expect(lines.slice(0, 5)).toEqual(['--:--:--.--- AUDIT audit trail', 'audit.json:3', '', 'token.revoked family=f1', '']);
    expect(lines).toContain('ip = ip#1');
  });
});
