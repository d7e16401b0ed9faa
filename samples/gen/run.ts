// Generates sample bundles: for each scenario, build the world, run background traffic and the
// scenario's injection, package the files and write <name>.tgz|.zip|/ plus <name>.expected.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tgz, writeDir, zipOf } from './archive.ts';
import { background } from './background.ts';
import { bundleFiles } from './bundle.ts';
import { defaultPrm } from './documents.ts';
import { readme } from './readme.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { createWorld, DEFAULT_SETUP } from './setup.ts';
import { TokenCache } from './tokens.ts';
import type { Expected, Scenario } from './types.ts';
import type { World } from './world.ts';

export interface GenerateOptions {
  /** Where to write the bundles (the repository's samples/ folder by default). */
  outDir: string;
  /** Only these scenario names (all when absent). */
  only?: string[];
  /** Persist newly signed tokens to token-cache.json (off in tests). */
  saveCache?: boolean;
}

/** World of one scenario, fully generated (exported for tests and the README writer). */
export async function buildWorld(s: Scenario, cache: TokenCache): Promise<World> {
  const w = createWorld(s.name, s.seed, { ...DEFAULT_SETUP, ...s.setup });
  w.tokens = cache;
  w.state.prm = defaultPrm(w);
  await s.prepare?.(w);
  for (const m of w.servers.map((x) => x.metrics)) m.history = true;
  background(w);
  for (const m of w.servers.map((x) => x.metrics)) m.history = false;
  await s.apply?.(w);
  keepDebugIds(w);
  return w;
}

/** Debug ids a redacted report must keep: the JWKS kids and the ids of the first failing server request. */
function keepDebugIds(w: World): void {
  for (const kid of w.state.jwksKids) w.keep(kid);
  const lines = w.servers.flatMap((x) => x.stream.lines).filter((l) => l.level !== 'INFO' && l.level !== 'DEBUG').sort((a, b) => a.t - b.t);
  const first = lines.find((l) => l.attrs.some(([k]) => k === 'request_id'));
  for (const [k, v] of first?.attrs ?? []) if ((k === 'request_id' || k === 'trace_id') && typeof v === 'string') w.keep(v);
}

function expected(s: Scenario, w: World): Expected {
  return {
    scenario: s.name,
    description: `${s.broken} User sees: ${s.symptom}`,
    must_report: s.must_report,
    primary: s.primary,
    must_not_report: s.must_not_report,
    healthy: s.healthy ?? false,
    secrets: [...w.secrets].sort(),
    must_survive: [...w.mustSurvive].sort(),
  };
}

/** Generate the selected scenarios into outDir; returns the names written. */
export async function generate(o: GenerateOptions): Promise<string[]> {
  const cache = new TokenCache();
  const written: string[] = [];
  mkdirSync(o.outDir, { recursive: true });
  for (const s of SCENARIOS) {
    if (o.only && !o.only.includes(s.name)) continue;
    const w = await buildWorld(s, cache);
    const files = bundleFiles(w);
    const packaging = w.setup.packaging;
    const base = join(o.outDir, s.name);
    if (packaging === 'tgz') writeFileSync(`${base}.tgz`, await tgz(files.map((f) => ({ ...f, path: `support-bundle/${f.path}` }))));
    else if (packaging === 'zip') writeFileSync(`${base}.zip`, zipOf(files));
    else writeDir(base, files);
    writeFileSync(`${base}.expected.json`, `${JSON.stringify(expected(s, w), null, 2)}\n`);
    written.push(s.name);
  }
  if (!o.only) writeFileSync(join(o.outDir, 'README.md'), readme(SCENARIOS));
  if (o.saveCache) cache.save();
  return written;
}
