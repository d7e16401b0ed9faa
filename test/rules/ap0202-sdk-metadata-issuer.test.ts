import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0202-sdk-metadata-issuer.ts';
import { log, model } from '../helpers/records.ts';

const sdk = (error: string, line: number) => log('fatal', { error }, { origin: 'mcp-server', level: 'ERROR', line, format: 'go-log' });

describe('AP0202 SDK metadata issuer mismatch', () => {
  it('ignores the token issuer mismatch of the verifier (a step 5 matter)', () => {
    expect([...rule.check(model([sdk('verifier: issuer mismatch: expected "https://a", got "https://b"', 1)]))]).toEqual([]);
  });

  it('names the configured and the advertised issuer', () => {
    const text = 'authplane: metadata discovery failed: metadata: issuer mismatch: expected "http://authserver:9000", got "http://localhost:9000"';
    const [f] = [...rule.check(model([sdk(text, 4)]))];
    expect(f?.explanation).toContain('configured with issuer "http://authserver:9000" but AuthPlane advertises "http://localhost:9000"');
    expect(f?.severity).toBe('warning');
    expect(f?.evidence.map((e) => e.line)).toEqual([4]);
  });
});
