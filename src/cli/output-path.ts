// Checks a file the user asked us to write (-o/--output) before any work starts, so a typo costs a
// one-line usage error instead of a finished analysis and a stack trace.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ForensicError } from '../ingest/index.ts';

/** The absolute path of a writable output file; throws a usage error naming `option` otherwise. */
export function outputFile(option: string, path: string): string {
  const output = resolve(path);
  let parent;
  try {
    parent = statSync(dirname(output));
  } catch {
    // missing: reported below
  }
  if (!parent?.isDirectory()) throw new ForensicError('usage', `${option} ${path}: the folder ${dirname(output)} does not exist`);
  let existing;
  try {
    existing = statSync(output);
  } catch {
    // a new file: the usual case
  }
  if (existing?.isDirectory()) throw new ForensicError('usage', `${option} ${path}: that is a folder; give a file name in it`);
  return output;
}
