// `forensic collect`: checks the options once, reads the admin key from the environment or a file
// (never from the command line), and runs the collector.
import { readFileSync } from 'node:fs';
import { collect } from '../../collect/index.ts';
import { ForensicError } from '../../ingest/index.ts';
import { outputFile } from '../output-path.ts';
import { VERSION } from '../version.ts';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function usage(msg: string): never {
  throw new ForensicError('usage', msg);
}

/** Seconds as a positive number of milliseconds, or a usage error naming the option. */
export function parseSeconds(option: string, v: unknown, { allowZero = false } = {}): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) usage(`${option} ${JSON.stringify(String(v))}: expected a number of seconds, e.g. ${option} 30`);
  return Math.round(n * 1000);
}

/** `--since`: a duration before now (30m, 24h, 7d) or an RFC 3339 time; returns epoch ms. */
export function parseSince(v: string, now: number): number {
  const rel = /^(\d+(?:\.\d+)?)([smhd])$/.exec(v.trim());
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!]!;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v.trim())) {
    const at = Date.parse(v.trim());
    if (!Number.isNaN(at)) return at;
  }
  return usage(`--since ${JSON.stringify(v)}: expected a duration before now (30m, 24h, 7d) or an RFC 3339 time (2026-10-03T09:15:00Z)`);
}

function parseUrl(option: string, v: string): string {
  try {
    const u = new URL(v);
    if (u.protocol === 'http:' || u.protocol === 'https:') return v;
  } catch {
    // reported below
  }
  return usage(`${option} ${JSON.stringify(v)}: expected an http:// or https:// URL`);
}

/** A key that fits in an HTTP header; otherwise fetch would fail later with the key in its message. */
function sendable(key: string, from: string): string {
  if (!/^[\x21-\x7e]+$/.test(key)) usage(`${from}: the admin key holds spaces, line breaks or non-ASCII characters; it should be the single token AuthPlane printed`);
  return key;
}

/** The admin key from --admin-key-file, else AUTHPLANE_ADMIN_API_KEY, else none. Messages never quote it. */
export function readAdminKey(file: string | undefined, env: NodeJS.ProcessEnv): { key: string | null; source: 'env' | 'file' | 'none' } {
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return usage(`--admin-key-file ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const key = text.trim();
    if (!key) usage(`--admin-key-file ${file}: the file is empty`);
    return { key: sendable(key, `--admin-key-file ${file}`), source: 'file' };
  }
  const key = env.AUTHPLANE_ADMIN_API_KEY?.trim();
  return key ? { key: sendable(key, 'AUTHPLANE_ADMIN_API_KEY'), source: 'env' } : { key: null, source: 'none' };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Exit status of a bundle written with some items missing (contract.md does not cover collect). */
export const COLLECTED_WITH_FAILURES = 1;

/** Run `forensic collect` with commander's parsed options; 0 once every item is in the bundle, 1 when some failed. */
export async function collectCommand(o: Record<string, unknown>): Promise<number> {
  const now = Date.now();
  const output = outputFile('--output', String(o.output ?? 'bundle.tgz'));
  const { key, source } = readAdminKey(o.adminKeyFile as string | undefined, process.env);
  const sinceLabel = String(o.since ?? '24h');
  const logLimitMb = Number(o.logLimit ?? 50);
  if (!Number.isFinite(logLimitMb) || logLimitMb <= 0) usage(`--log-limit ${JSON.stringify(String(o.logLimit))}: expected a size in MiB, e.g. --log-limit 50`);
  const result = await collect({
    version: VERSION,
    publicUrl: parseUrl('--public', String(o.public ?? 'http://localhost:9000')),
    adminUrl: parseUrl('--admin', String(o.admin ?? 'http://localhost:9001')),
    adminKey: key,
    adminKeySource: source,
    resources: list(o.resource).map((r) => parseUrl('--resource', r)),
    intervalMs: parseSeconds('--interval', o.interval ?? '30', { allowZero: true }),
    sinceMs: parseSince(sinceLabel, now),
    sinceLabel,
    timeoutMs: parseSeconds('--timeout', o.timeout ?? '5'),
    logs: list(o.logs),
    journalUnit: o.journalUnit as string | undefined,
    kubectlSelector: o.kubectlSelector as string | undefined,
    dockerContainers: list(o.dockerContainer),
    logCapBytes: Math.round(logLimitMb * (1 << 20)),
    isRedacted: o.redact !== false,
    output,
    write: (line) => process.stderr.write(line),
    isQuiet: Boolean(o.quiet),
  });
  if (!o.quiet) process.stderr.write(`next: forensic analyze ${String(o.output ?? 'bundle.tgz')}\n`);
  // The bundle is written either way; a script still learns that it is incomplete.
  return result.failed.length > 0 ? COLLECTED_WITH_FAILURES : 0;
}
