// One definition of a feed's health, shared by `dispatch feeds list`,
// `dispatch status`, /healthz and the studio dashboard, so they never
// disagree: a feed is "failing" once it failed `schedule.failingAfter` times
// in a row (when the scheduler starts backing off); fewer failures in a row
// are shown as "retrying".
import { isFeedFailing, nextFetchAt, type FeedBackoffPolicy } from '../schedule/index.js';
import type { FeedRecord } from '../shared/types.js';

export type FeedState = 'paused' | 'never fetched' | 'failing' | 'retrying' | 'ok';

export interface FeedHealthView {
  state: FeedState;
  /** For a table cell: "failing (4 in a row)", "retrying (1 failure)", "ok", … */
  label: string;
  retryAt: Date | null;
}

export function feedHealth(feed: FeedRecord, policy: FeedBackoffPolicy): FeedHealthView {
  const retryAt = nextFetchAt(feed, policy);
  if (feed.paused) return { state: 'paused', label: 'paused', retryAt: null };
  if (!feed.lastStatus) return { state: 'never fetched', label: 'never fetched', retryAt };
  if (isFeedFailing(feed, policy)) return { state: 'failing', label: `failing (${feed.failureStreak} in a row)`, retryAt };
  if (feed.failureStreak > 0) {
    return { state: 'retrying', label: `retrying (${feed.failureStreak} ${feed.failureStreak === 1 ? 'failure' : 'failures'}, failing after ${policy.failingAfter})`, retryAt };
  }
  return { state: 'ok', label: feed.lastStatus === 'not-modified' ? 'ok (not modified)' : 'ok', retryAt };
}

/**
 * Errors that say this machine cannot reach the network at all (DNS or
 * connection), as the ingest stage words them.
 */
const NETWORK_ERROR = /could not resolve host|could not connect|EAI_AGAIN|ENOTFOUND|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED|ETIMEDOUT/;

/**
 * True when every feed fetched over the network failed with a DNS or
 * connection error: one "this machine looks offline" line says more than N
 * copies of the same error. Needs at least two such feeds.
 */
export function looksOffline(feeds: ReadonlyArray<{ url: string; status: string; error: string | null }>): boolean {
  const remote = feeds.filter((f) => /^https?:\/\//i.test(f.url) && f.status !== 'paused');
  return remote.length >= 2 && remote.every((f) => f.status === 'failed' && NETWORK_ERROR.test(f.error ?? ''));
}
