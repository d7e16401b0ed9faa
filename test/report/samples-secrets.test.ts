// Every sample bundle: neither the Markdown report nor the redacted bundle holds a planted secret
// (whole, or a JWT's signature alone), and the redacted bundle analyzes to the same cause ids.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactCommand } from '../../src/cli/commands/redact.ts';
import { reportCommand } from '../../src/cli/commands/report.ts';
import { runPipeline } from '../../src/cli/pipeline.ts';
import { filesOf } from '../helpers/tgz.ts';

// The samples live in samples/ (FORENSIC_SAMPLES_DIR points elsewhere, e.g. a fresh generator run).
const DIR = process.env.FORENSIC_SAMPLES_DIR ?? fileURLToPath(new URL('../../samples/', import.meta.url));
const expectations = readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).sort();

interface Expected { scenario: string; secrets: string[] }

function bundleOf(name: string): string {
  const base = name.replace(/\.expected\.json$/, '');
  const candidates = readdirSync(DIR).filter((f) => f === base || f.startsWith(`${base}.`) && !f.endsWith('.expected.json') && !f.endsWith('.md'));
  return join(DIR, candidates[0] ?? base);
}

/** Every planted secret, plus the signature segment of each JWT on its own. */
function needles(e: Expected): string[] {
  const out = new Set<string>();
  for (const s of e.secrets) {
    out.add(s);
    const parts = s.split('.');
    if (s.startsWith('eyJ') && parts.length === 3 && parts[2]!.length >= 16) out.add(parts[2]!);
  }
  return [...out];
}


const causes = (a: { findings: { cause: string }[] }) => [...new Set(a.findings.map((f) => f.cause))].sort();

describe('sample bundles', () => {
  it('are present to check', () => {
    expect(expectations.length).toBeGreaterThan(0);
  });
});

describe.each(expectations)('sample %s', (name) => {
  const expected = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Expected;
  const bundle = bundleOf(name);
  const work = mkdtempSync(join(tmpdir(), 'forensic-samples-'));
  const md = join(work, 'report.md');
  const red = join(work, 'redacted.tgz');
  let before: string[] = [];
  const stderr = process.stderr.write.bind(process.stderr);

  beforeAll(async () => {
    // The commands print a summary line on stderr; keep the test output readable.
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await reportCommand(bundle, { output: md, progress: false });
      await redactCommand(bundle, { output: red, progress: false });
      before = causes((await runPipeline(bundle, { progress: false })).analysis);
    } finally {
      process.stderr.write = stderr;
    }
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes a report that holds none of its planted secrets', () => {
    const text = readFileSync(md, 'utf8');
    for (const s of needles(expected)) expect(text, `secret ${s.slice(0, 12)}… in the report`).not.toContain(s);
  });

  it('writes a redacted bundle that holds none of its planted secrets', async () => {
    const files = await filesOf(red);
    expect(files.size).toBeGreaterThan(0);
    for (const [path, text] of files) {
      for (const s of needles(expected)) expect(text, `secret ${s.slice(0, 12)}… in ${path}`).not.toContain(s);
    }
  });

  it('writes a redacted bundle that analyzes to the same cause ids', async () => {
    const after = causes((await runPipeline(red, { progress: false })).analysis);
    expect(after).toEqual(before);
  }, 120_000);
});
