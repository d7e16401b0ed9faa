import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0101-server-unreachable.ts';
import { doc, exchange, model } from '../helpers/records.ts';

describe('AP0101 server unreachable', () => {
  it('stays quiet when /health answered', () => {
    const ok = doc('health', { status: 'ok', db: 'ok' }, { http: { status: 200, path: '/health', port: 9000 } });
    expect([...rule.check(model([ok]))]).toEqual([]);
  });

  it('stays quiet when only an unrelated host refused a connection', () => {
    const other = exchange({ url: 'https://mcp.example.com/mcp', path: '/mcp', port: 443, error: 'connection refused' });
    expect([...rule.check(model([other]))]).toEqual([]);
  });

  it('reports a refused /health probe with the capture as evidence', () => {
    const refused = exchange({ method: 'GET', url: 'http://localhost:9000/health', path: '/health', port: 9000, error: 'connection refused' }, null, { file: 'captures/health.txt' });
    const [f] = [...rule.check(model([refused]))];
    expect(f?.confidence).toBe(0.9);
    expect(f?.explanation).toContain('including the /health probe');
    expect(f?.evidence).toEqual([expect.objectContaining({ kind: 'document', file: 'captures/health.txt', excerpt: 'GET http://localhost:9000/health → connection refused' })]);
  });
});
