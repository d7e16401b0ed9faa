// A collect ItemContext over a fresh staging folder, with progress lines kept for assertions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemContext } from '../../src/collect/http-item.ts';
import { createProgress } from '../../src/collect/progress.ts';
import { SecretScrubber } from '../../src/collect/scrub.ts';
import { Staging } from '../../src/collect/staging.ts';

export interface TestContext extends ItemContext {
  lines: string[];
  read(file: string): string;
}

/** A context whose writes are scrubbed of `secrets`; dispose with `ctx.staging.dispose()`. */
export async function itemContext(secrets: string[] = []): Promise<TestContext> {
  const scrub = new SecretScrubber(secrets);
  const lines: string[] = [];
  const staging = await Staging.create(scrub);
  return {
    staging, lines, items: [], timeoutMs: 2000,
    progress: createProgress((l) => lines.push(l), scrub),
    read: (file) => readFileSync(join(staging.dir, file), 'utf8'),
  };
}
