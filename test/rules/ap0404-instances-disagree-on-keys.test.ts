import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0404-instances-disagree-on-keys.ts';
import { doc, log, model } from '../helpers/records.ts';

const gen = (source: string) => log('no signing key found, generating', { algorithm: 'ES256' }, { source });
const saved = (source: string, kid: string) => log('saved new signing key', { kid, alg: 'ES256' }, { source });

describe('AP0404 instances disagree on keys', () => {
  it('stays quiet for one instance', () => {
    expect([...rule.check(model([gen('pod-a'), saved('pod-a', 'k1')]))]).toEqual([]);
  });

  it('stays quiet when the key store is shared', () => {
    const cfg = doc('config-yaml', { signing: { key_store: 'postgres_key' } });
    expect([...rule.check(model([cfg, gen('pod-a'), gen('pod-b')]))]).toEqual([]);
  });

  it('warns when two instances each generated a key', () => {
    const [f] = [...rule.check(model([gen('pod-a'), saved('pod-a', 'k1'), gen('pod-b'), saved('pod-b', 'k2')]))];
    expect(f?.explanation).toContain('2 AuthPlane instances (pod-a, pod-b)');
    expect(f?.explanation).toContain('kids k1, k2');
  });
});
