import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0208-prm-authorization-servers.ts';
import { doc, model } from '../helpers/records.ts';

const meta = doc('as-metadata', { issuer: 'https://auth.example.com' });
const prm = (servers: unknown) => doc('prm', { resource: 'https://mcp.example.com/mcp', authorization_servers: servers }, { file: 'prm.json' });

describe('AP0208 PRM authorization_servers', () => {
  it('stays quiet when PRM names the AuthPlane issuer', () => {
    expect([...rule.check(model([meta, prm(['https://auth.example.com'])]))]).toEqual([]);
  });

  it('reports an empty list', () => {
    const [f] = [...rule.check(model([meta, prm([])]))];
    expect(f?.explanation).toContain('lists no authorization_servers');
    expect(f?.evidence[0]).toEqual(expect.objectContaining({ file: 'prm.json', excerpt: 'authorization_servers: []' }));
  });

  it('reports another issuer and recognises the trailing-slash variant', () => {
    const [f] = [...rule.check(model([meta, prm(['https://auth.example.com/'])]))];
    expect(f?.explanation).toContain('trailing slash');
    const [g] = [...rule.check(model([meta, prm(['http://authserver:9000'])]))];
    expect(g?.explanation).toContain('names ["http://authserver:9000"]');
  });

  it('reports two copies of one PRM (a capture and the discovery file) once, citing both', () => {
    const capture = doc('prm', { resource: 'https://mcp.example.com/mcp', authorization_servers: [] }, { file: 'captures/prm.txt', line: 1 });
    const findings = [...rule.check(model([meta, capture, prm([])]))];
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence.map((e) => e.file)).toEqual(['captures/prm.txt', 'prm.json']);
  });

  it('reports two resources that both list nothing as two findings', () => {
    const other = doc('prm', { resource: 'https://mcp.example.com/other', authorization_servers: [] }, { file: 'other.json' });
    expect([...rule.check(model([meta, prm([]), other]))]).toHaveLength(2);
  });
});
