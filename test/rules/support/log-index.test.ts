import { beforeEach, describe, expect, it } from 'vitest';
import { findLogs } from '../../../src/rules/support-a/logs.ts';
import { matchLogs } from '../../../src/rules/support-b/logs.ts';
import { logsWithMsg } from '../../../src/rules/support/log-index.ts';
import { log, model, resetCounters } from '../../helpers/records.ts';

beforeEach(resetCounters);

const t = (min: number) => `2026-10-03T09:${String(min).padStart(2, '0')}:00Z`;

describe('the shared log index the rules search', () => {
  it('finds records by exact msg and by prefix, in time order, across several messages', () => {
    const a = log('saved new signing key', {}, { time: t(1) });
    const b = log('no signing key found, generating', {}, { time: t(2) });
    const c = log('saved new signing key', {}, { time: t(3) });
    const d = log('http request', { status: 200 }, { time: t(4) });
    const m = model([a, b, c, d]);
    expect(logsWithMsg(m, ['saved new signing key', 'no signing key found, generating'])).toEqual([a, b, c]);
    expect(logsWithMsg(m, ['http request'], ['no signing key'])).toEqual([b, d]);
    expect(logsWithMsg(m, ['never logged'])).toEqual([]);
  });

  it('keeps the same text only for the origins its query names', () => {
    const fromAs = log('verifier: JWKS unavailable', {}, { time: t(1) });
    const fromSdk = log('verifier: JWKS unavailable', {}, { time: t(2), origin: 'sdk' });
    const m = model([fromAs, fromSdk]);
    expect(findLogs(m, [{ hint: 'jwks unavailable', re: /JWKS unavailable/, origins: ['sdk'] }])).toEqual([fromSdk]);
    expect(matchLogs(m, [{ hint: 'jwks', re: /JWKS unavailable/ }], ['authserver'])).toEqual([fromAs]);
    expect(findLogs(m, [
      { hint: 'jwks', re: /JWKS/, origins: ['sdk'] },
      { hint: 'unavailable', re: /unavailable/, origins: ['mcp-server'] },
    ])).toEqual([fromSdk]);
  });

  it('searches error attributes as well as the message, case-insensitively only in the hint', () => {
    const hit = log('request failed', { error: 'authplane: JWKS cache prime failed' }, { time: t(1), origin: 'sdk' });
    const miss = log('request failed', { error: 'authplane: jwks cache prime failed' }, { time: t(2), origin: 'sdk' });
    const m = model([hit, miss]);
    expect(findLogs(m, [{ hint: 'jwks cache prime failed', re: /JWKS cache prime failed/ }])).toEqual([hit]);
  });
});
