// Use case: bring the store's feeds in line with the config, fetch them, and
// store the curated new items. One bad feed never stops the others.
import { redactUrl, redactUrlsIn } from '../shared/redact-url.js';
import { classifyItems, curateItems } from '../curate/index.js';
import { fetchFeeds } from '../ingest/index.js';
import type { FeedRecord, FeedSource } from '../shared/types.js';
import { publishEvent } from '../observability/events.js';
import type { AppContext } from './open-context.js';

export interface FeedReport {
  feedId: number;
  name: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed' | 'paused';
  newItems: number;
  /** Items the feed had that curate rejected (with reasons in `error`). */
  rejectedItems: number;
  error: string | null;
  movedTo: string | null;
}

/** One feed finished fetching (before its items are stored). */
export interface FeedProgress {
  name: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed';
  error: string | null;
  ms: number;
}

export interface RefreshSummary {
  feeds: FeedReport[];
  newItems: number;
  /** True when at least one feed was attempted and every attempted feed failed. */
  allFailed: boolean;
}

export async function refreshFeeds(
  ctx: AppContext,
  opts: { now: () => Date; onProgress?: (done: number, total: number, feed?: FeedProgress) => void },
): Promise<RefreshSummary> {
  const { store, config } = ctx;
  const byUrl = new Map<string, FeedRecord>();
  const sourceOf = new Map<number, FeedSource>();
  for (const source of config.feeds) {
    const rec = await store.feeds.upsert(source, opts.now());
    byUrl.set(rec.url, rec);
    sourceOf.set(rec.id, source);
  }
  // Feeds that moved (301) keep their new stored URL; match them back by id.
  const records = [...new Map([...byUrl.values()].map((r) => [r.id, r])).values()];
  const active = records.filter((r) => !r.paused);
  const reports: FeedReport[] = records
    .filter((r) => r.paused)
    .map((r) => ({ feedId: r.id, name: r.name, url: r.url, status: 'paused', newItems: 0, rejectedItems: 0, error: r.lastError ?? 'paused after 410 Gone', movedTo: null }));

  const outcomes = await fetchFeeds(
    active.map((r) => ({ id: r.id, url: r.url, etag: r.etag, lastModified: r.lastModified })),
    {
      timeoutMs: config.fetch.timeoutMs,
      maxBytes: config.fetch.maxBytes,
      userAgent: config.fetch.userAgent,
      concurrency: config.fetch.concurrency,
      onProgress: (done, total, feedId, outcome, ms) => {
        const rec = active.find((r) => r.id === feedId);
        const feed: FeedProgress = {
          name: rec?.name ?? String(feedId),
          url: rec?.url ?? '',
          status: outcome.kind,
          error: outcome.kind === 'failed' ? outcome.reason : null,
          ms,
        };
        publishEvent({ type: 'feed-fetched', ...feed });
        opts.onProgress?.(done, total, feed);
      },
    },
  );

  const longestLookback = Math.max(...config.digests.map((d) => d.lookbackMs));
  let newItems = 0;
  for (const outcome of outcomes) {
    const rec = active.find((r) => r.id === outcome.feedId);
    if (!rec) continue;
    const fetchedAt = opts.now();
    const movedTo = outcome.permanentRedirect ?? null;
    if (outcome.kind === 'failed') {
      await store.feeds.recordFetch(rec.id, {
        status: 'failed',
        fetchedAt,
        error: outcome.reason,
        paused: outcome.gone,
        newUrl: movedTo ?? undefined,
      });
      reports.push({ feedId: rec.id, name: rec.name, url: rec.url, status: 'failed', newItems: 0, rejectedItems: 0, error: outcome.reason, movedTo });
      continue;
    }
    if (outcome.kind === 'not-modified') {
      await store.feeds.recordFetch(rec.id, { status: 'not-modified', fetchedAt, newUrl: movedTo ?? undefined });
      reports.push({ feedId: rec.id, name: rec.name, url: rec.url, status: 'not-modified', newItems: 0, rejectedItems: 0, error: null, movedTo });
      continue;
    }
    // A feed seen for the first time must not flood the next edition with its
    // back catalogue: what is older than the longest look-back is recorded as seen.
    const firstTime = (await store.items.countForFeed(rec.id)) === 0;
    const curated = curateItems(outcome.items, {
      feedId: rec.id,
      feedUrl: outcome.finalUrl ?? rec.url,
      tags: rec.tags,
      now: fetchedAt,
      seenOnlyBefore: firstTime ? new Date(fetchedAt.getTime() - longestLookback) : null,
    });
    const classified = classifyItems(curated.items, sourceOf.get(rec.id) ?? {}, fetchedAt);
    // Offered items first, so "n new" counts only what an edition can use; the
    // back catalogue and filtered-out items are stored as seen, never offered.
    const { inserted: eligible } = await store.items.insertMany(classified.filter((i) => !i.seenOnly));
    await store.items.insertMany(classified.filter((i) => i.seenOnly));
    newItems += eligible;
    await store.feeds.recordFetch(rec.id, {
      status: 'ok',
      fetchedAt,
      etag: outcome.etag,
      lastModified: outcome.lastModified,
      newUrl: movedTo ?? undefined,
      // A recovered document is kept whole, and `feeds list` says it is malformed.
      error:
        [outcome.malformed ? `malformed feed: ${outcome.malformed}` : null, curated.rejected.length ? `${curated.rejected.length} item(s) skipped: ${curated.rejected[0]?.reason}` : null]
          .filter((x) => x !== null)
          .join('; ') || null,
    });
    reports.push({
      feedId: rec.id,
      name: rec.name,
      url: rec.url,
      status: 'ok',
      newItems: eligible,
      rejectedItems: curated.rejected.length,
      error:
        [outcome.malformed ? `malformed feed: ${outcome.malformed}` : null, curated.rejected.length ? curated.rejected.map((r) => `item ${r.index + 1}: ${r.reason}`).join('; ') : null]
          .filter((x) => x !== null)
          .join('; ') || null,
      movedTo,
    });
  }
  const attempted = reports.filter((r) => r.status !== 'paused');
  return {
    // Reports are printed and logged: URLs lose their credentials and query here, once.
    feeds: reports
      .sort((a, b) => a.feedId - b.feedId)
      .map((r) => ({ ...r, url: redactUrl(r.url), error: r.error === null ? null : redactUrlsIn(r.error), movedTo: r.movedTo === null ? null : redactUrl(r.movedTo) })),
    newItems,
    allFailed: attempted.length > 0 && attempted.every((r) => r.status === 'failed'),
  };
}
