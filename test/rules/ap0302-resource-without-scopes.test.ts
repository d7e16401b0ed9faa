import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0302-resource-without-scopes.ts';
import { log, model } from '../helpers/records.ts';

const deny = (line: number, time: string) => log('no scopes registered for resource, denying request', { client_id: 'claude', resource: 'https://mcp.example.com/mcp' }, { level: 'WARN', line, time });

describe('AP0302 resource without scopes', () => {
  it('stays quiet when authorizations start normally', () => {
    expect([...rule.check(model([log('authorization started', { client_id: 'claude' })]))]).toEqual([]);
  });

  it('names the resource and counts the denials', () => {
    const [f] = [...rule.check(model([deny(3, '2026-10-03T09:00:00Z'), deny(4, '2026-10-03T09:05:00Z')]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('denied 2 authorize requests between 09:00:00 and 09:05:00 because the resource "https://mcp.example.com/mcp" has no scopes');
    expect(f?.fix).toContain('https://mcp.example.com/mcp');
    expect(f?.evidence.map((e) => e.line)).toEqual([3, 4]);
  });
});
