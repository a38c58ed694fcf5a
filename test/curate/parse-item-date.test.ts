import { describe, expect, it } from 'vitest';
import { parseItemDate } from '../../src/curate/index.js';

const FIRST_SEEN = new Date('2026-11-25T07:00:00Z');
const NOW = new Date('2026-11-25T07:00:00Z');
const parse = (raw: string | undefined): string => parseItemDate(raw, FIRST_SEEN, NOW).toISOString();

describe('parseItemDate', () => {
  it.each([
    ['Tue, 24 Nov 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 2026 09:30:00 +0000', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 2026 09:30:00 +0130', '2026-11-24T08:00:00.000Z'],
    ['Tue, 24 Nov 2026 04:30:00 EST', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 2026 02:30:00 PDT', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 2026 10:30:00 CET', '2026-11-24T09:30:00.000Z'],
    ['24 Nov 2026 09:30 UT', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 26 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
    ['Tuesday, 24 November 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 2026 09:30:00', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24T09:30:00Z', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24T10:30:00+01:00', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24T09:30:00.250Z', '2026-11-24T09:30:00.250Z'],
    ['2026-11-24T09:30:00', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24 09:30', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24', '2026-11-24T00:00:00.000Z'],
    ['November 24, 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
  ])('parses %j', (raw, iso) => {
    expect(parse(raw)).toBe(iso);
  });

  it.each([undefined, '', '   ', 'not a date', 'Tue, 31 Feb 2026 10:00:00 GMT', '2026-13-01', '1', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
    'falls back to the first-seen time for %j',
    (raw) => {
      expect(parse(raw)).toBe(FIRST_SEEN.toISOString());
    },
  );

  it('clamps a date up to a day ahead to now; further ahead is absurd and takes the first-seen time', () => {
    const firstSeen = new Date('2026-11-25T06:00:00Z');
    expect(parseItemDate('Wed, 01 Dec 2027 00:00:00 GMT', firstSeen, NOW).toISOString()).toBe(firstSeen.toISOString());
    expect(parseItemDate('2026-11-25T07:00:01Z', firstSeen, NOW).toISOString()).toBe(NOW.toISOString());
  });

  it('returns a fresh Date, not the one passed in', () => {
    expect(parseItemDate(undefined, FIRST_SEEN, NOW)).not.toBe(FIRST_SEEN);
  });
});
