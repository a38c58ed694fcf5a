import { describe, expect, it } from 'vitest';
import { pickHeadline } from '../../src/cluster/index.js';
import { makeClusterItem } from '../helpers/cluster-builders.js';

describe('pickHeadline', () => {
  const wire = makeClusterItem({ id: 1, feedId: 1, hoursAfter: 0 });
  const wireUpdate = makeClusterItem({ id: 2, feedId: 1, hoursAfter: 1 });
  const paper = makeClusterItem({ id: 3, feedId: 2, hoursAfter: 2 });
  const official = makeClusterItem({ id: 4, feedId: 3, hoursAfter: 3 });
  const weights = new Map([[1, 1], [2, 2], [3, 0.5]]);
  const weight = (item: { feedId: number }) => weights.get(item.feedId) ?? 0;

  it('leads with the heaviest source, lists one item per other outlet, and keeps same-outlet extras apart', () => {
    const h = pickHeadline({ items: [wire, wireUpdate, paper, official] }, weight);
    expect(h.headline.id).toBe(3);
    expect(h.alsoReportedBy.map((i) => i.id)).toEqual([1, 4]);
    expect(h.duplicates.map((i) => i.id)).toEqual([2]);
  });

  it('breaks a weight tie by the earliest report, then the smallest id', () => {
    const h = pickHeadline({ items: [wireUpdate, paper, wire] }, () => 1);
    expect(h.headline.id).toBe(1);
    expect(h.alsoReportedBy.map((i) => i.id)).toEqual([3]);
    expect(h.duplicates.map((i) => i.id)).toEqual([2]);
    const twin = { ...wire, id: 9, feedId: 5 };
    expect(pickHeadline({ items: [twin, wire] }, () => 1).headline.id).toBe(1);
  });

  it('treats a weight that is not a finite number as 0', () => {
    const h = pickHeadline({ items: [wire, paper] }, (i) => (i.id === 1 ? Number.NaN : 0.1));
    expect(h.headline.id).toBe(3);
  });

  it('refuses an empty story', () => {
    expect(() => pickHeadline({ items: [] }, () => 1)).toThrow(RangeError);
  });
});
