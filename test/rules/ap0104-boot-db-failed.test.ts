import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0104-boot-db-failed.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0104 boot DB failure', () => {
  it('stays quiet on a normal boot', () => {
    expect([...rule.check(model([log('http server listening', { addr: ':9000' })]))]).toEqual([]);
  });

  it('reports the fatal open-database line', () => {
    const fatal = log('error: open database: unable to open database file: no such file or directory', {}, { level: 'ERROR', format: 'fatal', line: 9 });
    const [f] = [...rule.check(model([fatal]))];
    expect(f?.explanation).toContain('could not open its database');
    expect(f?.evidence[0]?.line).toBe(9);
  });

  it('recognises a failed migration', () => {
    const fatal = log('error: migrate database: dirty database version 3', {}, { level: 'ERROR', format: 'fatal' });
    const [f] = [...rule.check(model([fatal]))];
    expect(f?.explanation).toContain('could not migrate its database');
  });
});
