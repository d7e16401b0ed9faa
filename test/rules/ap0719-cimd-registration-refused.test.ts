import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0719-cimd-registration-refused.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

const CLAUDE = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
// G12 as the CIMD service logs it: one WARN per refused /oauth/authorize, naming the client_id URL.
const blocked = (i: number, msg: string, attrs: Record<string, unknown> = {}) =>
  log(msg, { component: 'cimd', client_id: CLAUDE, ...attrs }, { level: 'WARN', time: `2026-10-03T09:1${i}:00Z` });
const byGrant = (i: number) => blocked(i, 'cimd auto-registration blocked by disabled grant', { grant_types: ['authorization_code', 'refresh_token', JWT_BEARER] });

describe('AP0719 CIMD auto-registration refused (G12)', () => {
  it('stays quiet when CIMD clients register', () => {
    expect(run([log('created cimd client', { client_id: CLAUDE, cimd_url: CLAUDE })])).toEqual([]);
  });

  it('reports a client refused again and again for a disabled grant, with the key that enables it', () => {
    const [f] = run([byGrant(1), byGrant(2), byGrant(3)]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain(`3 authorization requests between 09:11:00 and 09:13:00 from a CIMD client (${CLAUDE} ×3) were refused before the client was registered`);
    expect(f?.explanation).toContain(`lists a grant this server has disabled (${JWT_BEARER})`);
    expect(f?.fix).toBe('Enable the grant the document asks for (AUTHPLANE_XAA_ENABLED=true), or have the client publish a document without it.');
  });

  it('reads the grant list of slog text output too', () => {
    const [f] = run([blocked(1, 'cimd auto-registration blocked by disabled grant', { grant_types: `[authorization_code ${JWT_BEARER}]` })]);
    expect(f?.fix).toContain('(AUTHPLANE_XAA_ENABLED=true)');
  });

  it('names the admin_only policy and the rejected redirect URI', () => {
    const [f] = run([
      blocked(1, 'cimd auto-registration blocked by DCR admin_only mode'),
      blocked(2, 'cimd auto-registration blocked by DCR approved_redirects', { rejected_uri: 'http://127.0.0.1:6274/callback' }),
    ]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('dcr.mode is admin_only, which blocks CIMD auto-registration too; dcr.mode is approved_redirects and the document\'s redirect_uri http://127.0.0.1:6274/callback is not on the approved list');
  });

  it('counts a refusal once when authorize logs its own line after the reason', () => {
    const pair = (i: number) => [
      log('cimd auto-registration blocked by DCR admin_only mode', { component: 'cimd', client_id: CLAUDE, request_id: `r${i}` }, { level: 'WARN' }),
      log('cimd auto-registration failed', { client_id: CLAUDE, error: 'client registration is disabled', request_id: `r${i}` }, { level: 'WARN' }),
    ];
    const [f] = run([...pair(1), ...pair(2)]);
    expect(f?.affected).toBe(2);
    expect(f?.explanation).toContain('were refused before the client was registered: dcr.mode is admin_only, which blocks CIMD auto-registration too.');
  });

  it('quotes the fetch error of a failed registration', () => {
    const [f] = run([blocked(1, 'cimd auto-registration failed', { error: 'failed to fetch client metadata document' })]);
    expect(f?.severity).toBe('info');
    expect(f?.explanation).toContain('could not fetch or accept the client metadata document ("failed to fetch client metadata document")');
  });

  describe('near misses', () => {
    it('CIMD boot and update lines are not refusals', () => {
      expect(run([log('CIMD support enabled', { dcr_mode: 'admin_only' }), log('updated cimd client', { client_id: CLAUDE, cimd_url: CLAUDE })])).toEqual([]);
    });
  });
});
