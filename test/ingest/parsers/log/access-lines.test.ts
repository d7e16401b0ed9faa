// HTTP access lines of MCP servers and proxies, read into the authserver access-log attr names.
import { describe, expect, it } from 'vitest';
import { one } from './fake-context.ts';

describe('access lines', () => {
  it('reads a Combined Log Format line with its time, status and client', () => {
    const rec = one('192.0.2.174 - - [03/Oct/2026:08:00:31 +0000] "POST /mcp HTTP/1.1" 401 98 "-" "Cursor/1.7.2 (darwin arm64)"');
    expect(rec).toMatchObject({ format: 'access-log', level: 'WARN', ts: Date.UTC(2026, 9, 3, 8, 0, 31), origin: 'mcp-server' });
    expect(rec.attrs).toEqual({
      remote_addr: '192.0.2.174', method: 'POST', path: '/mcp', status: 401, bytes: 98, user_agent: 'Cursor/1.7.2 (darwin arm64)',
    });
  });

  it('applies the zone offset of a Common Log Format line and marks 5xx as errors', () => {
    const rec = one('10.1.2.3 - alice [03/Oct/2026:10:00:31 +0200] "GET /.well-known/oauth-protected-resource HTTP/1.1" 502 -');
    expect(rec).toMatchObject({ ts: Date.UTC(2026, 9, 3, 8, 0, 31), level: 'ERROR' });
    expect(rec.attrs).toEqual({ remote_addr: '10.1.2.3', user: 'alice', method: 'GET', path: '/.well-known/oauth-protected-resource', status: 502 });
  });

  it('reads the request of a uvicorn access line logged through the app formatter', () => {
    const rec = one('2026-10-03 08:00:44,664 uvicorn.access INFO 192.0.2.120:50681 - "POST /mcp HTTP/1.1" 401 Unauthorized');
    expect(rec).toMatchObject({ format: 'python', level: 'INFO', origin: 'mcp-server' });
    expect(rec.attrs).toEqual({ logger: 'uvicorn.access', remote_addr: '192.0.2.120:50681', method: 'POST', path: '/mcp', status: 401 });
  });
});
