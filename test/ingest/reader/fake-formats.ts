// Small stand-in formats for reader tests: the real parsers are written elsewhere and may change.
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../../src/ingest/index.ts';
import type { AuditRecord, LogRecord } from '../../../src/ingest/index.ts';

/** What the fake log parser saw, per line, so tests can check numbering, offsets and text. */
export interface SeenLine { file: string; line: number; offset: number; text: string }

/** `{"msg":…}` lines: one log record each, a problem for anything that is not JSON. */
export function jsonLogFormat(seen: SeenLine[] = []): FileFormat {
  return {
    id: 'fake-json-log',
    kind: 'log',
    mode: 'lines',
    sniff: (head: FileHead) => (head.lines.length > 0 && head.lines[0]!.startsWith('{"') && head.text.includes('"msg"') ? 0.9 : 0),
    openLines(ctx: ParseContext): LineParser {
      return {
        line(text, line, offset) {
          seen.push({ file: ctx.path, line, offset, text });
          let raw: { msg?: unknown; time?: unknown };
          try {
            raw = JSON.parse(text) as { msg?: unknown; time?: unknown };
          } catch {
            ctx.problem(line, 'invalid or truncated JSON');
            return;
          }
          const time = typeof raw.time === 'string' ? raw.time : undefined;
          const rec: LogRecord = {
            kind: 'log', file: ctx.path, line, offset, time, ts: time ? Date.parse(time) : null, level: 'INFO',
            msg: String(raw.msg), source: ctx.path, origin: 'authserver', format: 'fake-json-log', attrs: {},
          };
          ctx.emit(rec);
        },
        end() {},
      };
    },
  };
}

/** A JSON array of `{"action":…}` rows read as one document. */
export function auditArrayFormat(opts: { stream?: boolean } = {}): FileFormat {
  const toRecord = (row: { id?: string; action?: string; created_at?: string }, ctx: ParseContext, i: number): AuditRecord => ({
    kind: 'audit', file: ctx.path, line: 1, offset: i, id: String(row.id ?? i), action: String(row.action), actorId: '', clientId: '',
    ip: '', detail: '', detailKv: {}, traceId: '', createdAt: row.created_at ?? '', ts: row.created_at ? Date.parse(row.created_at) : null, origin: 'dump',
  });
  const format: FileFormat = {
    id: 'fake-audit-array',
    kind: 'audit',
    mode: 'whole',
    sniff: (head) => (head.text.trimStart().startsWith('[') && head.text.includes('"action"') ? 0.9 : 0),
    parseWhole(text, ctx) {
      const rows = JSON.parse(text) as { action?: string }[];
      rows.forEach((row, i) => ctx.emit(toRecord(row, ctx, i)));
    },
  };
  if (opts.stream) {
    format.parseStream = async (input, ctx) => {
      // Counts rows by their "action" keys: enough to show the stream path was taken.
      let n = 0;
      let tail = '';
      for await (const chunk of input as AsyncIterable<Buffer>) {
        const text = tail + chunk.toString('utf8');
        const parts = text.split('"action"');
        tail = parts.pop() ?? '';
        for (let i = 0; i < parts.length; i++) ctx.emit(toRecord({ action: 'streamed' }, ctx, n++));
      }
    };
  }
  return format;
}

/** Lines starting with `metric_`: scores low on purpose, to test the threshold and tie rules. */
export function scoredFormat(id: string, score: number, kind: FileFormat['kind'] = 'metrics'): FileFormat {
  return {
    id, kind, mode: 'lines',
    sniff: (head) => (head.text.startsWith('metric_') ? score : 0),
    openLines: () => ({ line() {}, end() {} }),
  };
}
