import { afterAll, describe, expect, it } from 'vitest';
import type { FileHead } from '../../../src/ingest/index.ts';
import { makeHead, pickFormat } from '../../../src/ingest/reader/sniff.ts';
import { auditArrayFormat, jsonLogFormat, scoredFormat } from './fake-formats.ts';
import { cleanup, logLine, problemList, read, rows, tarOf } from './fixtures.ts';

afterAll(cleanup);

const LOG = `${logLine('starting authserver')}\n`;
const AUDIT = '[{"id":"a1","action":"token.issued"}]';

describe('recognition by content', () => {
  it('reads out.txt holding slog JSON as a log and dump1.log holding an audit array as audit', async () => {
    const { result } = await read(tarOf({ 'out.txt': LOG, 'dump1.log': AUDIT }));
    expect(rows(result)).toEqual([
      'bundle.tgz archive tgz 0 0',
      'dump1.log audit fake-audit-array 1 0',
      'out.txt log fake-json-log 1 0',
    ]);
  });

  it('lists a file no format claims as unknown, without a problem', async () => {
    const { result } = await read(tarOf({ 'README.txt': 'collected by ops on tuesday\n', 'a.log': LOG }));
    expect(rows(result)).toContain('README.txt unknown unknown 0 0');
    expect(result.problems).toEqual([]);
  });

  it('skips a binary file with a problem', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const { result } = await read(tarOf({ 'screenshot.png': png, 'a.log': LOG }));
    expect(rows(result)).toContain('screenshot.png unknown binary 0 0');
    expect(problemList(result)).toEqual(['screenshot.png binary file skipped']);
    expect(result.files.find((f) => f.path === 'screenshot.png')?.bytes).toBe(16);
  });

  it('lists macOS archive metadata (__MACOSX, ._ files) without calling it binary', async () => {
    const appleDouble = Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]);
    const { result } = await read(tarOf({ '__MACOSX/._a.log': appleDouble, '._b.log': appleDouble, 'a.log': LOG }));
    expect(rows(result)).toContain('__MACOSX/._a.log unknown macos-metadata 0 0');
    expect(rows(result)).toContain('._b.log unknown macos-metadata 0 0');
    expect(result.problems).toEqual([]);
  });

  it('lets the best score win, whatever the registration order', async () => {
    const low = scoredFormat('low', 0.5);
    const high = scoredFormat('high', 0.8);
    const { result } = await read(tarOf({ 'm.prom': 'metric_a 1\n' }), {}, () => [low, high]);
    expect(rows(result)).toContain('m.prom metrics high 0 0');
  });

  it('gives a tie to the format registered first', async () => {
    const { result } = await read(tarOf({ 'm.prom': 'metric_a 1\n' }), {}, () => [scoredFormat('first', 0.6), scoredFormat('second', 0.6)]);
    expect(rows(result)).toContain('m.prom metrics first 0 0');
  });

  it('calls a file unknown when the best score is below 0.3', async () => {
    const { result } = await read(tarOf({ 'm.prom': 'metric_a 1\n', 'a.log': LOG }), {}, (seen) => [scoredFormat('weak', 0.2), jsonLogFormat(seen)]);
    expect(rows(result)).toContain('m.prom unknown unknown 0 0');
  });

  it('treats a sniffer that throws as a score of 0', async () => {
    const broken = { ...scoredFormat('broken', 1), sniff: (): number => { throw new Error('boom'); } };
    const { result } = await read(tarOf({ 'm.prom': 'metric_a 1\n' }), {}, () => [broken, scoredFormat('ok', 0.5)]);
    expect(rows(result)).toContain('m.prom metrics ok 0 0');
  });
});

describe('the file head sniffers see', () => {
  const head = (text: string, isWhole: boolean): FileHead => makeHead('x.log', Buffer.from(text), isWhole, null);

  it('holds complete lines without CR and the text without BOM', () => {
    const h = head('\uFEFFa\r\nb\nc', true);
    expect(h.text).toBe('a\r\nb\nc');
    expect(h.lines).toEqual(['a', 'b', 'c']);
    expect(h.size).toBe(9);
  });

  it('leaves out a cut-off last line when the file goes on', () => {
    expect(head('a\nb\npartial', false).lines).toEqual(['a', 'b']);
  });

  it('holds at most 50 lines', () => {
    expect(head('x\n'.repeat(80), true).lines).toHaveLength(50);
  });

  it('feeds the chosen format and nothing else', () => {
    expect(pickFormat([auditArrayFormat(), jsonLogFormat()], head(LOG, true))?.id).toBe('fake-json-log');
    expect(pickFormat([auditArrayFormat(), jsonLogFormat()], head('hello', true))).toBeNull();
  });
});
