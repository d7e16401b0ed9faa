import { describe, expect, it } from 'vitest';
import { detectContainer } from '../../../src/ingest/reader/detect.ts';
import { packTar } from './fixtures.ts';

describe('container detection by magic bytes', () => {
  it('knows gzip, zip (also an empty one) and tar', async () => {
    expect(detectContainer(Buffer.from([0x1f, 0x8b, 0x08, 0, 0]))).toBe('gzip');
    expect(detectContainer(Buffer.from('PK\x03\x04rest'))).toBe('zip');
    expect(detectContainer(Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]))).toBe('zip');
    expect(detectContainer(await packTar([{ name: 'a.log', content: 'x' }]))).toBe('tar');
  });

  it('knows an old v7 tar header without the ustar magic by its checksum', async () => {
    const tar = await packTar([{ name: 'a.log', content: 'x' }]);
    const v7 = Buffer.from(tar);
    v7.fill(0, 257, 265); // drop magic and version, then fix the checksum as v7 tar would have written it
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : v7[i]!;
    v7.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(detectContainer(v7)).toBe('tar');
  });

  it('does not take a log that says "ustar" at byte 257 for a tar', () => {
    const text = Buffer.from(`${'{"msg":"lunch"} '.repeat(16)}m${'ustard'.padEnd(300, ' ')}`);
    expect(text.toString('latin1', 257, 262)).toBe('ustar');
    expect(detectContainer(text)).toBeNull();
  });

  it('calls plain text and short input plain files', () => {
    expect(detectContainer(Buffer.from('{"time":"2026-10-03T09:15:02Z"}\n'))).toBeNull();
    expect(detectContainer(Buffer.alloc(0))).toBeNull();
    expect(detectContainer(Buffer.from([0x1f, 0x8b]))).toBeNull();
  });
});
