#!/usr/bin/env node
// The `forensic` command. The sources are TypeScript run through tsx's loader, so the
// command always runs what is in src/ (no stale build output to forget about).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
