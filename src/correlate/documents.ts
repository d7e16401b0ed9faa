// The document index: every captured document by kind; an HTTP exchange also counts under the kind its body is.
import type { DocumentRecord } from '../ingest/index.ts';
import type { DocumentIndex } from './model.ts';

/** Build the DocumentIndex over documents in bundle order. */
export function buildDocuments(docs: readonly DocumentRecord[]): DocumentIndex {
  const all = [...docs];
  return {
    all: () => [...all],
    ofKind: (kind) => all.filter((d) => d.docKind === kind || (d.docKind === 'http-exchange' && d.bodyKind === kind)),
    exchanges: () => all.filter((d) => d.docKind === 'http-exchange'),
  };
}
