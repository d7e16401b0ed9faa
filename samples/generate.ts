// `npm run samples`: regenerate every sample bundle and its expected.json next to this file.
// Usage: tsx samples/generate.ts [--out <dir>] [scenario …]
import { fileURLToPath } from 'node:url';
import { generate } from './gen/run.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? args[outAt + 1]! : fileURLToPath(new URL('.', import.meta.url));
const only = args.filter((_, i) => outAt < 0 || (i !== outAt && i !== outAt + 1));
const started = Date.now();
const names = await generate({ outDir, only: only.length ? only : undefined, saveCache: true });
process.stderr.write(`wrote ${names.length} sample bundle(s) to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
