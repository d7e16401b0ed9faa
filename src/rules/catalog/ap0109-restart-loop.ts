// AP0109: the server keeps restarting: several boots of one instance within minutes (crash loop).
import { DOCS } from '../docs.ts';
import { bootEvidence, bootsBySource } from '../support-a/boots.ts';
import { hhmm } from '../support-a/text.ts';
import { defineRule } from '../types.ts';

const WINDOW_MS = 15 * 60_000;
const MIN_BOOTS = 3;

export default defineRule({
  id: 'AP0109', cause: 'server-unreachable', step: 1, severity: 'warning',
  title: 'AuthPlane is restarting repeatedly',
  fix: 'Read the last lines before each restart (`kubectl logs --previous`, `journalctl -u authserver -n 50`): fix the boot error they show, or raise the memory limit if the container was OOM-killed.',
  docs: DOCS.incidentRunbook,
  needs: ['server-logs'],
  consequenceOf: ['config-invalid', 'db-unreachable'],
  *check(model) {
    for (const [source, boots] of bootsBySource(model)) {
      const timed = boots.filter((b) => b.ts != null);
      // Slide over the boots: the tightest burst of MIN_BOOTS or more inside WINDOW_MS.
      let best: typeof timed = [];
      for (let i = 0, j = 0; j < timed.length; j++) {
        while (timed[j]!.ts! - timed[i]!.ts! > WINDOW_MS) i++;
        if (j - i + 1 > best.length) best = timed.slice(i, j + 1);
      }
      if (best.length < MIN_BOOTS) continue;
      yield {
        confidence: best.length >= 5 ? 0.85 : 0.65,
        explanation: `${source} started ${best.length} times between ${hhmm(best[0]!.ts)} and ${hhmm(best[best.length - 1]!.ts)}: the server crashes or is killed shortly after boot, and is unreachable in between.`,
        evidence: best.slice(0, 10).map(bootEvidence),
        affected: best.length,
        since: best[0]!.ts,
      };
    }
  },
});
