import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KEY_MARKER, SecretScrubber, scrubStream } from '../../src/collect/scrub.ts';

const KEY = 'apk_live_9f8e7d6c5b4a';

async function through(chunks: string[], maxHold?: number): Promise<string> {
  const out: Buffer[] = [];
  for await (const c of Readable.from(chunks.map((s) => Buffer.from(s))).pipe(scrubStream(new SecretScrubber([KEY]), maxHold))) out.push(c as Buffer);
  return Buffer.concat(out).toString();
}

describe('SecretScrubber', () => {
  it('replaces the key in text, also in its URL-encoded form', () => {
    const s = new SecretScrubber(['k3y/with+chars']);
    expect(s.text('a k3y/with+chars b k3y%2Fwith%2Bchars')).toBe(`a ${KEY_MARKER} b ${KEY_MARKER}`);
  });

  it('replaces every occurrence in bytes', () => {
    const s = new SecretScrubber([KEY]);
    expect(s.bytes(Buffer.from(`${KEY}:${KEY}.`)).toString()).toBe(`${KEY_MARKER}:${KEY_MARKER}.`);
  });

  it('leaves text alone when there is no key', () => {
    expect(new SecretScrubber([undefined]).text('Bearer abc')).toBe('Bearer abc');
  });
});

describe('scrubStream', () => {
  it('catches a key split across two chunks of a line', async () => {
    expect(await through([`line one\nauth ${KEY.slice(0, 7)}`, `${KEY.slice(7)} end\n`])).toBe(`line one\nauth ${KEY_MARKER} end\n`);
  });

  it('catches a key split across chunks of a line longer than it holds back', async () => {
    const long = 'x'.repeat(50);
    const out = await through([`${long}${KEY.slice(0, 5)}`, `${KEY.slice(5)}${long}`], 20);
    expect(out).toBe(`${long}${KEY_MARKER}${long}`);
  });
});
