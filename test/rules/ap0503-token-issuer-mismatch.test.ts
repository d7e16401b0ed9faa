import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0503-token-issuer-mismatch.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { doc, log, model, token } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const meta = doc('as-metadata', { issuer: 'http://localhost:9000', jwks_uri: 'http://localhost:9000/.well-known/jwks.json' }, { file: 'docs/as-metadata.json' });

describe('AP0503 token issuer mismatch', () => {
  it('stays quiet when tokens carry the advertised issuer', () => {
    expect(run([meta, token({}, { iss: 'http://localhost:9000', aud: 'x' })])).toEqual([]);
  });

  it('reports issuer rejections with both issuers from the SDK error', () => {
    const recs = [1, 2, 3].map((i) => log('auth failed', { error: 'verifier: issuer mismatch: expected "http://localhost:9000", got "http://authserver:9000"' }, { origin: 'mcp-server', line: 20 + i }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('expects iss http://localhost:9000 but the tokens carry http://authserver:9000');
    expect(f?.evidence.map((e) => e.line)).toEqual([21, 22, 23]);
  });

  it('does not take the SDK metadata issuer check for a token issuer problem', () => {
    expect(run([log('startup failed', { error: 'metadata: issuer mismatch: expected "a", got "b"' }, { origin: 'mcp-server' })])).toEqual([]);
  });

  it('compares tokens in the bundle with the AS metadata issuer', () => {
    const [f] = run([meta, token({}, { iss: 'http://authserver:9000' }, { file: 'tokens/a.jwt' })]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain("token iss http://authserver:9000 differs from AuthPlane's issuer http://localhost:9000");
    expect(f?.evidence.map((e) => e.file)).toEqual(['tokens/a.jwt', 'docs/as-metadata.json']);
  });
});
