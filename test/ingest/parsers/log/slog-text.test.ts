// slog TextHandler lines: Go quoting rules, dotted group keys, repeated keys, custom levels.
import { describe, expect, it } from 'vitest';
import { unquoteGo } from '../../../../src/ingest/parsers/log/go-text.ts';
import { one, parseLog } from './fake-context.ts';

describe('Go quoted strings', () => {
  it.each([
    [String.raw`a \"q\" \u00e9\tb`, 'a "q" é\tb'],
    [String.raw`back\\slash`, 'back\\slash'],
    [String.raw`line1\nline2\r`, 'line1\nline2\r'],
    [String.raw`bell\a bs\b ff\f vt\v`, 'bell\x07 bs\b ff\f vt\v'],
    [String.raw`ctl\x01 hex\x41`, 'ctl\x01 hexA'],
    [String.raw`bad byte \xff`, 'bad byte \uFFFD'],
    [String.raw`emoji \U0001F600`, 'emoji 😀'],
    [String.raw`unknown \q escape`, String.raw`unknown \q escape`],
    [String.raw`cut \u00`, String.raw`cut \u00`],
  ])('decodes %s', (quoted, plain) => {
    expect(unquoteGo(quoted, 0, quoted.length)).toBe(plain);
  });
});

describe('slog text lines', () => {
  it('reads the reference text line with its group keys and ids', () => {
    const rec = one('time=2026-10-03T09:16:11.070Z level=WARN msg="refresh token reuse detected — family revoked" service=authserver component=token family_id=fam-1 token_id=tok-9 request_id=9f2c');
    expect(rec).toMatchObject({
      format: 'slog-text', level: 'WARN', msg: 'refresh token reuse detected — family revoked',
      ts: Date.UTC(2026, 9, 3, 9, 16, 11, 70), service: 'authserver', component: 'token', requestId: '9f2c', origin: 'authserver',
    });
    expect(rec.attrs).toEqual({ family_id: 'fam-1', token_id: 'tok-9' });
  });

  it('decodes escapes inside a quoted msg', () => {
    const rec = one(String.raw`time=2026-10-03T09:16:11.070Z level=INFO msg="a \"q\" \u00e9\tb" service=authserver`);
    expect(rec.msg).toBe('a "q" é\tb');
  });

  it('keeps dotted group keys and reads unquoted numbers as numbers but quoted ones as text', () => {
    const rec = one('time=2026-10-03T09:16:11.070Z level=INFO msg="http request" http.method=POST http.status=401 duration=1.5s code="42"');
    expect(rec.attrs).toEqual({ 'http.method': 'POST', 'http.status': 401, duration: '1.5s', code: '42' });
  });

  it('collapses a key repeated with the same value and keeps both values when they differ', () => {
    const rec = one('time=2026-10-03T09:16:11.070Z level=INFO msg=x client_id=a client_id=a scope=read scope=write request_id=r1 request_id=r1');
    expect(rec.attrs).toEqual({ client_id: 'a', scope: ['read', 'write'] });
    expect(rec.requestId).toBe('r1');
  });

  it('reads a logfmt line whose ts is an epoch number', () => {
    const rec = one('ts=1791018902.5 level=warn msg="cache miss" caller=cache.go:42');
    expect(rec).toMatchObject({ ts: Date.UTC(2026, 9, 3, 9, 15, 2, 500), level: 'WARN', msg: 'cache miss' });
  });

  it('reads a quoted key and an empty quoted value', () => {
    const rec = one('time=2026-10-03T09:16:11.070Z level=INFO msg=x "odd key"=1 empty=""');
    expect(rec.attrs).toEqual({ 'odd key': 1, empty: '' });
  });

  it('keeps each line\'s request id promoted however the keys around it change', () => {
    // `aky` and `arz` land in the same key-cache slots as `request_id`: the ids must not swap meanings.
    const out = parseLog([
      'time=2026-10-03T09:16:11.070Z level=INFO msg=one request_id=r1 aky=1',
      'time=2026-10-03T09:16:12.070Z level=INFO msg=two aky=2 arz=3 request_id=r2',
      'time=2026-10-03T09:16:13.070Z level=INFO msg=three request_id=r3 arz=4 aky=5',
      'time=2026-10-03T09:16:14.070Z level=INFO msg=four aky=6 request_id=r4',
    ]);
    expect(out.records.map((r) => [r.requestId, r.attrs])).toEqual([
      ['r1', { aky: 1 }],
      ['r2', { aky: 2, arz: 3 }],
      ['r3', { arz: 4, aky: 5 }],
      ['r4', { aky: 6 }],
    ]);
  });

  it('keeps a line with a word starting with `=` as plain text and goes on to the next line', () => {
    const out = parseLog([
      'time=2026-10-03T09:16:11.070Z level=INFO msg="http request"=vscode-mcp/1.104.0',
      'time=2026-10-03T09:16:12.000Z level=INFO msg=next =x',
      'time=2026-10-03T09:16:13.000Z level=WARN msg=last',
    ]);
    expect(out.records.map((r) => [r.format, r.line])).toEqual([['plain', 1], ['plain', 2], ['slog-text', 3]]);
    expect(out.records[0]!.msg).toBe('time=2026-10-03T09:16:11.070Z level=INFO msg="http request"=vscode-mcp/1.104.0');
  });

  it.each([
    ['INFO+2', 'INFO'],
    ['DEBUG-4', 'DEBUG'],
    ['WARN-2', 'INFO'],
    ['INFO+4', 'WARN'],
    ['ERROR+4', 'ERROR'],
  ])('maps the custom slog level %s to %s', (lv, want) => {
    expect(one(`time=2026-10-03T09:16:11.070Z level=${lv} msg=x`).level).toBe(want);
  });

  it('reads the MCP server line of checklist step 6 (no time) as the MCP server talking', () => {
    const rec = one('level=INFO msg="verified" sub=user-42 scope=tools/read aud=http://mcp.example.com/mcp');
    expect(rec).toMatchObject({ format: 'slog-text', msg: 'verified', origin: 'mcp-server', ts: null });
    expect(rec.attrs).toEqual({ sub: 'user-42', scope: 'tools/read', aud: 'http://mcp.example.com/mcp' });
  });

  it('joins a quoted value that spans lines until its closing quote, then reads the pairs after it', () => {
    const out = parseLog([
      'time=2026-10-03T09:15:02.000Z level=INFO msg="=== authserver feature self-check ===',
      '  dpop  enabled',
      '  dcr   misconfigured  dcr.mode=open" service=authserver',
      'time=2026-10-03T09:15:03.000Z level=INFO msg="http server listening" service=authserver addr=:9000',
    ]);
    expect(out.records).toHaveLength(2);
    expect(out.records[0]).toMatchObject({
      msg: '=== authserver feature self-check ===\n  dpop  enabled\n  dcr   misconfigured  dcr.mode=open',
      service: 'authserver', line: 1,
    });
    expect(out.records[1]!.attrs).toEqual({ addr: ':9000' });
  });
});

describe('slog text keys that are also names on every JavaScript object', () => {
  it('keeps constructor, toString and __proto__ as plain attributes', () => {
    const rec = one('time=2026-10-03T09:16:11Z level=INFO msg=m constructor=x toString=1 __proto__=y after=z');
    expect(Object.getPrototypeOf(rec.attrs)).toBe(Object.prototype);
    expect(Object.keys(rec.attrs)).toEqual(['constructor', 'toString', '__proto__', 'after']);
    expect(rec.attrs.constructor).toBe('x');
    expect(rec.attrs.toString).toBe(1);
    expect(Object.getOwnPropertyDescriptor(rec.attrs, '__proto__')?.value).toBe('y');
  });
});
