// AP0001: no session.secret, so AuthPlane signs sessions with a random secret per process (reference L6).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { plural } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const MSG = 'session.secret not configured';

export default defineRule({
  id: 'AP0001', cause: 'session-secret-ephemeral', step: 0, severity: 'warning',
  title: 'Sessions use a random secret that changes on every restart',
  fix: 'Set AUTHPLANE_SESSION_SECRET (session.secret) to a strong random value, the same on every instance (e.g. `openssl rand -hex 32`), and restart.',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    const lines = model.logs.withMessage(new RegExp(`^${MSG.replace('.', '\\.')}`));
    if (lines.length === 0) return;
    const sources = new Set(lines.map((r) => r.source));
    const boots = model.boots.filter((b) => sources.has(b.source)).length;
    const warned = lineCount(model, lines);
    const restarts = Math.max(boots, warned) - sources.size;
    const many = sources.size > 1;
    // One instance that never restarted in the bundle: a latent risk, not a visible failure.
    const severity = many || restarts > 0 ? 'warning' : 'info';
    const impact = many
      ? `${sources.size} instances each use their own random session secret, so a login made on one instance is rejected by the others`
      : restarts > 0
        ? `the secret changed at each of ${plural(restarts, 'restart')} in the bundle, logging every user out`
        : 'every user will be logged out at the next restart';
    yield {
      severity,
      confidence: many ? 0.9 : restarts > 0 ? 0.8 : 0.5,
      explanation: `AuthPlane warned ${plural(warned, 'time')} that session.secret is not configured and uses a random ephemeral secret: ${impact}.`,
      evidence: lines.slice(0, 10).map((r) => logEvidence(r)),
      since: lines[0]?.ts ?? null,
    };
  },
});
