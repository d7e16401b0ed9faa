// Compiles src/ to dist/ and stamps the build; bin/forensic.js uses dist/ only while the stamp is
// newer than every source file. The stamp carries the time the build started, so a source file
// edited while tsc runs leaves the build stale rather than trusted. Never fails the install: without
// a stamp the command simply runs src/ through tsx.
import { execFileSync } from 'node:child_process';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const started = new Date();
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('build: typescript is not installed; forensic will run from src/');
  process.exit(0);
}
rmSync('dist', { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
} catch {
  // tsc still emits JavaScript on a type error, but such a build is not trusted.
  console.error('build: tsc reported errors; forensic will run from src/ until they are fixed');
  process.exit(0);
}
writeFileSync('dist/.built', `${started.toISOString()}\n`);
utimesSync('dist/.built', started, started);
