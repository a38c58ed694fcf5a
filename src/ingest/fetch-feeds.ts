// Fetches and parses many feeds with a concurrency limit. One bad feed never
// stops the run: every feed gets an outcome, and this never rejects.
import type { RawItem } from '../shared/types.js';
import { fetchFeed, type FetchOptions } from './fetch-feed.js';
import { mapConcurrent } from './map-concurrent.js';
import { parseFeed } from './parse-feed.js';

export interface FeedToFetch {
  id: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchFeedsOptions extends FetchOptions {
  /** Feeds fetched at the same time. Default 8. */
  concurrency?: number;
  /** Called after each feed's outcome is known; `done` counts finished feeds; `ms` is how long the feed took. */
  onProgress?: (done: number, total: number, feedId: number, outcome: FeedOutcome, ms: number) => void;
}

export interface FeedOutcomeOk {
  feedId: number;
  kind: 'ok';
  /** The feed's own title and site link (null when it gives none). */
  title: string | null;
  link: string | null;
  items: RawItem[];
  /** Why the document was not well-formed when it had to be recovered, else null. */
  malformed: string | null;
  /** Validators to store for the next conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** Where the document came from after redirects: the base for relative item links. */
  finalUrl: string;
  /** New URL to store after 301/308, else null. */
  permanentRedirect: string | null;
}

export interface FeedOutcomeNotModified {
  feedId: number;
  kind: 'not-modified';
  permanentRedirect: string | null;
}

export interface FeedOutcomeFailed {
  feedId: number;
  kind: 'failed';
  reason: string;
  /** 410 Gone: pause the feed. */
  gone: boolean;
  permanentRedirect: string | null;
}

export type FeedOutcome = FeedOutcomeOk | FeedOutcomeNotModified | FeedOutcomeFailed;

export const DEFAULT_CONCURRENCY = 8;

/** Fetch and parse one feed; never rejects. */
export async function fetchAndParseFeed(feed: FeedToFetch, opts: FetchOptions = {}): Promise<FeedOutcome> {
  try {
    const fetched = await fetchFeed({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified }, opts);
    if (fetched.kind !== 'ok') return { feedId: feed.id, ...fetched };
    const parsed = await parseFeed(fetched.body, { baseUrl: fetched.finalUrl });
    if (!parsed.ok) {
      // No validators on failure, so the next run fetches the document again.
      return { feedId: feed.id, kind: 'failed', reason: parsed.reason, gone: false, permanentRedirect: fetched.permanentRedirect };
    }
    return {
      feedId: feed.id,
      kind: 'ok',
      title: parsed.title,
      link: parsed.link,
      items: parsed.items,
      malformed: parsed.malformed ?? null,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      finalUrl: fetched.finalUrl,
      permanentRedirect: fetched.permanentRedirect,
    };
  } catch (err) {
    return {
      feedId: feed.id,
      kind: 'failed',
      reason: `unexpected error: ${err instanceof Error ? err.message : String(err)}`,
      gone: false,
      permanentRedirect: null,
    };
  }
}

/** Fetch and parse every feed, at most `concurrency` at a time; outcomes in input order. */
export async function fetchFeeds(feeds: readonly FeedToFetch[], opts: FetchFeedsOptions = {}): Promise<FeedOutcome[]> {
  const { concurrency = DEFAULT_CONCURRENCY, onProgress, ...fetchOptions } = opts;
  let done = 0;
  return mapConcurrent(feeds, concurrency, async (feed) => {
    const started = performance.now();
    const outcome = await fetchAndParseFeed(feed, fetchOptions);
    done++;
    try {
      onProgress?.(done, feeds.length, feed.id, outcome, performance.now() - started);
    } catch {
      // A progress display must not decide the run's outcome.
    }
    return outcome;
  });
}
