// The checklist roll-up: steps 1–10 with pass / warn / fail / unknown and a note saying why or what to collect.
import type { Model } from '../../correlate/index.ts';
import { STEP_TITLES } from '../causes.ts';
import { NEEDS } from '../needs.ts';
import type { ChecklistItem, Finding, Need, Rule } from '../types.ts';

/** How one rule's run went, for the roll-up. */
export interface RuleRun {
  rule: Rule;
  missing: Need[];
  crashed: boolean;
}

const FAILING = new Set(['client-error', 'server-error', 'denied']);
/** How many traces step 8 looks at: building every summary of a 1 GB bundle costs ~250 MB. */
const STEP8_LIMIT = 10_000;

/**
 * What each checklist step itself looks at (reference/checklist.md): a step can only pass when
 * the bundle holds it. Each inner list is satisfied by any one of its needs. Rules that need
 * less (a boot log line, say) still fire, but their silence alone is not a pass: a bundle of two
 * log lines has not shown that discovery works.
 */
const STEP_CORE: Record<number, Need[][]> = {
  1: [['health']],
  2: [['as-metadata'], ['jwks']],
  3: [['as-metadata']],
  4: [['jwks'], ['tokens', 'sdk-logs']],
  5: [['tokens', 'sdk-logs']],
  6: [['sdk-logs', 'mcp-exchanges']],
  7: [['metrics']],
  10: [['audit']],
};

/** The core needs of a step that the bundle lacks (one representative need per unmet group). */
function missingCore(model: Model, step: number): Need[] {
  return (STEP_CORE[step] ?? []).filter((group) => !group.some((n) => NEEDS[n].present(model))).map((group) => group[0]!);
}

function collectNote(needs: Need[]): string {
  return needs.slice(0, 3).map((n) => `${NEEDS[n].label} in the bundle: ${NEEDS[n].collect}`).join('; ');
}

function findingNote(fs: Finding[]): string {
  const top = fs.filter((f) => !f.consequence_of);
  const roots = top.length ? top : fs;
  const shown = roots.slice(0, 2).map((f) => `${f.rule}: ${f.title}`);
  const more = roots.length - shown.length;
  const grouped = fs.length - roots.length;
  return `${shown.join('; ')}${more > 0 ? ` (+${more} more)` : ''}${grouped > 0 ? ` (+${grouped} consequence${grouped > 1 ? 's' : ''})` : ''}`;
}

function step8(model: Model): Pick<ChecklistItem, 'status' | 'note'> {
  if (model.traces.total === 0) {
    return { status: 'unknown', note: 'no trace_id or request_id in the logs, so no request can be followed across sources: tracing is off (observability.tracing.enabled=false is the default); set AUTHPLANE_TRACING_ENABLED=true and include the AuthPlane logs with their request_id' };
  }
  // Failing traces come first in list(): a bounded list holds them all unless there are very many.
  const listed = model.traces.list(STEP8_LIMIT);
  const failing = listed.filter((t) => FAILING.has(t.outcome));
  if (failing.length === 0) return { status: 'pass', note: `${model.traces.total} requests carry trace/request ids; none of them failed` };
  const count = failing.length === STEP8_LIMIT ? `at least ${STEP8_LIMIT}` : String(failing.length);
  const cross = failing.filter((t) => t.sources.length > 1 || t.origins.length > 1);
  const example = cross[0] ?? failing[0]!;
  const hasRsLogs = model.logs.sources().some((s) => s.origin === 'sdk' || s.origin === 'mcp-server');
  // AuthPlane SDKs log no request_id/trace_id, so RS lines join AuthPlane's only through shared tracing.
  const oneSource = hasRsLogs
    ? ' within one source: the MCP server logs carry no AuthPlane trace id (enable OpenTelemetry tracing on both sides to join them)'
    : ' within one source (add the MCP server logs to follow them end to end)';
  return {
    status: 'pass',
    note: `${count} failing request(s) correlated by trace/request id${cross.length ? `, ${cross.length} across several sources` : oneSource}; open one with \`forensic analyze <bundle> --trace ${example.traceId ?? example.requestIds[0] ?? example.id}\``,
  };
}

/** Build the contract's checklist (steps 1–10; step 0 findings stay in findings only). */
export function buildChecklist(model: Model, runs: RuleRun[], findings: Finding[]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (let step = 1; step <= 10; step++) {
    const fs = findings.filter((f) => f.step === step);
    const ids = [...new Set(fs.map((f) => f.rule))];
    const base = { step, title: STEP_TITLES[step] ?? `Step ${step}`, findings: ids };
    if (fs.some((f) => f.severity === 'error')) {
      items.push({ ...base, status: 'fail', note: findingNote(fs.filter((f) => f.severity === 'error')) });
      continue;
    }
    if (fs.some((f) => f.severity === 'warning')) {
      items.push({ ...base, status: 'warn', note: findingNote(fs.filter((f) => f.severity === 'warning')) });
      continue;
    }
    if (step === 9) {
      items.push({ ...base, status: 'unknown', note: 'needs a live reproduction: run `npx @modelcontextprotocol/inspector https://<mcp-server>/mcp` and watch the OAuth flow; if Inspector works but your client does not, it is a client quirk' });
      continue;
    }
    if (step === 8) {
      items.push({ ...base, ...step8(model) });
      continue;
    }
    const stepRuns = runs.filter((r) => r.rule.step === step && !r.crashed);
    const checked = stepRuns.filter((r) => r.missing.length === 0);
    const missing = [...new Set(stepRuns.flatMap((r) => r.missing))];
    const core = missingCore(model, step);
    if (core.length > 0) {
      const ran = checked.length ? ` (${checked.length} check${checked.length > 1 ? 's' : ''} that need${checked.length > 1 ? '' : 's'} less ran and found nothing)` : '';
      items.push({ ...base, status: 'unknown', note: `${collectNote(core)}${ran}` });
    } else if (checked.length > 0) {
      const info = fs.length ? ` (${fs.length} informational finding${fs.length > 1 ? 's' : ''})` : '';
      const also = missing.length ? `; to check more, ${collectNote(missing)}` : '';
      items.push({ ...base, status: 'pass', note: `${checked.length} of ${stepRuns.length} checks ran and found nothing wrong${info}${also}` });
    } else {
      items.push({ ...base, status: 'unknown', note: stepRuns.length ? collectNote(missing) : 'no rule covers this step yet' });
    }
  }
  return items;
}
