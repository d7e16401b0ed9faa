// The bundle summary: versions seen, time range, deployment hints and storage driver.
import type { DocumentRecord, FileInfo, IngestResult } from '../ingest/index.ts';
import type { BootEvent, BundleSummary, ConfigView } from './model.ts';

const WRAPPER_HINT: Record<string, string> = {
  'kubectl-prefix': 'kubernetes', 'kubectl-timestamps': 'kubernetes', cri: 'kubernetes',
  'docker-json': 'docker', compose: 'docker compose', journald: 'systemd',
};
const PATH_HINTS: [RegExp, string][] = [
  [/(^|[/_.-])(kubectl|k8s|kubernetes)([/_.-]|$)/i, 'kubernetes'],
  [/(^|\/)docker-compose|(^|[/_.-])compose([/_.-]|$)/i, 'docker compose'],
  [/(^|[/_.-])journal(ctl|d)?([/_.-]|$)/i, 'systemd'],
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deployment hints from container-log wrappers and file names, in first-seen order. */
function deploymentHints(files: readonly FileInfo[], sources: readonly string[]): string[] {
  const hints = new Set<string>();
  for (const f of files) {
    const h = f.wrapper ? WRAPPER_HINT[f.wrapper] : undefined;
    if (h) hints.add(h);
    for (const [re, hint] of PATH_HINTS) if (re.test(f.path)) hints.add(hint);
  }
  // kubectl --prefix streams are named `pod/<name>/<container>`.
  if (sources.some((s) => s.startsWith('pod/'))) hints.add('kubernetes');
  return [...hints];
}

export interface BundleInputs {
  ingest: Pick<IngestResult, 'source' | 'sha256' | 'files' | 'problems'>;
  docs: readonly DocumentRecord[];
  boots: readonly BootEvent[];
  config: ConfigView;
  sources: readonly string[];
  range: { from: number; to: number } | null;
}

/** Summarise the bundle: best version (status doc, version output, then boots), versions list, hints. */
export function buildBundle(inp: BundleInputs): BundleSummary {
  const versions: BundleSummary['versions'] = [];
  let fromStatus: string | undefined;
  let fromVersionDoc: string | undefined;
  let storageDriver: string | null = null;
  for (const d of inp.docs) {
    const body = d.body;
    if (!isObject(body)) continue;
    const isServed = d.docKind === 'admin-status' || d.docKind === 'admin-auth-verify'; // what the running server says
    if ((isServed || d.docKind === 'version') && typeof body.version === 'string' && body.version !== '') {
      const source = d.docKind === 'version' ? 'authserver version' : d.docKind === 'admin-auth-verify' ? 'admin/auth/verify' : 'admin/system/status';
      versions.push({ version: body.version, source, file: d.file, line: d.memberLine?.(['version']) ?? d.line });
      if (isServed) fromStatus ??= body.version;
      else fromVersionDoc ??= body.version;
    }
    if (d.docKind === 'admin-status' && Array.isArray(body.subsystems)) {
      const storage = body.subsystems.find((s): s is Record<string, unknown> => isObject(s) && s.name === 'storage');
      if (storage && typeof storage.driver === 'string') storageDriver ??= storage.driver;
    }
  }
  for (const b of inp.boots) if (b.version) versions.push({ version: b.version, source: b.source, file: b.file, line: b.line });
  const lastBoot = [...inp.boots].reverse().find((b) => b.version)?.version;
  const configured = inp.config.get('storage.driver')?.value;
  return {
    source: inp.ingest.source, sha256: inp.ingest.sha256, files: inp.ingest.files, problems: inp.ingest.problems,
    authplaneVersion: fromStatus ?? fromVersionDoc ?? lastBoot ?? null,
    versions,
    timeRange: inp.range ? { from: new Date(inp.range.from).toISOString(), to: new Date(inp.range.to).toISOString() } : null,
    deployment: deploymentHints(inp.ingest.files, inp.sources),
    storageDriver: storageDriver ?? (configured || null),
  };
}
