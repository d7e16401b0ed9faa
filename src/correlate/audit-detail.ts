// Parses an audit row's `detail` text: `(\w+)=(\S+)` pairs plus the bare leading word(s) (reference §4.1).

const KV = /(\w+)=(\S+)/g;
const FIRST_KV = /\w+=\S/;

/** Split an audit detail into its key=value pairs and the bare words before the first pair. */
export function parseAuditDetail(detail: string): { detailKv: Record<string, string>; detailWord?: string } {
  const detailKv: Record<string, string> = {};
  if (detail === '') return { detailKv };
  for (const m of detail.matchAll(KV)) detailKv[m[1]!] = m[2]!;
  const first = FIRST_KV.exec(detail);
  const head = (first ? detail.slice(0, first.index) : detail).trim();
  return head === '' ? { detailKv } : { detailKv, detailWord: head };
}
