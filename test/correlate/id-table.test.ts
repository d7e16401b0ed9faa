import { describe, expect, it } from 'vitest';
import { IdTable, NodeWords } from '../../src/correlate/id-table.ts';

/** A table over fresh node numbers 0, 1, 2, … as the trace graph uses it. */
function table() {
  const words = new NodeWords();
  const ids = new IdTable(words);
  let next = 0;
  const add = (id: string): number => {
    const n = ids.get(id, next);
    if (n === next) next++;
    return n;
  };
  return { words, ids, add };
}

describe('the request/trace id table', () => {
  it('gives a hex id the same node every time it is seen, and spells it back as written', () => {
    const t = table();
    const a = t.add('4bf92f3577b34da6a3ce929d0e0e4736');
    const b = t.add('00f067aa0ba902b700f067aa0ba902b7');
    expect(t.add('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(a);
    expect(b).not.toBe(a);
    expect(t.words.name(a)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(t.words.name(b)).toBe('00f067aa0ba902b700f067aa0ba902b7');
  });

  it('keeps ids that are not 32-digit lowercase hex exactly as written', () => {
    const t = table();
    const upper = t.add('4BF92F3577B34DA6A3CE929D0E0E4736');
    const short = t.add('req-42');
    expect(t.add('req-42')).toBe(short);
    expect(t.words.name(upper)).toBe('4BF92F3577B34DA6A3CE929D0E0E4736');
    expect(t.words.name(short)).toBe('req-42');
  });

  it('answers -1 for an id it has never seen, without adding it', () => {
    const t = table();
    t.add('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(t.ids.get('4bf92f3577b34da6a3ce929d0e0e4737')).toBe(-1);
    expect(t.ids.get('nope')).toBe(-1);
    expect(t.add('nope')).toBe(1);
  });

  it('still finds every id after growing to ten thousand ids', () => {
    const t = table();
    const id = (i: number): string => `${i.toString(16).padStart(8, '0')}${'ab'.repeat(12)}`;
    for (let i = 0; i < 10_000; i++) t.add(id(i));
    expect(t.ids.get(id(0))).toBe(0);
    expect(t.ids.get(id(6_543))).toBe(6_543);
    expect(t.words.name(9_999)).toBe(id(9_999));
  });
});
