// AP0003: instances of one deployment run different AuthPlane versions (reference C5).
import { bootEvidence } from '../support-a/boots.ts';
import { DOCS } from '../docs.ts';
import { logEvidence } from '../evidence.ts';
import { logsWithMsg } from '../support-a/logs.ts';
import { defineRule, type Evidence } from '../types.ts';
import type { LogRecord } from '../../ingest/index.ts';

/** `v0.2.2` and `0.2.2` are the same release. */
function norm(v: string): string {
  return v.trim().replace(/^v(?=\d)/, '');
}

/** The server's own shutdown lines (reference §1.6): the process is leaving. */
const STOP_MSGS = ['shutting down', 'stopped gracefully'];

const hhmm = (ts: number) => new Date(ts).toISOString().slice(11, 16);

/** How long another version must keep running after an instance stops for that stop to be a replacement. */
const CARRIED_ON_MS = 60_000;

interface Instance {
  source: string;
  version: string;
  ev: Evidence;
  /** Time of its latest boot, when known. */
  bootTs: number | null;
  /** Its latest shutdown line after that boot: it stopped and did not come back. */
  stop?: LogRecord;
}

export default defineRule({
  id: 'AP0003', cause: 'version-skew', step: 0, severity: 'warning',
  title: 'Instances run different AuthPlane versions',
  fix: 'Finish the rollout so every instance runs the same version; run `authserver migrate` once as a pre-flight before upgrading the rest (schema migrations lock tables while they run).',
  docs: DOCS.systemd,
  needs: ['server-logs'],
  *check(model) {
    // The version each source runs now: its latest boot, else the last version reported for it.
    const current = new Map<string, Instance>();
    for (const v of model.bundle.versions) {
      current.set(v.source, { source: v.source, version: norm(v.version), bootTs: null, ev: { kind: 'document', file: v.file, line: v.line, excerpt: `${v.source}: version ${v.version}` } });
    }
    const boots = [...model.boots].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
    for (const b of boots) {
      if (!b.version) continue;
      current.set(b.source, { source: b.source, version: norm(b.version), bootTs: b.ts, ev: bootEvidence(b) });
    }
    const instances = [...current.values()].filter((i) => i.version !== 'dev' && i.version !== '');
    // One version (the usual case) needs no shutdown lines: asking for them would index every message.
    if (new Set(instances.map((i) => i.version)).size < 2) return;
    for (const r of logsWithMsg(model, STOP_MSGS)) {
      const inst = current.get(r.source);
      if (inst && r.origin === 'authserver' && r.ts != null && (inst.bootTs == null || r.ts > inst.bootTs) && (inst.stop?.ts ?? -Infinity) <= r.ts) inst.stop = r;
    }
    const lastSeen = new Map(model.logs.sources().map((s) => [s.source, s.last]));
    // Until when an instance ran: its shutdown, else its last line (a status document alone: to the end).
    const endOf = (o: Instance) => o.stop?.ts ?? (lastSeen.has(o.source) ? lastSeen.get(o.source) ?? null : Infinity);
    // An instance that shut down while an instance of another version went on working well after it
    // was replaced: a finished rolling upgrade, not versions serving side by side. Instances that all
    // stop together (a teardown at the end of the bundle) were side by side until then.
    const replaced = (i: Instance) => i.stop != null && instances.some((o) => o.version !== i.version && (endOf(o) ?? -Infinity) - i.stop!.ts! > CARRIED_ON_MS);
    const running = instances.filter((i) => !replaced(i));
    const group = (list: readonly Instance[]) => {
      const byVersion = new Map<string, string[]>();
      for (const i of list) byVersion.set(i.version, [...(byVersion.get(i.version) ?? []), i.source]);
      return byVersion;
    };
    const all = group(instances);
    if (all.size < 2) return;
    const now = group(running);
    if (now.size < 2) {
      // Only one version is left running: report the finished upgrade for context, nothing to fix.
      const gone = instances.filter(replaced).sort((a, b) => a.stop!.ts! - b.stop!.ts!);
      const last = gone[gone.length - 1]!;
      yield {
        severity: 'info', confidence: 0.3,
        explanation: `A rolling upgrade finished inside the bundle: ${gone.map((i) => `${i.source} (${i.version}) stopped at ${hhmm(i.stop!.ts!)}`).join(', ')}, and only ${[...now.keys()].join(', ')} runs after ${hhmm(last.stop!.ts!)}. Requests before then may have met either version.`,
        evidence: [...instances.map((i) => i.ev), ...gone.map((i) => logEvidence(i.stop!))].slice(0, 10),
      };
      return;
    }
    const parts = [...now].map(([v, sources]) => `${v} on ${sources.join(', ')}`);
    yield {
      confidence: 0.8,
      explanation: `The bundle shows ${now.size} AuthPlane versions running side by side: ${parts.join('; ')}. Mixed versions answer the same client differently (defaults and validations changed between releases), which makes failures intermittent.`,
      evidence: running.map((i) => i.ev).slice(0, 10),
    };
  },
});
