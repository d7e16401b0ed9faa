import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../src/ingest/index.ts';
import { createRedactor, renderInventory, renderJson, renderMarkdown, renderText } from '../../../src/report/index.ts';
import { runEngine } from '../../../src/rules/index.ts';
import { log, model } from '../../helpers/records.ts';
import { S } from '../redact/corpus.ts';

// An outage bundle: one AuthPlane pod logs the same storage error 3 000 times, past a retain limit of 1.
const SOURCE = 'pod/authserver-0/authserver';
const MSG = `system status db ping failed`;
function outage() {
  const recs: LogRecord[] = [log('starting authserver', { version: '0.2.2' }, { source: SOURCE })];
  for (let i = 0; i < 3000; i++) {
    recs.push(log(MSG, { error: `dial postgres://authplane:${S.dbPassword}@db.internal:5432: connection refused` }, { source: SOURCE, level: 'ERROR' }));
  }
  const m = model(recs, { retainLimit: 1 });
  return { m, a: runEngine(m, { toolVersion: 't' }) };
}

describe('an outage whose repeated lines were sampled', () => {
  it('lists the sampled kind of line in the JSON, with its true count', () => {
    const { a } = outage();
    const json = JSON.parse(renderJson(a, { color: false, redactor: createRedactor({}) })) as typeof a;
    expect(json.bundle.sampled_lines).toEqual([{ source: SOURCE, msg: MSG, level: 'ERROR', seen: 3000, kept: 1000 }]);
  });

  it('says so in the text summary, the Markdown report and the inventory', () => {
    const { m, a } = outage();
    const text = renderText(a, m, { color: false }).replace(/\s+/g, ' '); // the note wraps to the width
    expect(text).toContain(`An outage repeated one kind of line so often that only their first and latest lines were kept whole (most: "${MSG}" (ERROR, ${SOURCE}): 3000 lines, 1000 kept whole); every line is still counted.`);
    const md = renderMarkdown(a, m, { color: false, redactor: createRedactor({}) });
    expect(md).toMatch(/- \*\*Sampled lines:\*\* An outage repeated one kind of line/);
    expect(renderInventory(a, { color: false })).toContain(`Sampled (first and latest lines kept whole, every line counted): 1 kind of line\n  "${MSG}" (ERROR, ${SOURCE}): 3000 lines, 1000 kept whole`);
  });

  it('has no sampled lines when nothing repeated past the cap', () => {
    const m = model([log('starting authserver', { version: '0.2.2' }), log(MSG, {}, { level: 'ERROR' })], { retainLimit: 1 });
    const a = runEngine(m, { toolVersion: 't' });
    expect(a.bundle.sampled_lines).toBeUndefined();
    expect(renderText(a, m, { color: false })).not.toContain('kept whole');
  });
});
