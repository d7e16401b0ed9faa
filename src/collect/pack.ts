// Writes the staged files as the bundle .tgz: unredacted (a private copy) with tar-stream and gzip,
// or through the report stage's redactor, the same one `forensic redact` uses.
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { Correlator } from '../correlate/index.ts';
import { ingest } from '../ingest/index.ts';
import { createRedactor, ownHostsOf, primeRedactor, redactBundle } from '../report/index.ts';

/** What went into the bundle. */
export interface PackResult {
  files: number;
  /** Redaction counts by kind (never values); null for an unredacted copy. */
  redactions: Record<string, number> | null;
  omitted: { path: string; reason: string }[];
}

/** Pack `files` (paths relative to `dir`) as they are, with their mtimes, fixed owner and mode. */
export async function packPlain(dir: string, files: string[], output: string): Promise<PackResult> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 6 }), createWriteStream(output, { mode: 0o600 }));
  try {
    for (const f of files) {
      const abs = join(dir, f);
      const st = await stat(abs);
      const sink = pack.entry({ name: f, size: st.size, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: st.mtime, type: 'file' });
      await pipeline(createReadStream(abs), sink);
    }
  } finally {
    pack.finalize();
    await written;
  }
  return { files: files.length, redactions: null, omitted: [] };
}

/**
 * Read the staged bundle once to learn its identities and own domains (as `forensic redact` does),
 * then write every file through the redactor.
 */
export async function packRedacted(dir: string, output: string): Promise<PackResult> {
  const correlator = new Correlator({});
  const read = await ingest(dir, (rec) => correlator.add(rec), {});
  const model = correlator.finish(read);
  const redactor = createRedactor({ ownDomains: ownHostsOf(model), jwt: 'token' });
  primeRedactor(redactor, model);
  const res = await redactBundle(dir, output, redactor);
  return { files: res.files, redactions: redactor.summary().counts, omitted: res.omitted };
}
