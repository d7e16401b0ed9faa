// YAML documents (config.yaml, compose files, manifests) redacted node by node with the yaml
// package, so comments, order and layout survive and only scalar values change.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import type { Redactor } from '../redact/redactor.ts';
import { argvFlag } from '../redact/named-values.ts';

/** Redact a YAML text structurally; null when it does not parse (the caller falls back to lines). */
export function redactYaml(text: string, r: Redactor): string | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
  for (const d of docs) {
    walk(d.contents as Node | null, '', r);
    // Comments can hold secrets too ("# old key: abc…").
    if (d.commentBefore) d.commentBefore = r.text(d.commentBefore);
    if (d.comment) d.comment = r.text(d.comment);
  }
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
}

function walk(node: Node | null, path: string, r: Redactor): void {
  if (!node) return;
  if (node.commentBefore) node.commentBefore = r.text(node.commentBefore);
  if (node.comment) node.comment = r.text(node.comment);
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : '';
      // A Kubernetes env entry (`- name: AUTHPLANE_SESSION_SECRET` / `value: …`): its name names the value.
      const named = key === 'value' ? envEntryName(node) : undefined;
      const child = named ?? (path ? `${path}.${key}` : key);
      const value = item.value as Node | null;
      if (isScalar(value)) redactScalar(value, child, r);
      else walk(value, child, r);
    }
  } else if (isSeq(node)) {
    // An argv (`args: [serve, --session.secret, x]`): the element after a flag is judged by the flag's name.
    let flag: string | undefined;
    for (const item of node.items) {
      if (isScalar(item)) {
        const next = argvFlag(item.value);
        const value = item.value;
        redactScalar(item, flag !== undefined && !(typeof value === 'string' && value.startsWith('-')) ? flag : path, r);
        flag = next;
      } else {
        walk(item as Node, path, r);
        flag = undefined;
      }
    }
  } else if (isScalar(node)) {
    redactScalar(node, path, r);
  }
}

/** The `name:` of a map that also has a `value:`, when it is a plain string. */
function envEntryName(map: { items: unknown[] }): string | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === 'name' && isScalar(item.value) && typeof item.value.value === 'string') return item.value.value;
  }
  return undefined;
}

function redactScalar(s: { value: unknown; comment?: string | null; commentBefore?: string | null }, key: string, r: Redactor): void {
  if (typeof s.value === 'string') {
    const out = key ? r.value(key, s.value) : r.text(s.value);
    if (out !== s.value) s.value = out;
  } else if (typeof s.value === 'number' && key) {
    // `password: 12345678` parses as a number.
    const out = r.value(key, s.value);
    if (out !== s.value) s.value = out;
  }
  if (s.comment) s.comment = r.text(s.comment);
  if (s.commentBefore) s.commentBefore = r.text(s.commentBefore);
}
