import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG, CAUSES, type CauseId } from '../../src/rules/index.ts';

const CATALOG_DIR = fileURLToPath(new URL('../../src/rules/catalog/', import.meta.url));
const TEST_DIR = fileURLToPath(new URL('./', import.meta.url));
const PROPER_NAMES = ['Protected Resource Metadata', 'MCP Inspector', 'AuthPlane', 'Vault', 'Postgres', 'SQLite', 'Prometheus', 'Claude Code'];
const ruleFiles = readdirSync(CATALOG_DIR).filter((f) => /^ap\d{4}.*\.ts$/.test(f)).sort();

describe('rule catalog', () => {
  it('gives every rule a unique id of the form AP + step + number', () => {
    const ids = CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CATALOG) {
      expect(r.id).toMatch(/^AP\d{4}$/);
      expect(Number(r.id.slice(2, 4))).toBe(r.step);
    }
  });

  it('lists the rules sorted by id', () => {
    const ids = CATALOG.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('uses only contract causes, on their own checklist step', () => {
    for (const r of CATALOG) {
      expect(Object.keys(CAUSES)).toContain(r.cause);
      expect(CAUSES[r.cause]).toBe(r.step);
      for (const c of r.consequenceOf ?? []) expect(Object.keys(CAUSES)).toContain(c);
    }
  });

  it('registers every rule file in the catalog and gives it a test file', () => {
    const registered = new Set(CATALOG.map((r) => r.id.toLowerCase()));
    for (const f of ruleFiles) {
      expect(registered, `${f} is not registered`).toContain(f.slice(0, 6));
      expect(existsSync(`${TEST_DIR}${f.replace(/\.ts$/, '.test.ts')}`), `test/rules/${f.replace(/\.ts$/, '.test.ts')} is missing`).toBe(true);
    }
  });

  it('writes titles in sentence case without a final period', () => {
    for (const r of CATALOG) {
      expect(r.title[0], r.id).toMatch(/[A-Z]/);
      expect(r.title.endsWith('.'), r.id).toBe(false);
      // Sentence case: no Capitalised word after the first, except proper names (acronyms are all caps).
      let title = r.title;
      for (const name of PROPER_NAMES) title = title.replaceAll(name, 'name');
      for (const w of title.split(/\s+/).slice(1)) expect(/^[A-Z][a-z]+$/.test(w), `${r.id}: "${w}" in "${r.title}"`).toBe(false);
    }
  });

  it('gives every rule a fix and a docs link', () => {
    for (const r of CATALOG) {
      expect(r.fix.length, r.id).toBeGreaterThan(20);
      expect(r.docs, r.id).toMatch(/^https:\/\//);
    }
  });

  it('has at least one rule for every cause of the contract', () => {
    const covered = new Set<CauseId>(CATALOG.map((r) => r.cause));
    const missing = (Object.keys(CAUSES) as CauseId[]).filter((c) => !covered.has(c));
    expect(missing).toEqual([]);
  });

  it('holds at least 45 rules', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(45);
  });
});
