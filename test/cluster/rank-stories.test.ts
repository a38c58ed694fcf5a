import { describe, expect, it } from 'vitest';
import { rankStories } from '../../src/cluster/index.js';
import { BASE_TIME, HOUR, makeClusterItem } from '../helpers/cluster-builders.js';

const now = new Date(BASE_TIME + 2 * HOUR);

function story(id: string, specs: Array<{ feedId: number; hoursAfter: number }>) {
  return { id, items: specs.map((s) => makeClusterItem(s)) };
}

describe('rankStories', () => {
  it('puts the story more outlets carried first, other things equal', () => {
    const one = story('one', [{ feedId: 1, hoursAfter: 2 }]);
    const three = story('three', [{ feedId: 1, hoursAfter: 2 }, { feedId: 2, hoursAfter: 2 }, { feedId: 3, hoursAfter: 2 }]);
    const ranked = rankStories([one, three], { now });
    expect(ranked.map((r) => r.id)).toEqual(['three', 'one']);
    expect(ranked[0]?.outlets).toBe(3);
    expect(ranked[0]?.score).toBeCloseTo(1 + Math.log(3), 10);
  });

  it('counts one outlet once, however many of its items a story has, and can group feeds into outlets', () => {
    const s = story('s', [{ feedId: 1, hoursAfter: 0 }, { feedId: 1, hoursAfter: 1 }, { feedId: 2, hoursAfter: 0 }]);
    expect(rankStories([s], { now })[0]?.outlets).toBe(2);
    expect(rankStories([s], { now, outletOf: () => 'same publisher' })[0]?.outlets).toBe(1);
  });

  it('weighs the best source of a story', () => {
    const strong = story('strong', [{ feedId: 10, hoursAfter: 0 }]);
    const weak = story('weak', [{ feedId: 11, hoursAfter: 0 }, { feedId: 12, hoursAfter: 0 }]);
    const weight = (i: { feedId: number }) => (i.feedId === 10 ? 3 : 1);
    const ranked = rankStories([weak, strong], { now, weight });
    expect(ranked.map((r) => r.id)).toEqual(['strong', 'weak']);
    expect(ranked[0]?.weight).toBe(3);
  });

  it('halves the score per half-life of age, measured from the newest item and from `now`', () => {
    const fresh = story('fresh', [{ feedId: 1, hoursAfter: 2 }]);
    const old = story('old', [{ feedId: 2, hoursAfter: -22 }]);
    const ranked = rankStories([old, fresh], { now });
    expect(ranked.map((r) => r.id)).toEqual(['fresh', 'old']);
    expect(ranked[1]?.score).toBeCloseTo(0.5, 10);
    expect(rankStories([old], { now, halfLifeMs: 12 * HOUR })[0]?.score).toBeCloseTo(0.25, 10);
    // A future date counts as now, not as a bonus.
    const future = story('future', [{ feedId: 1, hoursAfter: 30 }]);
    expect(rankStories([future], { now })[0]?.score).toBe(1);
  });

  it('breaks ties by outlets, then recency, then the smaller first id, so the order is repeatable', () => {
    const a = { id: 'a', items: [makeClusterItem({ id: 5, feedId: 1 })] };
    const b = { id: 'b', items: [makeClusterItem({ id: 4, feedId: 1 })] };
    expect(rankStories([a, b], { now }).map((r) => r.id)).toEqual(['b', 'a']);
    expect(rankStories([b, a], { now }).map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('is pure: the same `now` gives the same ranking, and the input is untouched', () => {
    const stories = [story('x', [{ feedId: 1, hoursAfter: -5 }]), story('y', [{ feedId: 2, hoursAfter: -1 }])];
    const copy = JSON.stringify(stories);
    expect(rankStories(stories, { now })).toEqual(rankStories(stories, { now }));
    expect(JSON.stringify(stories)).toBe(copy);
  });

  it('rejects an invalid `now` or half-life', () => {
    expect(() => rankStories([], { now: new Date(Number.NaN) })).toThrow(RangeError);
    expect(() => rankStories([], { now, halfLifeMs: 0 })).toThrow(RangeError);
  });
});
