import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../../src/cli/pipeline.ts';
import { ForensicError, ingest } from '../../../../src/ingest/index.ts';
import { httpCaptureFormat } from '../../../../src/ingest/parsers/docs/documents/http-format.ts';
import { jsonDocumentFormat } from '../../../../src/ingest/parsers/docs/documents/json-doc.ts';
import { metricsFormat } from '../../../../src/ingest/parsers/docs/metrics/metrics-format.ts';
import type { BundleRecord } from '../../../../src/ingest/types.ts';
import { cleanup, fileOf, problemList, rows, tarOf } from '../../reader/fixtures.ts';
import { headOf, recordsOf, runFormat } from './fake-context.ts';

afterAll(cleanup);

const LOG = `${JSON.stringify({ time: '2026-10-03T09:15:02Z', level: 'INFO', msg: 'starting authserver', version: '0.2.2' })}\n`;

describe('an empty /metrics snapshot is reported, not listed as unknown', () => {
  it('claims an empty .prom or metrics file by its name, and nothing else that is empty', () => {
    expect(metricsFormat.sniff(headOf('metrics/before.prom', ''))).toBeGreaterThan(0.3);
    expect(metricsFormat.sniff(headOf('metrics-0915.txt', '\n\n'))).toBeGreaterThan(0.3);
    expect(metricsFormat.sniff(headOf('logs/authserver.log', ''))).toBe(0);
    expect(metricsFormat.sniff(headOf('notes.txt', '   \n'))).toBe(0);
  });

  it('reports an empty .prom as an empty metrics snapshot on its file', () => {
    const ctx = runFormat(metricsFormat, 'metrics/before.prom', '');
    expect(recordsOf(ctx, 'metrics')).toEqual([]);
    expect(ctx.problems).toEqual([{ line: undefined, problem: 'empty metrics snapshot' }]);
  });

  it('reports a snapshot that has HELP and TYPE lines but no sample as empty', () => {
    const ctx = runFormat(metricsFormat, 'm.txt', '# HELP authserver_tokens_issued_total Tokens issued\n# TYPE authserver_tokens_issued_total counter\n');
    expect(ctx.problems).toEqual([{ line: undefined, problem: 'empty metrics snapshot' }]);
  });

  it('says nothing about emptiness when the file had samples', () => {
    const ctx = runFormat(metricsFormat, 'm.prom', '# TYPE authserver_tokens_issued_total counter\nauthserver_tokens_issued_total 3\n');
    expect(ctx.problems).toEqual([]);
  });

  it('lists an empty .prom in a bundle as a metrics file with its problem, beside the rest', async () => {
    const records: BundleRecord[] = [];
    const result = await ingest(tarOf({ 'logs/authserver.log': LOG, 'metrics/after.prom': '' }), (r) => records.push(r));
    expect(rows(result)).toContain('metrics/after.prom metrics prometheus 0 1');
    expect(rows(result)).toContain('logs/authserver.log log slog-json 1 0');
    expect(problemList(result)).toEqual(['metrics/after.prom empty metrics snapshot']);
  });

  it('still refuses an empty .prom given alone as the input (exit 3, is empty)', async () => {
    const input = fileOf('', 'metrics.prom');
    const err = await ingest(input, () => undefined).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ForensicError);
    expect((err as ForensicError).message).toBe(`not an AuthPlane support bundle: ${input} is empty`);
  });
});

describe('a captured /admin/auth/verify response is a document', () => {
  it('names {"valid":true,"version":…} an admin-auth-verify document and keeps both values', () => {
    const ctx = runFormat(jsonDocumentFormat, 'admin/verify.json', '{"valid":true,"version":"0.2.2"}\n');
    const [doc] = recordsOf(ctx, 'document');
    expect(doc).toMatchObject({ docKind: 'admin-auth-verify', body: { valid: true, version: '0.2.2' } });
    expect(ctx.format).toBe('admin-auth-verify');
  });

  it('sniffs it as a known document, not as other JSON', () => {
    expect(jsonDocumentFormat.sniff(headOf('out.json', '{"valid":true,"version":"v0.2.2-3-gabc1234-dirty"}'))).toBeGreaterThan(0.9);
  });

  it('does not take a JSON object that merely has valid and version among other keys', () => {
    const ctx = runFormat(jsonDocumentFormat, 'x.json', '{"valid":false,"version":"1","errors":["bad schema"]}');
    expect(recordsOf(ctx, 'document')[0]!.docKind).toBe('other-json');
  });

  it('knows the body of a curl -i capture of /admin/auth/verify by its request path', () => {
    const text = '$ curl -i -H "Authorization: Bearer ap_admin_7f3a9c" http://localhost:9001/admin/auth/verify\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{"valid":true,"version":"0.2.2"}\n';
    const [doc] = recordsOf(runFormat(httpCaptureFormat, 'verify.txt', text), 'document');
    expect(doc!.docKind).toBe('http-exchange');
    expect(doc!.bodyKind).toBe('admin-auth-verify');
  });

  it('counts a bundle holding only that response as AuthPlane evidence', async () => {
    const result = await ingest(tarOf({ 'admin/auth-verify.json': '{"valid":true,"version":"0.2.2"}' }), () => undefined);
    expect(rows(result)).toEqual(['bundle.tgz archive tgz 0 0', 'admin/auth-verify.json document admin-auth-verify 1 0']);
  });

  it('gives the running server\'s version to the bundle summary, ahead of an older boot line', async () => {
    const boot = `${JSON.stringify({ time: '2026-10-01T08:00:00Z', level: 'INFO', msg: 'starting authserver', version: '0.2.1' })}\n`;
    const { model } = await runPipeline(tarOf({ 'authserver.log': boot, 'admin/auth-verify.json': '{"valid":true,"version":"0.2.2"}' }), { progress: false });
    expect(model.bundle.authplaneVersion).toBe('0.2.2');
    expect(model.bundle.versions).toContainEqual({ version: '0.2.2', source: 'admin/auth/verify', file: 'admin/auth-verify.json', line: 1 });
  });
});
