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

  it('spells a UUID request id (as Envoy and Istio set X-Request-ID) back with its dashes and case', () => {
    const t = table();
    const uuid = t.add('cb91e4b7-d3e3-4ae8-b107-3313e16d6093');
    const upper = t.add('CB91E4B7-D3E3-4AE8-B107-3313E16D6093');
    const bare = t.add('cb91e4b7d3e34ae8b1073313e16d6093');
    // Same digits, three different ids.
    expect(new Set([uuid, upper, bare]).size).toBe(3);
    expect(t.add('cb91e4b7-d3e3-4ae8-b107-3313e16d6093')).toBe(uuid);
    expect(t.words.name(uuid)).toBe('cb91e4b7-d3e3-4ae8-b107-3313e16d6093');
    expect(t.words.name(upper)).toBe('CB91E4B7-D3E3-4AE8-B107-3313E16D6093');
    expect(t.words.name(bare)).toBe('cb91e4b7d3e34ae8b1073313e16d6093');
  });

  it('keeps ids of mixed letter case or with dashes elsewhere exactly as written', () => {
    const t = table();
    const mixed = t.add('Cb91e4b7-d3e3-4ae8-b107-3313e16d6093');
    const shifted = t.add('cb91e4b7d-3e3-4ae8-b107-3313e16d6093');
    expect(t.words.name(mixed)).toBe('Cb91e4b7-d3e3-4ae8-b107-3313e16d6093');
    expect(t.words.name(shifted)).toBe('cb91e4b7d-3e3-4ae8-b107-3313e16d6093');
    expect(t.add('Cb91e4b7-d3e3-4ae8-b107-3313e16d6093')).toBe(mixed);
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

  it('still tells UUIDs from bare hex ids with the same digits after growing', () => {
    const t = table();
    const hex = (i: number): string => `${i.toString(16).padStart(8, '0')}${'cd'.repeat(12)}`;
    const uuid = (i: number): string => hex(i).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    for (let i = 0; i < 5_000; i++) {
      t.add(hex(i));
      t.add(uuid(i));
    }
    expect(t.ids.get(hex(4_321))).toBe(2 * 4_321);
    expect(t.ids.get(uuid(4_321))).toBe(2 * 4_321 + 1);
    expect(t.words.name(2 * 4_999 + 1)).toBe(uuid(4_999));
  });
});
