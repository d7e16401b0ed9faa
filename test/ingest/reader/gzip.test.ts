import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteSource, ReportedError } from '../../../src/ingest/reader/bytes.ts';
import { gunzipSource } from '../../../src/ingest/reader/gzip.ts';
import { Budget, resolveLimits } from '../../../src/ingest/reader/limits.ts';
import { cleanup, fileOf, logLine, problemList, read, rows, tarOf } from './fixtures.ts';

afterAll(cleanup);

const A = `${logLine('one')}\n${logLine('two')}\n`;
const B = `${logLine('three')}\n`;

/** A gzip member built byte by byte (RFC 1952), with the optional header fields gzipSync never writes. */
function member(text: string, opts: { name?: string; comment?: string; extra?: Buffer; headerCrc?: boolean } = {}): Buffer {
  const data = Buffer.from(text);
  let flags = 0;
  const fields: Buffer[] = [];
  if (opts.extra) {
    flags |= 0x04;
    const len = Buffer.alloc(2);
    len.writeUInt16LE(opts.extra.length);
    fields.push(len, opts.extra);
  }
  if (opts.name !== undefined) {
    flags |= 0x08;
    fields.push(Buffer.from(`${opts.name}\0`, 'latin1'));
  }
  if (opts.comment !== undefined) {
    flags |= 0x10;
    fields.push(Buffer.from(`${opts.comment}\0`, 'latin1'));
  }
  if (opts.headerCrc) {
    flags |= 0x02;
    fields.push(Buffer.from([0xab, 0xcd])); // nobody checks the header CRC; it only has to be skipped
  }
  const fixed = Buffer.from([0x1f, 0x8b, 0x08, flags, 0, 0, 0, 0, 0, 3]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([fixed, ...fields, deflateRawSync(data), trailer]);
}

interface Unpacked { text: string; problems: string[]; failed: string | null }

/** Gunzip `bytes` fed in the given chunks, straight through the gzip layer. */
async function gunzipChunks(chunks: Buffer[]): Promise<Unpacked> {
  const problems: string[] = [];
  async function* feed(): AsyncGenerator<Buffer> {
    for (const c of chunks) yield c;
  }
  const budget = new Budget(resolveLimits({}));
  const { source, owner } = gunzipSource(new ByteSource(feed()), 'x.gz', budget, (p, t) => problems.push(`${p} ${t}`));
  const out: Buffer[] = [];
  let failed: string | null = null;
  try {
    for await (const c of source) out.push(c);
  } catch (err) {
    if (!(err instanceof ReportedError) || err.owner !== owner) throw err;
    failed = err.message;
  }
  return { text: Buffer.concat(out).toString(), problems, failed };
}

/** Every way of cutting `bytes` into two chunks. */
function everySplit(bytes: Buffer): Buffer[][] {
  const out: Buffer[][] = [];
  for (let i = 1; i < bytes.length; i++) out.push([bytes.subarray(0, i), bytes.subarray(i)]);
  return out;
}

describe('multi-member gzip (cat a.gz b.gz) reads like gzip -dc', () => {
  it('reads the lines of both members of a concatenated .log.gz', async () => {
    const { result, records } = await read(fileOf(Buffer.concat([gzipSync(A), gzipSync(B)]), 'authserver.log.gz'));
    expect(records.map((r) => (r.kind === 'log' ? r.msg : ''))).toEqual(['one', 'two', 'three']);
    expect(rows(result)).toEqual(['authserver.log.gz log fake-json-log 3 0']);
    expect(problemList(result)).toEqual([]);
  });

  it('joins members wherever the chunks of the compressed stream happen to be cut', async () => {
    const bytes = Buffer.concat([member(A, { name: 'a.log' }), member(B)]);
    for (const chunks of everySplit(bytes)) {
      expect(await gunzipChunks(chunks)).toEqual({ text: A + B, problems: [], failed: null });
    }
    const oneByOne = [...bytes].map((b) => Buffer.from([b]));
    expect(await gunzipChunks(oneByOne)).toEqual({ text: A + B, problems: [], failed: null });
  });

  it('skips the file name, comment, extra field and header CRC that gzip may write in a member header', async () => {
    const bytes = Buffer.concat([
      member(A, { name: 'authserver.log', comment: 'rotated by logrotate', extra: Buffer.from('AP\x02\x00hi'), headerCrc: true }),
      member(B, { comment: '' }),
    ]);
    expect(await gunzipChunks([bytes])).toEqual({ text: A + B, problems: [], failed: null });
  });
});

describe('damage after or inside a gzip member keeps what unpacked and names the byte', () => {
  it('keeps the lines of a .log.gz followed by junk and reports where the junk starts', async () => {
    const gz = gzipSync(A);
    const junk = Buffer.from('<html>502 Bad Gateway</html>\n');
    const { result, records } = await read(fileOf(Buffer.concat([gz, junk]), 'authserver.log.gz'));
    expect(records).toHaveLength(2);
    expect(problemList(result)).toEqual([
      `authserver.log.gz trailing garbage after the gzip data at byte ${gz.length} (${junk.length} bytes) ignored`,
    ]);
  });

  it('reads every entry of a tgz padded with zeros to a tape block and notes the padding', async () => {
    const tgz = readFileSync(tarOf({ 'a.log': A, 'b.log': B }));
    const padded = Buffer.concat([tgz, Buffer.alloc(10240 - (tgz.length % 10240))]);
    const { result } = await read(fileOf(padded, 'bundle.tgz'));
    expect(rows(result)).toEqual(['bundle.tgz archive tgz 0 0', 'a.log log fake-json-log 2 0', 'b.log log fake-json-log 1 0']);
    expect(problemList(result)).toEqual([
      `bundle.tgz ${padded.length - tgz.length} bytes of zero padding after the gzip data at byte ${tgz.length} ignored`,
    ]);
  });

  it('reads every entry of a tgz with trailing garbage', async () => {
    const tgz = readFileSync(tarOf({ 'a.log': A, 'b.log': B }));
    const { result } = await read(fileOf(Buffer.concat([tgz, Buffer.from('\x00\x00garbage')]), 'bundle.tgz'));
    expect(rows(result)).toEqual(['bundle.tgz archive tgz 0 0', 'a.log log fake-json-log 2 0', 'b.log log fake-json-log 1 0']);
    expect(problemList(result)).toEqual([`bundle.tgz trailing garbage after the gzip data at byte ${tgz.length} (9 bytes) ignored`]);
  });

  it('reports a second member whose header is not gzip as trailing garbage at its byte', async () => {
    const first = member(A);
    const bad = Buffer.from([0x1f, 0x8b, 0x09, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await gunzipChunks([Buffer.concat([first, bad])])).toEqual({
      text: A, problems: [`x.gz trailing garbage after the gzip data at byte ${first.length} (12 bytes) ignored`], failed: null,
    });
  });

  it('keeps the first member when a second junk member has a gzip header but garbage data', async () => {
    const first = member(A);
    const junk = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(64, 0xff)]);
    const { result, records } = await read(fileOf(Buffer.concat([first, junk]), 'authserver.log.gz'));
    expect(records).toHaveLength(2);
    expect(problemList(result)).toEqual([
      expect.stringMatching(new RegExp(`^authserver\\.log\\.gz damaged gzip member at byte ${first.length}: .+ near byte ${first.length + 10}$`)),
    ]);
  });

  it('keeps the lines of a member whose checksum does not match, and says so', async () => {
    const bytes = member(A);
    bytes[bytes.length - 8]! ^= 0xff;
    expect(await gunzipChunks([bytes])).toEqual({
      text: A, problems: ['x.gz damaged gzip member at byte 0: CRC-32 mismatch (its data is kept)'], failed: null,
    });
  });

  it('names the byte where a .log.gz was cut inside its trailer', async () => {
    const bytes = Buffer.concat([member(A), member(B)]);
    const cut = bytes.subarray(0, bytes.length - 3);
    expect(await gunzipChunks([cut])).toEqual({
      text: A + B, problems: [`x.gz truncated gzip at byte ${cut.length}, after ${A.length + B.length} unpacked bytes`],
      failed: `truncated gzip at byte ${cut.length}, after ${A.length + B.length} unpacked bytes`,
    });
  });

  it('names the byte where a second member was cut inside its header', async () => {
    const first = member(A);
    const cut = Buffer.concat([first, member(B, { name: 'b.log' }).subarray(0, 12)]);
    const got = await gunzipChunks([cut]);
    expect(got.text).toBe(A);
    expect(got.problems).toEqual([`x.gz truncated gzip at byte ${cut.length}, after ${A.length} unpacked bytes`]);
  });

  it('reports a file that starts like gzip but has an unknown method at byte 0 and unpacks nothing', async () => {
    const got = await gunzipChunks([Buffer.from([0x1f, 0x8b, 0x08, 0xe0, 0, 0, 0, 0, 0, 3, 1, 2, 3])]);
    expect(got).toEqual({
      text: '', problems: ['x.gz damaged gzip at byte 0: reserved header flags set'], failed: 'damaged gzip at byte 0: reserved header flags set',
    });
  });
});

describe('a small gzip cut mid-stream keeps what unpacked before the cut', () => {
  const lines = Array.from({ length: 40 }, (_, i) => logLine(`request ${i} from client ${(i * 7919) % 1000}`)).join('\n');

  it('reads the first lines of a small .log.gz cut in the middle and names the byte of the cut', async () => {
    const gz = gzipSync(`${lines}\n`);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.75));
    const { result, records } = await read(fileOf(cut, 'authserver.log.gz'));
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(40);
    expect(problemList(result).filter((p) => !p.startsWith('authserver.log.gz:'))).toEqual([
      expect.stringMatching(new RegExp(`^authserver\\.log\\.gz truncated gzip at byte ${cut.length}, after \\d+ unpacked bytes$`)),
    ]);
  });

  it('keeps the entries of a small tgz read before the cut instead of refusing the input', async () => {
    const tgz = readFileSync(tarOf({ 'a.log': A, 'b.log': `${lines}\n` }));
    const cut = tgz.subarray(0, tgz.length - 40);
    const { result } = await read(fileOf(cut, 'bundle.tgz'));
    expect(rows(result).slice(0, 2)).toEqual(['bundle.tgz archive tgz 0 0', 'a.log log fake-json-log 2 0']);
    expect(problemList(result).filter((p) => p.startsWith('bundle.tgz '))).toEqual([
      expect.stringMatching(new RegExp(`^bundle\\.tgz truncated gzip at byte ${cut.length}, after \\d+ unpacked bytes$`)),
    ]);
  });
});
