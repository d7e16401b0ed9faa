// Timestamps and levels as every log format writes them, normalised to epoch ms and DEBUG/INFO/WARN/ERROR.
import { describe, expect, it } from 'vitest';
import { normLevel } from '../../../../src/ingest/parsers/log/levels.ts';
import { anyTime, parseIsoTime } from '../../../../src/ingest/parsers/log/times.ts';

describe('timestamps', () => {
  it.each([
    ['2026-10-03T09:15:02Z', Date.UTC(2026, 9, 3, 9, 15, 2)],
    ['2026-10-03T09:15:02+02:00', Date.UTC(2026, 9, 3, 7, 15, 2)],
    ['2026-10-03T09:15:02-0130', Date.UTC(2026, 9, 3, 10, 45, 2)],
    ['2026-10-03T09:15:02.1Z', Date.UTC(2026, 9, 3, 9, 15, 2, 100)],
    ['2026-10-03T09:15:02.12Z', Date.UTC(2026, 9, 3, 9, 15, 2, 120)],
    ['2026-10-03T09:15:02.987654321Z', Date.UTC(2026, 9, 3, 9, 15, 2, 987)],
    ['2026-10-03 09:15:02,716', Date.UTC(2026, 9, 3, 9, 15, 2, 716)],
    ['2026/10/03 09:15:02', Date.UTC(2026, 9, 3, 9, 15, 2)],
    ['2026-10-03t09:15:02z', Date.UTC(2026, 9, 3, 9, 15, 2)],
  ])('reads %s', (s, ms) => {
    expect(parseIsoTime(s)).toBe(ms);
  });

  it('gives the right answer for lines of the same second in different zones', () => {
    expect(parseIsoTime('2026-10-03T09:15:02.5Z')).toBe(Date.UTC(2026, 9, 3, 9, 15, 2, 500));
    expect(parseIsoTime('2026-10-03T09:15:02.5+01:00')).toBe(Date.UTC(2026, 9, 3, 8, 15, 2, 500));
    expect(parseIsoTime('2026-10-03T09:15:02Z')).toBe(Date.UTC(2026, 9, 3, 9, 15, 2));
  });

  it.each([
    ['not a time at all'], ['2026-13-03T09:15:02Z'], ['2026-10-03T09:61:02Z'], ['2026-10-03T09:15:02Zjunk'],
    ['2026-10-03T09:15:02.Z'], ['2026-10-03X09:15:02Z'], ['2026-10-03'],
  ])('rejects %s', (s) => {
    expect(parseIsoTime(s)).toBeNull();
  });

  it.each([
    [1791018902, Date.UTC(2026, 9, 3, 9, 15, 2)],
    [1791018902500, Date.UTC(2026, 9, 3, 9, 15, 2, 500)],
    [1791018902500123, Date.UTC(2026, 9, 3, 9, 15, 2, 500)],
    [1791018902500000000, Date.UTC(2026, 9, 3, 9, 15, 2, 500)],
    ['1791018902.5', Date.UTC(2026, 9, 3, 9, 15, 2, 500)],
  ])('reads the epoch number %s in whatever unit it was written', (v, ms) => {
    expect(anyTime(v)).toBe(ms);
  });
});

describe('levels', () => {
  it.each([
    ['INFO', 'INFO'], ['WARN', 'WARN'], ['warning', 'WARN'], ['WARNING', 'WARN'], ['err', 'ERROR'], ['fatal', 'ERROR'],
    ['CRITICAL', 'ERROR'], ['panic', 'ERROR'], ['SEVERE', 'ERROR'], ['trace', 'DEBUG'], ['FINE', 'DEBUG'], ['CONFIG', 'INFO'],
    ['notice', 'INFO'], ['INFO+2', 'INFO'], ['DEBUG-4', 'DEBUG'], ['WARN+4', 'ERROR'], ['30', 'INFO'], [' error ', 'ERROR'],
    [10, 'DEBUG'], [40, 'WARN'], [50, 'ERROR'], [3, 'ERROR'], [4, 'WARN'], [6, 'INFO'], [7, 'DEBUG'],
  ] as const)('maps %s to %s', (v, want) => {
    expect(normLevel(v)).toBe(want);
  });

  it.each([['verbosely'], [''], [null], [{}]])('does not guess a level from %s', (v) => {
    expect(normLevel(v)).toBeUndefined();
  });
});
