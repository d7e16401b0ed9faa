// docker-compose files: the AUTHPLANE_* settings of each service's `environment:` block (list form
// `- KEY=value` or map form `KEY: value`) as one `env` document per service, like an env file.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';

const OURS = /^(?:AUTHPLANE_|CONNECTOR_)/;
// `${VAR}`, `${VAR:-default}`, `$VAR`: compose fills these from the host, which the bundle does not show.
const INTERPOLATED = /\$(?:\{|[A-Za-z_])/;
const TOP_SERVICES = /^services:\s*(#.*)?$/;
const ENVIRONMENT = /^\s+environment:/;

/** The env-file body shape, plus the compose service it came from. */
interface ComposeEnv {
  vars: Record<string, string>;
  lines: Record<string, number>;
  service: string;
}

/** A compose scalar as the container sees it: numbers and booleans as written, null as unset. */
function scalarText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** An anchor's node for `*alias` (compose files share env blocks through `x-` anchors). */
function deref(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The value the container gets, or null when it depends on the host's environment (`$$` is a literal `$`). */
function containerValue(raw: string): string | null {
  const unescaped = raw.split('$$');
  if (unescaped.some((part) => INTERPOLATED.test(part))) return null;
  return unescaped.join('$');
}

/** Read one service's `environment:` node (a sequence of KEY=value or a mapping, `<<:` merges included). */
function readEnvironment(node: unknown, doc: Document, lc: LineCounter, service: string,
  problem: (line: number, p: string) => void, out: ComposeEnv = { vars: {}, lines: {}, service }, depth = 0): ComposeEnv {
  node = deref(node, doc);
  const lineOf = (n: Node | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  if (isSeq(node)) {
    for (const item of node.items) {
      const line = lineOf(item as Node);
      const raw = isScalar(item) ? scalarText(item.value) : null;
      if (raw === null) {
        problem(line, `compose: environment entry of service ${service} is not KEY=value`);
        continue;
      }
      const eq = raw.indexOf('=');
      // `- KEY` alone passes the host's value through: nothing in the bundle says what it is.
      const name = (eq === -1 ? raw : raw.slice(0, eq)).trim();
      const value = eq === -1 ? null : containerValue(raw.slice(eq + 1));
      if (value === null || !OURS.test(name)) continue;
      out.vars[name] = value;
      out.lines[name] = line;
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      // `<<: *shared-env` merges an anchored block; a later key of this block wins over it.
      if (name === '<<' && depth < 4) {
        const merged = readEnvironment(pair.value, doc, lc, service, problem, { vars: {}, lines: {}, service }, depth + 1);
        for (const k of Object.keys(merged.vars)) {
          if (k in out.vars) continue;
          out.vars[k] = merged.vars[k]!;
          out.lines[k] = merged.lines[k]!;
        }
        continue;
      }
      if (!OURS.test(name)) continue;
      const text = isScalar(pair.value) ? scalarText(pair.value.value) : null;
      // `KEY:` with no value, or an interpolated one, is taken from the host: unknown here.
      const value = text === null ? null : containerValue(text);
      if (value === null) continue;
      out.vars[name] = value;
      out.lines[name] = lineOf(pair.key as Node);
    }
  } else if (node !== null && node !== undefined) {
    problem(lineOf(node as Node), `compose: environment of service ${service} is neither a list nor a mapping`);
  }
  return out;
}

/** Parse a compose file; YAML errors are problems at their lines, and what parsed is still read. */
export function parseComposeEnv(text: string, ctx: ParseContext): void {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const err of doc.errors) {
    ctx.problem(err.pos ? lc.linePos(err.pos[0]).line : undefined, `compose: ${err.message.split('\n')[0]}`);
  }
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : null;
  if (!isMap(services)) {
    ctx.problem(1, 'compose: no services mapping');
    return;
  }
  for (const pair of services.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value)) continue;
    const service = String(pair.key.value);
    const env = readEnvironment(pair.value.get('environment', true), doc, lc, service, (line, p) => ctx.problem(line, p));
    if (Object.keys(env.vars).length === 0) continue;
    const line = lc.linePos((pair.key as Node).range?.[0] ?? 0).line;
    ctx.emit({ kind: 'document', file: ctx.path, line, offset: 0, docKind: 'env', body: env, capturedAt: ctx.mtime });
  }
}

/** Confident on a compose file (top-level `services:`) whose environment blocks set AUTHPLANE_* vars. */
export function sniffComposeEnv(head: FileHead): number {
  let hasServices = false;
  let hasEnvironment = false;
  for (const line of head.lines) {
    if (TOP_SERVICES.test(line)) hasServices = true;
    else if (ENVIRONMENT.test(line)) hasEnvironment = true;
  }
  if (!hasServices || !hasEnvironment) return 0;
  // The vars may sit past the first 50 lines; the whole head text still shows them.
  if (/\bAUTHPLANE_[A-Z0-9_]+\s*[=:]/.test(head.text)) return 0.95;
  return 0;
}

/** AUTHPLANE_* settings from docker-compose `environment:` blocks (docKind `env`). */
export const composeEnvFormat: FileFormat = {
  id: 'docker-compose',
  kind: 'document',
  mode: 'whole',
  sniff: sniffComposeEnv,
  parseWhole: parseComposeEnv,
};
