import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0301-scopes-supported-empty.ts';
import { doc, model } from '../helpers/records.ts';

describe('AP0301 scopes_supported empty', () => {
  it('stays quiet when scopes are advertised', () => {
    expect([...rule.check(model([doc('as-metadata', { issuer: 'https://a', scopes_supported: ['tools/read', 'tools/write'] })]))]).toEqual([]);
  });

  it('reports an empty scopes_supported', () => {
    const [f] = [...rule.check(model([doc('as-metadata', { issuer: 'https://a', scopes_supported: [] }, { file: 'as.json' })]))];
    expect(f?.explanation).toContain('has an empty scopes_supported');
    expect(f?.evidence[0]).toEqual(expect.objectContaining({ file: 'as.json', excerpt: 'scopes_supported: []' }));
  });

  it('does not judge a discovery fetch that failed', () => {
    const failed = doc('http-exchange', { error: 'not found' }, { bodyKind: 'as-metadata', http: { status: 404, path: '/.well-known/oauth-authorization-server' } });
    expect([...rule.check(model([failed]))]).toEqual([]);
  });
});
