import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeeds, type FeedToFetch } from '../../src/ingest/index.js';
import { mapConcurrent } from '../../src/ingest/map-concurrent.js';
import { startFeedServer, ETAG, LAST_MODIFIED, type FeedServer } from '../helpers/ingest-feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

const feed = (id: number, url: string, etag: string | null = null, lastModified: string | null = null): FeedToFetch => ({
  id,
  url,
  etag,
  lastModified,
});

describe('fetchFeeds', () => {
  it('gives every feed an outcome, in input order, whatever the others do', async () => {
    const feeds = [
      feed(1, server.url('/feed.xml')),
      feed(2, server.url('/feed.xml'), ETAG, LAST_MODIFIED),
      feed(3, server.url('/malformed.xml')),
      feed(4, server.url('/page.html')),
      feed(5, server.url('/missing.xml')),
      feed(6, server.url('/error.xml')),
      feed(7, server.url('/gone.xml')),
      feed(8, server.url('/slow.xml')),
      feed(9, server.url('/loop-a.xml')),
      feed(10, server.url('/old.xml')),
      feed(11, server.url('/big.xml')),
      feed(12, server.url('/bad-dates.xml')),
      feed(13, 'no/such/file.xml'),
    ];
    const outcomes = await fetchFeeds(feeds, { timeoutMs: 300, maxBytes: 64 * 1024, concurrency: 4 });
    expect(outcomes.map((o) => o.feedId)).toEqual(feeds.map((f) => f.id));
    const summary = outcomes.map((o) => (o.kind === 'failed' ? o.reason : o.kind));
    expect(summary).toEqual([
      'ok',
      'not-modified',
      expect.stringMatching(/^malformed XML: Unexpected close tag/),
      'not a feed: got an HTML page',
      'HTTP 404 Not Found',
      'HTTP 500 Internal Server Error',
      'HTTP 410 Gone',
      'timed out after 0.3 s',
      expect.stringMatching(/^redirect loop/),
      'ok',
      'response larger than 64 KB',
      'ok',
      expect.stringMatching(/^file not found: .*no\/such\/file\.xml$/),
    ]);

    const [ok, , , , , , gone, , , moved, , badDates] = outcomes;
    expect(ok).toMatchObject({ kind: 'ok', etag: ETAG, lastModified: LAST_MODIFIED, title: 'Test Feed' });
    expect(ok?.kind === 'ok' && ok.items).toHaveLength(3);
    expect(gone).toMatchObject({ kind: 'failed', gone: true });
    expect(moved).toMatchObject({ kind: 'ok', permanentRedirect: server.url('/moved/new.xml'), title: 'Moved Feed' });
    // One bad and one missing date: all four items kept.
    expect(badDates?.kind === 'ok' && badDates.items.map((i) => i.date)).toEqual([
      'Mon, 02 Feb 2026 08:00:00 GMT',
      'the day after tomorrow',
      undefined,
      'Mon, 05 Feb 2026 08:00:00 GMT',
    ]);
  });

  it('keeps at most `concurrency` requests in flight and reports progress for each feed', async () => {
    server.concurrencyGate = 3;
    const feeds = Array.from({ length: 12 }, (_, i) => feed(100 + i, server.url(`/concurrent/${i}`)));
    const progress: Array<[number, number, number]> = [];
    const outcomes = await fetchFeeds(feeds, { concurrency: 3, onProgress: (done, total, id) => progress.push([done, total, id]) });
    expect(outcomes.every((o) => o.kind === 'ok')).toBe(true);
    expect(server.maxInFlight).toBe(3);
    expect(progress.map(([done]) => done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(progress.every(([, total]) => total === 12)).toBe(true);
    expect(progress.map(([, , id]) => id).sort()).toEqual(feeds.map((f) => f.id).sort());
  });

  it('survives a progress callback that throws', async () => {
    const outcomes = await fetchFeeds([feed(1, server.url('/feed.xml'))], {
      onProgress: () => {
        throw new Error('terminal went away');
      },
    });
    expect(outcomes[0]?.kind).toBe('ok');
  });

  it('returns an empty list for no feeds', async () => {
    expect(await fetchFeeds([], {})).toEqual([]);
  });
});

describe('mapConcurrent', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    const done = mapConcurrent([1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return n * 10;
    });
    // Release one waiting call at a time until all have finished.
    while (release.length > 0 || running > 0) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBe(2);
  });
});
