import { describe, expect, it } from 'vitest';
import { buildEditionModel, recentEnough, storiesOf } from '../../src/edition/index.js';
import { schedulePeriodMs } from '../../src/schedule/index.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

const DAY = 86_400_000;

describe('maxAge', () => {
  it('takes the schedule\'s period as the shortest gap between slots', () => {
    expect(schedulePeriodMs({ schedule: '0 7 * * 1-5', timezone: 'Europe/Berlin' })).toBe(DAY);
    expect(schedulePeriodMs({ schedule: '0 7 * * *', timezone: 'UTC' })).toBe(DAY);
    expect(schedulePeriodMs({ schedule: '0 8 * * 1', timezone: 'UTC' })).toBe(7 * DAY);
    expect(schedulePeriodMs({ schedule: '0 */6 * * *', timezone: 'UTC' })).toBe(6 * 3600_000);
  });

  it('keeps only items published within maxAge', () => {
    const now = new Date('2026-11-25T07:00:00Z');
    const fresh = makeStoredItem({ publishedAt: new Date(now.getTime() - DAY) });
    const stale = makeStoredItem({ publishedAt: new Date(now.getTime() - 6 * DAY) });
    expect(recentEnough([fresh, stale], now, 2 * DAY)).toEqual([fresh]);
  });
});

describe('maxPerSource', () => {
  it('caps the stories one outlet may lead, giving way to the next best story', () => {
    const now = new Date('2026-11-25T07:00:00Z');
    const items = [
      ...[1, 2, 3, 4].map((id) => makeStoredItem({ id, source: 'Prolific Wire', title: `Wire ${id}`, publishedAt: new Date(now.getTime() - id * 60_000) })),
      makeStoredItem({ id: 5, source: 'Quiet Desk', title: 'Desk 5', publishedAt: new Date(now.getTime() - 50 * 60_000) }),
    ];
    const model = buildEditionModel(items, { name: 'daily', title: 'Daily', maxItems: 3, maxPerSource: 2 }, { now, editionId: null });
    expect(storiesOf(model).map((s) => s.headline.title)).toEqual(['Wire 1', 'Wire 2', 'Desk 5']);
    const uncapped = buildEditionModel(items, { name: 'daily', title: 'Daily', maxItems: 3 }, { now, editionId: null });
    expect(storiesOf(uncapped).map((s) => s.headline.source)).toEqual(['Prolific Wire', 'Prolific Wire', 'Prolific Wire']);
  });
});
