// AuthPlane `config.yaml`: the parsed object plus a map from dotted key to the line it is set on.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';

const TOP_KEY = /^([A-Za-z_][\w-]*):(?:\s|$)/;
const SECTIONS = new Set([
  'server', 'admin', 'storage', 'signing', 'session', 'oauth', 'dcr', 'dpop', 'rate_limit', 'observability',
  'client_credentials', 'token_exchange', 'xaa', 'cimd', 'oidc', 'connect', 'data_encryption', 'agents',
  'client_secret_pepper', 'resources', 'clients', 'users',
]);
const FOREIGN = new Set(['apiVersion', 'kind', 'services', 'groups', 'spec']);

/** Record `dotted key → line` for every mapping key under `node`. */
function collectLines(node: unknown, prefix: string, lc: LineCounter, out: Record<string, number>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const dotted = prefix ? `${prefix}.${key}` : key;
      const start = keyNode?.range?.[0];
      if (start !== undefined) out[dotted] = lc.linePos(start).line;
      collectLines(pair.value, dotted, lc, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectLines(item, `${prefix}.${i}`, lc, out));
  }
}

/** Parse config.yaml; YAML errors become problems at their lines, and what parsed is still kept. */
export function parseConfigYaml(text: string, ctx: ParseContext): void {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const err of doc.errors) {
    const line = err.pos ? lc.linePos(err.pos[0]).line : undefined;
    ctx.problem(line, `config.yaml: ${err.message.split('\n')[0]}`);
  }
  let config: unknown;
  try {
    // A small alias budget keeps a YAML "billion laughs" from blowing up memory.
    config = doc.toJS({ maxAliasCount: 100 });
  } catch {
    ctx.problem(1, 'config.yaml: could not be turned into an object');
    return;
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    ctx.problem(1, 'config.yaml: top level is not a mapping');
    return;
  }
  const lines: Record<string, number> = {};
  collectLines(doc.contents, '', lc, lines);
  ctx.emit({ kind: 'document', file: ctx.path, line: 1, offset: 0, docKind: 'config-yaml', body: { config, lines }, capturedAt: ctx.mtime });
}

/** Confident when top-level keys are AuthPlane config sections. */
export function sniffConfigYaml(head: FileHead): number {
  let known = 0;
  for (const line of head.lines) {
    const m = TOP_KEY.exec(line);
    if (!m) continue;
    if (FOREIGN.has(m[1]!)) return 0;
    if (SECTIONS.has(m[1]!)) known++;
  }
  if (known >= 2) return 0.95;
  return known === 1 && /\.ya?ml$/i.test(head.path) ? 0.9 : 0;
}

/** AuthPlane config.yaml. */
export const configYamlFormat: FileFormat = {
  id: 'config-yaml',
  kind: 'document',
  mode: 'whole',
  sniff: sniffConfigYaml,
  parseWhole: parseConfigYaml,
};
