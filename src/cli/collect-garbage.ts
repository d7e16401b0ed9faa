// A full garbage collection between pipeline phases. Each phase (ingest, the finish step, the rules,
// the redactor) frees most of what it allocated and the next one allocates afresh: on a gigabyte
// bundle, memory the previous phase no longer holds (released columns, the parser's young garbage)
// was still uncollected when the next phase grew, and the two added up in the peak RSS. Collecting at
// the boundary lets the next phase reuse that memory. A collection costs about as much as the live
// heap is large (~30 ms at 1 GB, a few ms on a small bundle).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Run a full collection now; does nothing where the runtime does not allow it. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      // The flag exposes `gc` to contexts created after it is set, hence the fresh context.
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
