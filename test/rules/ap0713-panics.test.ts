import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0713-panics.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0713 panics', () => {
  it('stays quiet without panics', () => {
    expect([...rule.check(model([log('http request', { status: 200, path: '/oauth/token' })]))]).toEqual([]);
  });

  it('reports panics with the path and the panic value', () => {
    const p = (i: number) => log('panic recovered', { panic: 'runtime error: invalid memory address or nil pointer dereference', method: 'POST', path: '/oauth/token' }, { level: 'ERROR', line: i });
    const [f] = [...rule.check(model([p(1), p(2), p(3)]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 requests');
    expect(f?.explanation).toContain('POST /oauth/token');
    expect(f?.explanation).toContain('nil pointer dereference');
    expect(f?.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
  });
});
