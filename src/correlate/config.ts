// The effective configuration as far as the bundle shows it: config.yaml keys, AUTHPLANE_* env vars
// mapped to their YAML keys, the admin config document and the issuer the server booted with.
// Later layers win: YAML < env < /admin/system/config < `starting authserver` (what actually ran).
import type { DocumentRecord } from '../ingest/index.ts';
import { envToYamlKey } from './env-map.ts';
import type { BootEvent, ConfigValue, ConfigView } from './model.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Scalar text of a config value; lists join with commas like their env-var form. */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).join(',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Flatten nested objects into dotted keys. */
function flatten(obj: Record<string, unknown>, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v) && Object.keys(v).length > 0) flatten(v, key, out);
    else out.push([key, v]);
  }
  return out;
}

/** Line numbers by key, when the parser supplied them as `{ lines: { key: n } }`. */
function lineOf(lines: unknown, key: string): number | undefined {
  if (!isObject(lines)) return undefined;
  const n = lines[key];
  return typeof n === 'number' ? n : undefined;
}

/** Build the config view from config documents and boots (boots in time order). */
export function buildConfig(docs: readonly DocumentRecord[], boots: readonly BootEvent[]): ConfigView {
  const values = new Map<string, ConfigValue>();
  const set = (key: string, value: string, from: string, file: string, line: number): void => {
    values.set(key, { key, value, from, file, line });
  };
  const of = (kind: DocumentRecord['docKind']) => docs.filter((d) => d.docKind === kind && isObject(d.body));
  for (const d of of('config-yaml')) {
    const body = d.body as Record<string, unknown>;
    const cfg = isObject(body.config) && 'lines' in body ? body.config : body;
    for (const [k, v] of flatten(cfg)) {
      const line = lineOf(body.lines, k) ?? d.line;
      set(k, text(v), `${baseName(d.file)}:${line}`, d.file, line);
    }
  }
  for (const d of of('env')) {
    const body = d.body as Record<string, unknown>;
    const vars = isObject(body.vars) ? body.vars : body;
    for (const [name, v] of Object.entries(vars)) {
      const mapped = envToYamlKey(name);
      if (!mapped) continue;
      const line = lineOf(body.lines, name) ?? d.line;
      set(mapped.key, text(v), `${baseName(d.file)}:${line} (${name}${mapped.guessed ? ', mapped by name' : ''})`, d.file, line);
    }
  }
  for (const d of of('admin-config')) {
    const body = d.body as Record<string, unknown>;
    const cfg = isObject(body.config) ? body.config : body;
    for (const [k, v] of flatten(cfg)) if (k !== 'notices' && !k.startsWith('notices.')) set(k, text(v), 'admin/system/config', d.file, d.line);
  }
  const booted = [...boots].reverse().find((b) => b.issuer !== undefined);
  if (booted) set('server.issuer', booted.issuer!, '`starting authserver` log line', booted.file, booted.line);
  const present = docs.some((d) => d.docKind === 'config-yaml' || d.docKind === 'env' || d.docKind === 'admin-config');
  return { get: (key) => values.get(key), all: () => [...values.values()], present };
}
