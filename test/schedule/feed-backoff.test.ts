import { describe, expect, it } from 'vitest';
import { fetchDelayMs, isFeedFailing, needsRefreshBeforeSlot, nextFetchAt } from '../../src/schedule/index.js';

const M = 60_000;
const policy = { fetchEveryMs: 15 * M, failingAfter: 3, maxBackoffMs: 6 * 60 * M };

describe('feed fetch schedule', () => {
  it('fetches a healthy feed every interval, backs off exponentially after N failures in a row, with a cap', () => {
    expect([0, 1, 2].map((n) => fetchDelayMs(n, policy))).toEqual([15 * M, 15 * M, 15 * M]);
    expect([3, 4, 5].map((n) => fetchDelayMs(n, policy))).toEqual([30 * M, 60 * M, 120 * M]);
    expect(fetchDelayMs(50, policy)).toBe(6 * 60 * M);
    expect(isFeedFailing({ failureStreak: 2 }, policy)).toBe(false);
    expect(isFeedFailing({ failureStreak: 3 }, policy)).toBe(true);
  });

  it('fetches a new feed at once and never a paused one', () => {
    expect(nextFetchAt({ lastFetchedAt: null, failureStreak: 0, paused: false }, policy)?.getTime()).toBe(0);
    expect(nextFetchAt({ lastFetchedAt: new Date(), failureStreak: 0, paused: true }, policy)).toBeNull();
  });

  it('before a slot refreshes stale feeds but neither fresh ones nor failing ones still backing off', () => {
    const now = new Date('2026-03-02T07:00:00Z');
    const ago = (m: number) => new Date(now.getTime() - m * M);
    expect(needsRefreshBeforeSlot({ lastFetchedAt: ago(2), failureStreak: 0, paused: false }, now, 5 * M, policy)).toBe(false);
    expect(needsRefreshBeforeSlot({ lastFetchedAt: ago(10), failureStreak: 0, paused: false }, now, 5 * M, policy)).toBe(true);
    expect(needsRefreshBeforeSlot({ lastFetchedAt: ago(10), failureStreak: 4, paused: false }, now, 5 * M, policy)).toBe(false);
    expect(needsRefreshBeforeSlot({ lastFetchedAt: ago(90), failureStreak: 4, paused: false }, now, 5 * M, policy)).toBe(true);
  });
});
