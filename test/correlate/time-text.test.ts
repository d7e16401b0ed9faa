import { describe, expect, it } from 'vitest';
import { TimeTexts } from '../../src/correlate/time-text.ts';
import { TextColumn } from '../../src/correlate/text-column.ts';

describe('created_at texts kept as numbers', () => {
  it('spells every time text back exactly as it was written', () => {
    const texts = [
      '2026-10-03T08:34:33.905704863Z',
      '2026-10-03T08:34:33Z',
      '2026-10-03T08:34:33.050Z',
      '2026-10-03T08:34:33.000000001+02:00',
      '2024-02-29T23:59:59.5-07:30',
      '',
      '2026-02-30T10:00:00Z',
      '2026-10-03 08:34:33',
      '0099-01-01T00:00:00Z',
      '2026-10-03T08:34:60Z',
      '2026-10-03T08:34:33.1234567890Z',
      'yesterday',
    ];
    const col = new TimeTexts();
    for (const t of texts) col.push(t);
    expect(texts.map((_, i) => col.get(i))).toEqual(texts);
  });
});

describe('short texts kept as bytes', () => {
  it('gives back each text as stored, including empty, non-ASCII and long ones', () => {
    const texts = ['family=abc', '', 'reuse_detection family=f2', 'café ünïcode 🔑', 'x'.repeat(5000), '\ud800 lone', 'jti=1'];
    const col = new TextColumn();
    for (const t of texts) col.push(t);
    expect(texts.map((_, i) => col.get(i))).toEqual(texts);
  });

  it('keeps texts apart when they fill more than one chunk', () => {
    const col = new TextColumn();
    const texts = Array.from({ length: 60_000 }, (_, i) => `family=${String(i).padStart(6, '0')} jti=${'j'.repeat(i % 7)}`);
    for (const t of texts) col.push(t);
    expect(col.get(0)).toBe('family=000000 jti=');
    expect(col.get(59_999)).toBe(`family=059999 jti=${'j'.repeat(59_999 % 7)}`);
    expect(texts.every((t, i) => col.get(i) === t)).toBe(true);
  });
});
