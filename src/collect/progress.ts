// One stderr line per collected item (`✔ public/health 200 12ms`, `✘ admin/metrics connection
// refused`), every line passed through the admin-key scrubber first.
import type { SecretScrubber } from './scrub.ts';

export interface Progress {
  ok(name: string, detail: string): void;
  fail(name: string, detail: string): void;
  skip(name: string, reason: string): void;
  /** A line that is not an item (a pause, the closing summary). */
  info(text: string): void;
}

/** Progress lines written with `write` (stderr in the CLI); nothing at all when quiet. */
export function createProgress(write: (line: string) => void, scrub: SecretScrubber, isQuiet = false): Progress {
  const out = (s: string) => {
    if (!isQuiet) write(`${scrub.text(s)}\n`);
  };
  return {
    ok: (name, detail) => out(`✔ ${name} ${detail}`),
    fail: (name, detail) => out(`✘ ${name} ${detail}`),
    skip: (name, reason) => out(`- ${name} skipped: ${reason}`),
    info: (text) => out(text),
  };
}
