// Use case: fetch only the feeds that are due (by the scheduler's interval
// and backoff, or because a slot is about to build), not every feed.
import type { FeedBackoffPolicy } from '../schedule/index.js';
import type { FeedRecord } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { refreshFeeds, type RefreshSummary } from './refresh-feeds.js';

export function backoffPolicy(ctx: Pick<AppContext, 'config'>): FeedBackoffPolicy {
  const s = ctx.config.schedule;
  return { fetchEveryMs: s.fetchEveryMs, failingAfter: s.failingAfter, maxBackoffMs: s.maxBackoffMs };
}

/**
 * Refreshes the config's feeds whose stored record passes `isDue`; summary
 * is null when none was due. feedIds are the store ids of the config's feeds
 * (a moved feed keeps its id, not its URL). refreshFeeds works from
 * config.feeds, so it is handed a context narrowed to the due feeds.
 */
export async function refreshDueFeeds(
  ctx: AppContext,
  opts: { now: () => Date; isDue: (feed: FeedRecord) => boolean },
): Promise<{ summary: RefreshSummary | null; feedIds: number[] }> {
  const due = [];
  const feedIds: number[] = [];
  for (const source of ctx.config.feeds) {
    const rec = await ctx.store.feeds.upsert(source, opts.now());
    feedIds.push(rec.id);
    if (opts.isDue(rec)) due.push(source);
  }
  if (due.length === 0) return { summary: null, feedIds };
  return { summary: await refreshFeeds({ ...ctx, config: { ...ctx.config, feeds: due } }, { now: opts.now }), feedIds };
}

/** Who holds a lease: "host#pid#a1b2c3" (see schedule/holder-id.ts). */
export { processHolderId } from '../schedule/index.js';
