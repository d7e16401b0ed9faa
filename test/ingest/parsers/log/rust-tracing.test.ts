// Rust MCP servers log through tracing-subscriber's fmt layer: `<time>  INFO <spans>: <target>: <message> k=v`.
import { describe, expect, it } from 'vitest';
import { one, parseLog } from './fake-context.ts';

const LINES = [
  '2026-10-03T08:40:01.123456Z  INFO notes_mcp::server: listening addr=0.0.0.0:8080',
  '2026-10-03T08:40:02.223456Z  WARN notes_mcp::auth: token rejected error=verifier: token expired request_id=4bf92f35',
  '2026-10-03T08:40:03.323456Z ERROR notes_mcp::auth: upstream failed error="connection refused: \\"db\\""',
  '2026-10-03T08:40:04.423456Z DEBUG request{method=POST uri=/mcp trace_id=0af7651916cd43dd}: notes_mcp::handler: handling tool call',
];

describe('Rust tracing-subscriber fmt lines', () => {
  it('makes one record per line: the padded INFO/WARN levels do not turn a line into a continuation', () => {
    const out = parseLog(LINES, 'logs/notes-mcp.log');
    expect(out.records.map((r) => [r.level, r.msg])).toEqual([
      ['INFO', 'listening'], ['WARN', 'token rejected'], ['ERROR', 'upstream failed'], ['DEBUG', 'handling tool call'],
    ]);
    expect(out.format).toBe('rust-tracing');
    // The time is the line's own, not a kubectl --timestamps wrapper's.
    expect(out.wrapper).toBeNull();
    expect(out.records[1]!.ts).toBe(Date.UTC(2026, 9, 3, 8, 40, 2, 223));
  });

  it('reads fields after the message, an unquoted Display value running to the next field, and promotes ids', () => {
    const rec = parseLog(LINES).records[1]!;
    expect(rec.attrs).toMatchObject({ target: 'notes_mcp::auth', error: 'verifier: token expired' });
    expect(rec.requestId).toBe('4bf92f35');
    expect(parseLog(LINES).records[0]!.attrs.addr).toBe('0.0.0.0:8080');
  });

  it("undoes a quoted value's Debug escapes", () => {
    expect(parseLog(LINES).records[2]!.attrs.error).toBe('connection refused: "db"');
  });

  it("takes a span's fields when the event has none of its own, and the span's trace id", () => {
    const rec = parseLog(LINES).records[3]!;
    expect(rec.attrs).toMatchObject({ method: 'POST', uri: '/mcp', target: 'notes_mcp::handler' });
    expect(rec.traceId).toBe('0af7651916cd43dd');
  });

  it('reads lines printed without time (`.without_time()`), also behind a kubectl --timestamps wrapper', () => {
    expect(one(' WARN notes_mcp::auth: token rejected status=401')).toMatchObject({ format: 'rust-tracing', level: 'WARN', msg: 'token rejected', attrs: { status: 401 } });
    const out = parseLog([
      '2026-10-03T08:40:01.000000001Z  INFO notes_mcp::server: listening',
      '2026-10-03T08:40:02.000000001Z  WARN notes_mcp::auth: token rejected',
    ].map((l) => `2026-10-03T08:40:05.000000000Z ${l}`));
    expect(out.records.map((r) => r.msg)).toEqual(['listening', 'token rejected']);
    expect(out.wrapper).toBe('kubectl-timestamps');
  });

  it('reads a line coloured with ANSI escapes (the fmt layer colours by default, also into files)', () => {
    const rec = one('\x1b[2m2026-10-03T08:40:02.223456Z\x1b[0m \x1b[33m WARN\x1b[0m \x1b[2mnotes_mcp::auth\x1b[0m\x1b[2m:\x1b[0m token rejected \x1b[3mstatus\x1b[0m\x1b[2m=\x1b[0m401');
    expect(rec).toMatchObject({ format: 'rust-tracing', level: 'WARN', msg: 'token rejected', attrs: { status: 401 } });
  });

  it('still joins an indented stack frame to the record before it', () => {
    const out = parseLog(['2026-10-03T08:40:03.323456Z ERROR notes_mcp::auth: panicked', '   0: std::backtrace::Backtrace::capture']);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]!.msg).toBe('panicked\n   0: std::backtrace::Backtrace::capture');
  });
});
