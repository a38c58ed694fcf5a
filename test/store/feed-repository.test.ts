import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFeedSource } from '../helpers/store-builders.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const t0 = new Date('2026-03-01T06:00:00.000Z');
const t1 = new Date('2026-03-01T07:00:00.000Z');
const t2 = new Date('2026-03-01T08:00:00.000Z');

describe.each(storeDialects())('feeds on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(name);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('inserts a new feed with empty fetch state', async () => {
      const feed = await t.store.feeds.upsert(
        { name: 'World Desk', url: 'https://a.example/rss', homepage: 'https://a.example/', tags: ['world', 'eu'] },
        t0,
      );
      expect(feed).toEqual({
        id: expect.any(Number),
        url: 'https://a.example/rss',
        name: 'World Desk',
        homepage: 'https://a.example/',
        tags: ['world', 'eu'],
        etag: null,
        lastModified: null,
        lastStatus: null,
        lastError: null,
        failureStreak: 0,
        lastFetchedAt: null,
        paused: false,
        createdAt: t0,
      });
      expect(await t.store.feeds.get(feed.id)).toEqual(feed);
      expect(await t.store.feeds.get(feed.id + 1000)).toBeUndefined();
    });

    it('upsert by URL updates name, homepage and tags but keeps fetch state', async () => {
      const source = makeFeedSource();
      const first = await t.store.feeds.upsert(source, t0);
      await t.store.feeds.recordFetch(first.id, {
        status: 'ok',
        fetchedAt: t1,
        etag: '"v1"',
        lastModified: 'Sun, 01 Mar 2026 07:00:00 GMT',
      });
      await t.store.feeds.recordFetch(first.id, { status: 'failed', fetchedAt: t2, error: 'timeout after 10 s' });

      const again = await t.store.feeds.upsert({ ...source, name: 'Renamed', tags: ['asia'], homepage: 'https://h/' }, t2);
      expect(again.id).toBe(first.id);
      expect(again).toMatchObject({
        name: 'Renamed',
        tags: ['asia'],
        homepage: 'https://h/',
        etag: '"v1"',
        lastModified: 'Sun, 01 Mar 2026 07:00:00 GMT',
        lastStatus: 'failed',
        lastError: 'timeout after 10 s',
        failureStreak: 1,
        lastFetchedAt: t2,
        createdAt: t0,
      });
      expect(await t.store.feeds.list()).toHaveLength(1);
    });

    it('lists feeds in insertion order', async () => {
      const a = await t.store.feeds.upsert(makeFeedSource(), t0);
      const b = await t.store.feeds.upsert(makeFeedSource(), t0);
      expect((await t.store.feeds.list()).map((f) => f.id)).toEqual([a.id, b.id]);
    });

    it('counts a failure streak and resets it on ok or not-modified', async () => {
      const feed = await t.store.feeds.upsert(makeFeedSource(), t0);
      for (let i = 0; i < 3; i++) {
        await t.store.feeds.recordFetch(feed.id, { status: 'failed', fetchedAt: t1, error: 'HTTP 500' });
      }
      expect(await t.store.feeds.get(feed.id)).toMatchObject({ failureStreak: 3, lastStatus: 'failed', lastError: 'HTTP 500' });

      await t.store.feeds.recordFetch(feed.id, { status: 'not-modified', fetchedAt: t2 });
      expect(await t.store.feeds.get(feed.id)).toMatchObject({
        failureStreak: 0,
        lastStatus: 'not-modified',
        lastError: null,
        lastFetchedAt: t2,
      });

      await t.store.feeds.recordFetch(feed.id, { status: 'failed', fetchedAt: t2 });
      expect(await t.store.feeds.get(feed.id)).toMatchObject({ failureStreak: 1, lastError: 'failed' });
      await t.store.feeds.recordFetch(feed.id, { status: 'ok', fetchedAt: t2 });
      expect(await t.store.feeds.get(feed.id)).toMatchObject({ failureStreak: 0, lastStatus: 'ok' });
    });

    it('keeps validators unless the outcome reports them; null clears them', async () => {
      const feed = await t.store.feeds.upsert(makeFeedSource(), t0);
      await t.store.feeds.recordFetch(feed.id, { status: 'ok', fetchedAt: t1, etag: '"a"', lastModified: 'x' });
      await t.store.feeds.recordFetch(feed.id, { status: 'not-modified', fetchedAt: t2 });
      expect(await t.store.feeds.get(feed.id)).toMatchObject({ etag: '"a"', lastModified: 'x' });
      await t.store.feeds.recordFetch(feed.id, { status: 'ok', fetchedAt: t2, etag: null, lastModified: null });
      expect(await t.store.feeds.get(feed.id)).toMatchObject({ etag: null, lastModified: null });
    });

    it('a permanent redirect changes the URL to fetch, and the declared URL still finds the feed', async () => {
      const source = makeFeedSource({ url: 'http://old.example/rss' });
      const feed = await t.store.feeds.upsert(source, t0);
      await t.store.feeds.recordFetch(feed.id, { status: 'ok', fetchedAt: t1, newUrl: 'https://new.example/rss' });
      expect((await t.store.feeds.get(feed.id))?.url).toBe('https://new.example/rss');

      // The next run upserts the config entry again: same row, new URL kept.
      const again = await t.store.feeds.upsert(source, t2);
      expect(again.id).toBe(feed.id);
      expect(again.url).toBe('https://new.example/rss');
      expect(await t.store.feeds.list()).toHaveLength(1);
    });

    it('a config that follows the redirect still finds the same feed', async () => {
      const feed = await t.store.feeds.upsert(makeFeedSource({ url: 'http://old.example/rss' }), t0);
      await t.store.feeds.recordFetch(feed.id, { status: 'ok', fetchedAt: t1, etag: '"e"', newUrl: 'https://new.example/rss' });
      const updated = await t.store.feeds.upsert(makeFeedSource({ url: 'https://new.example/rss', name: 'New name' }), t2);
      expect(updated).toMatchObject({ id: feed.id, url: 'https://new.example/rss', name: 'New name', etag: '"e"' });
      expect(await t.store.feeds.list()).toHaveLength(1);
    });

    it('410 Gone pauses the feed, and a later upsert does not unpause it', async () => {
      const source = makeFeedSource();
      const feed = await t.store.feeds.upsert(source, t0);
      await t.store.feeds.recordFetch(feed.id, { status: 'failed', fetchedAt: t1, error: 'HTTP 410 Gone', paused: true });
      expect(await t.store.feeds.get(feed.id)).toMatchObject({ paused: true, failureStreak: 1 });
      expect((await t.store.feeds.upsert(source, t2)).paused).toBe(true);
      await t.store.feeds.recordFetch(feed.id, { status: 'ok', fetchedAt: t2, paused: false });
      expect((await t.store.feeds.get(feed.id))?.paused).toBe(false);
    });
  });
});
