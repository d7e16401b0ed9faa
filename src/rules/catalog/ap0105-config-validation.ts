// AP0105: boot refused by config validation: `configuration validation failed:` with numbered problems (reference C1, §5.7).
import type { LogRecord } from '../../ingest/index.ts';
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { plural } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const ITEM = /^\s*\d+\.\s+(.+)$/gm;

/** The setting to change for each known validation message (reference §5.7). */
const REMEDIES: [RegExp, string][] = [
  [/session\.secret is required/, 'set AUTHPLANE_SESSION_SECRET to a strong random value (`openssl rand -hex 32`)'],
  [/session\.secure must be true/, 'set AUTHPLANE_SESSION_SECURE=true (and serve AuthPlane over HTTPS)'],
  [/storage\.postgres\.dsn is required/, 'set AUTHPLANE_STORAGE_POSTGRES_DSN'],
  [/key_store=postgres_key requires/, 'use AUTHPLANE_STORAGE_DRIVER=postgres, or another signing.key_store'],
  [/admin\.api_key is required/, 'set AUTHPLANE_ADMIN_API_KEY (`openssl rand -hex 32`)'],
  [/weak|blocklist|too short|dev-secret-change-me|dev-admin-key|changeme/i, 'replace the weak secret with a random one (`openssl rand -hex 32`)'],
  [/requests_per_second must be greater than zero/, 'set AUTHPLANE_RATE_LIMIT_RPS above 0'],
  [/cimd\.require_https must be true/, 'set AUTHPLANE_CIMD_REQUIRE_HTTPS=true'],
  [/dpop\.proof_lifetime must be between/, 'set AUTHPLANE_DPOP_PROOF_LIFETIME between 10s and 300s'],
  [/aes_master|64 hex/i, 'give the data-encryption master key as 64 hex characters'],
];

function items(text: string): string[] {
  return [...text.matchAll(ITEM)].map((m) => m[1]!.trim());
}

export default defineRule({
  id: 'AP0105', cause: 'config-invalid', step: 1, severity: 'error',
  title: 'AuthPlane refused to start because its configuration is invalid',
  fix: 'Fix each numbered problem of `configuration validation failed:` (a non-localhost issuer turns on the production checks) and restart.',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    const heads = model.logs.where((r) => r.msg.includes('configuration validation failed'));
    if (heads.length === 0) return;
    const found = new Set<string>();
    const evidence: LogRecord[] = [];
    for (const h of heads) {
      evidence.push(h);
      for (const it of items(h.msg)) found.add(it);
    }
    // Parsers that keep the numbered list as separate lines: collect the items that follow the header.
    if (found.size === 0) {
      const h = heads[0]!;
      for (const r of model.logs.where((x) => x.file === h.file && x.line > h.line && x.line <= h.line + 30 && /^\s*\d+\.\s/.test(x.msg))) {
        evidence.push(r);
        for (const it of items(r.msg)) found.add(it);
      }
    }
    const problems = [...found];
    const exits = lineCount(model, heads);
    const remedies = problems.map((p) => REMEDIES.find(([re]) => re.test(p))?.[1]).filter((x): x is string => Boolean(x));
    yield {
      confidence: 0.95,
      explanation: `AuthPlane exited at boot ${exits > 1 ? `(${plural(exits, 'time')}) ` : ''}because configuration validation failed${problems.length ? `: ${problems.map((p) => `"${p}"`).join('; ')}` : ''}. Nothing listens on :9000 until the configuration is fixed.`,
      fix: remedies.length ? `${[...new Set(remedies)].map((r) => r[0]!.toUpperCase() + r.slice(1)).join('; ')}; then restart.` : undefined,
      evidence: evidence.slice(0, 12).map((r) => logEvidence(r)),
      since: heads[0]!.ts,
    };
  },
});
