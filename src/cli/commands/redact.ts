// `forensic redact`: a copy of the bundle with every secret replaced and identities pseudonymized.
import { rmSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Correlator } from '../../correlate/index.ts';
import { ForensicError, ingest } from '../../ingest/index.ts';
import { createRedactor, ownHostsOf, primeRedactor, redactBundle } from '../../report/index.ts';
import { outputFile } from '../output-path.ts';

export interface RedactOptions { output: string; progress: boolean }

/** Read the bundle once to learn its identities and domains, then write the redacted copy. */
export async function redactCommand(bundle: string, o: RedactOptions): Promise<number> {
  const input = resolve(bundle);
  const output = outputFile('-o', o.output);
  if (output === input) throw new ForensicError('usage', 'the output must not overwrite the bundle (choose another -o file)');
  let isDir = false;
  try {
    isDir = statSync(input).isDirectory();
  } catch {
    // ingest reports a missing input with its own message
  }
  if (isDir && output.startsWith(input + sep)) {
    throw new ForensicError('usage', `the output ${o.output} is inside the bundle directory; write it elsewhere`);
  }
  const tty = o.progress && process.stderr.isTTY;
  const say = (s: string) => {
    if (tty) process.stderr.write(`\r\x1b[K${s.slice(0, (process.stderr.columns ?? 80) - 1)}`);
  };
  say(`reading ${bundle} …`);
  const correlator = new Correlator({});
  const read = await ingest(bundle, (rec) => correlator.add(rec), {});
  const model = correlator.finish(read);
  const redactor = createRedactor({ ownDomains: ownHostsOf(model), jwt: 'token' });
  primeRedactor(redactor, model);
  let result;
  try {
    result = await redactBundle(bundle, o.output, redactor, { onFile: (path, n) => say(`redacting ${n}: ${path}`) });
  } catch (err) {
    rmSync(output, { force: true });
    throw err;
  }
  if (tty) process.stderr.write('\r\x1b[K');
  const counts = Object.entries(redactor.summary().counts).map(([k, n]) => `${k} ${n}`).join(', ');
  process.stderr.write(`wrote ${o.output}: ${result.files} files${result.omitted.length ? `, ${result.omitted.length} omitted` : ''}; replaced: ${counts || 'nothing'}\n`);
  for (const f of result.omitted) process.stderr.write(`  omitted ${f.path}: ${f.reason}\n`);
  for (const p of result.problems) process.stderr.write(`  skipped ${p.path}: ${p.problem}\n`);
  return 0;
}
