// Splits an audit `detail` string into its leading bare word(s) and its key=value pairs.

const PAIR = /(\w+)=(\S+)/g;

/** `reuse_detection family=abc` → word `reuse_detection`, kv `{ family: 'abc' }` (AuthPlane's documented regex). */
export function parseDetail(detail: string): { detailWord?: string; detailKv: Record<string, string> } {
  const detailKv: Record<string, string> = {};
  let first = -1;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(detail); m !== null; m = PAIR.exec(detail)) {
    if (first === -1) first = m.index;
    detailKv[m[1]!] = m[2]!;
  }
  const word = (first === -1 ? detail : detail.slice(0, first)).trim();
  return word === '' ? { detailKv } : { detailWord: word, detailKv };
}
