import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0502-token-audience.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { doc, model, token } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const prm = doc('prm', { resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'], scopes_supported: ['tools/read'] }, { file: 'docs/prm.json' });

describe('AP0502 token audience vs advertised resource', () => {
  it('stays quiet when the token is minted for the advertised resource', () => {
    expect(run([prm, token({ kid: 'k1' }, { aud: ['https://mcp.example.com/mcp'], iss: 'https://auth.example.com' })])).toEqual([]);
  });

  it('reports a token minted for another resource, citing the token and the PRM', () => {
    const t = token({ kid: 'k1' }, { aud: 'https://other.example.com/mcp' }, { file: 'tokens/pasted.jwt' });
    const [f] = run([prm, t]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('1 access token for https://other.example.com/mcp while the MCP server advertises https://mcp.example.com/mcp');
    expect(f?.evidence.map((e) => e.file)).toEqual(['tokens/pasted.jwt', 'docs/prm.json']);
  });

  it('points out a trailing-slash difference', () => {
    const [f] = run([prm, token({}, { aud: 'https://mcp.example.com/mcp/' }), token({}, { aud: 'https://mcp.example.com/mcp/' })]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('trailing slash');
  });

  it('reports a token with no audience as a client that omitted resource=', () => {
    const [f] = run([token({}, { iss: 'https://auth.example.com', scope: 'tools/read' })]);
    expect(f?.explanation).toContain('no aud at all');
  });
});
