import { describe, expect, it } from 'vitest';
import { editionWindow, shouldBuild } from '../../src/edition/index.js';

const NOW = new Date('2026-11-25T07:00:00Z');
const DAY = 86_400_000;

describe('editionWindow', () => {
  it('looks back from now for the first edition', () => {
    expect(editionWindow(undefined, NOW, DAY)).toEqual({ start: new Date('2026-11-24T07:00:00Z'), end: NOW });
  });

  it('starts where the previous edition ended', () => {
    const previous = { windowEnd: new Date('2026-11-23T07:00:00Z') };
    expect(editionWindow(previous, NOW, DAY)).toEqual({ start: previous.windowEnd, end: NOW });
  });

  it('never inverts when the previous end lies in the future', () => {
    const w = editionWindow({ windowEnd: new Date('2026-11-26T00:00:00Z') }, NOW, DAY);
    expect(w.start.getTime()).toBe(NOW.getTime());
    expect(w.end.getTime()).toBe(NOW.getTime());
  });
});

describe('shouldBuild', () => {
  it('builds with at least minItems', () => {
    expect(shouldBuild(3, 3)).toEqual({ build: true });
    expect(shouldBuild(10, 3)).toEqual({ build: true });
  });

  it('says why not, with the window start', () => {
    expect(shouldBuild(2, 3, new Date('2026-11-24T07:00:00Z'))).toEqual({
      build: false,
      reason: 'only 2 new items since 24 Nov 2026, 07:00 UTC (minItems is 3)',
    });
    expect(shouldBuild(1, 3)).toEqual({ build: false, reason: 'only 1 new item (minItems is 3)' });
  });

  it('formats the window start in the digest time zone', () => {
    const d = shouldBuild(0, 1, new Date('2026-11-24T07:00:00Z'), 'Europe/Berlin');
    expect(d).toEqual({ build: false, reason: 'no new items since 24 Nov 2026, 08:00 CET (minItems is 1)' });
  });

  it('never builds an empty edition, even with minItems 0', () => {
    expect(shouldBuild(0, 0)).toEqual({ build: false, reason: 'no new items (minItems is 0)' });
  });
});
