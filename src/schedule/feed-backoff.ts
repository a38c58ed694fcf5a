// When a feed is fetched next. Pure: a healthy feed every `fetchEveryMs`; a
// feed that failed `failingAfter` times in a row waits twice as long after
// each further failure (capped), so a dead site is not hammered, and counts
// as failing until it answers again.

export interface FeedFetchState {
  lastFetchedAt: Date | null;
  failureStreak: number;
  paused: boolean;
}

export interface FeedBackoffPolicy {
  fetchEveryMs: number;
  failingAfter: number;
  maxBackoffMs: number;
}

/** Delay after the last fetch, given the failure streak. */
export function fetchDelayMs(failureStreak: number, p: FeedBackoffPolicy): number {
  if (failureStreak < p.failingAfter) return p.fetchEveryMs;
  const doublings = Math.min(30, failureStreak - p.failingAfter + 1);
  return Math.min(Math.max(p.fetchEveryMs, p.maxBackoffMs), p.fetchEveryMs * 2 ** doublings);
}

/** When the feed should be fetched next; null for a paused feed (never); a never-fetched feed is due at once. */
export function nextFetchAt(feed: FeedFetchState, p: FeedBackoffPolicy): Date | null {
  if (feed.paused) return null;
  if (!feed.lastFetchedAt) return new Date(0);
  return new Date(feed.lastFetchedAt.getTime() + fetchDelayMs(feed.failureStreak, p));
}

export function isFeedFailing(feed: Pick<FeedFetchState, 'failureStreak'>, p: Pick<FeedBackoffPolicy, 'failingAfter'>): boolean {
  return feed.failureStreak >= p.failingAfter;
}

/**
 * Before a slot builds: refresh a feed not fetched within `freshForMs`, unless
 * it is backing off (a failing feed is not retried early just because a slot came).
 */
export function needsRefreshBeforeSlot(feed: FeedFetchState, now: Date, freshForMs: number, p: FeedBackoffPolicy): boolean {
  if (feed.paused) return false;
  if (!feed.lastFetchedAt) return true;
  if (now.getTime() - feed.lastFetchedAt.getTime() < freshForMs) return false;
  if (isFeedFailing(feed, p)) return (nextFetchAt(feed, p)?.getTime() ?? Infinity) <= now.getTime();
  return true;
}
