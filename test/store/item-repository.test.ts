import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedRecord } from '../../src/shared/types.js';
import { makeFeedSource, makeNewItem } from '../helpers/store-builders.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));

describe.each(storeDialects())('items on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    let feedA: FeedRecord;
    let feedB: FeedRecord;
    beforeEach(async () => {
      t = await openTestStore(name);
      feedA = await t.store.feeds.upsert(makeFeedSource({ name: 'Alpha Times' }), day(1));
      feedB = await t.store.feeds.upsert(makeFeedSource({ name: 'Beta Post' }), day(1));
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('stores items and reads them back as domain values', async () => {
      const item = makeNewItem(feedA.id, {
        title: 'Talks resume',
        tags: ['world', 'eu'],
        countries: ['BE', 'FR'],
        regions: ['europe'],
        topics: ['diplomacy-summits'],
        publishedAt: day(2, 5),
        firstSeenAt: day(2, 6),
      });
      expect(await t.store.items.insertMany([item])).toEqual({ inserted: 1 });
      const [stored] = await t.store.items.listArrived(day(2), day(3), 10);
      expect(stored).toEqual({ ...item, id: expect.any(Number), source: 'Alpha Times', feedWeight: 1 });
      expect(await t.store.items.countForFeed(feedA.id)).toBe(1);
      expect(await t.store.items.countForFeed(feedB.id)).toBe(0);
    });

    it('keeps what an item is about, and tells "not known" (stored before migration 008) from "about none"', async () => {
      const about = makeNewItem(feedA.id, { guid: 'a', countries: ['US', 'SD'], aboutCountries: ['SD'], firstSeenAt: day(2, 1) });
      const none = makeNewItem(feedA.id, { guid: 'b', countries: [], aboutCountries: [], firstSeenAt: day(2, 2) });
      const unknown = makeNewItem(feedA.id, { guid: 'c', countries: ['FR'], firstSeenAt: day(2, 3) });
      await t.store.items.insertMany([about, none, unknown]);
      const byGuid = new Map((await t.store.items.listArrived(day(2), day(3), 10)).map((i) => [i.guid, i]));
      expect(byGuid.get('a')?.aboutCountries).toEqual(['SD']);
      expect(byGuid.get('b')?.aboutCountries).toEqual([]);
      expect(byGuid.get('c')).not.toHaveProperty('aboutCountries');
      const [again] = await t.store.items.getMany([byGuid.get('a')!.id]);
      expect(again?.aboutCountries).toEqual(['SD']);
    });

    it('an empty insert is a no-op', async () => {
      expect(await t.store.items.insertMany([])).toEqual({ inserted: 0 });
    });

    it('skips a repeated guid of the same feed, within a call and across calls', async () => {
      const a = makeNewItem(feedA.id, { guid: 'g1' });
      const sameGuid = makeNewItem(feedA.id, { guid: 'g1' });
      expect(await t.store.items.insertMany([a, sameGuid])).toEqual({ inserted: 1 });
      expect(await t.store.items.insertMany([makeNewItem(feedA.id, { guid: 'g1' })])).toEqual({ inserted: 0 });
      // The same guid in another feed is another item.
      expect(await t.store.items.insertMany([makeNewItem(feedB.id, { guid: 'g1' })])).toEqual({ inserted: 1 });
      expect(await t.store.items.countForFeed(feedA.id)).toBe(1);
    });

    it('skips an item whose canonical URL is already stored, across feeds', async () => {
      const url = 'https://news.example.org/2026/talks';
      expect(await t.store.items.insertMany([makeNewItem(feedA.id, { canonicalUrl: url })])).toEqual({ inserted: 1 });
      expect(await t.store.items.insertMany([makeNewItem(feedB.id, { canonicalUrl: url })])).toEqual({ inserted: 0 });
      expect(
        await t.store.items.insertMany([
          makeNewItem(feedB.id, { canonicalUrl: `${url}-2` }),
          makeNewItem(feedA.id, { canonicalUrl: `${url}-2` }),
        ]),
      ).toEqual({ inserted: 1 });
    });

    it('items without a link do not collide with each other', async () => {
      const items = [1, 2, 3].map(() => makeNewItem(feedA.id, { url: null, canonicalUrl: null }));
      expect(await t.store.items.insertMany(items)).toEqual({ inserted: 3 });
    });

    it('skips a re-posted item by content hash, across feeds', async () => {
      expect(await t.store.items.insertMany([makeNewItem(feedA.id, { contentHash: 'h' })])).toEqual({ inserted: 1 });
      expect(await t.store.items.insertMany([makeNewItem(feedB.id, { contentHash: 'h' })])).toEqual({ inserted: 0 });
    });

    it('counts only the rows really inserted in a large mixed batch (several chunks)', async () => {
      const fresh = Array.from({ length: 450 }, () => makeNewItem(feedA.id));
      const dupes = fresh.slice(0, 120).map((i) => makeNewItem(feedB.id, { contentHash: i.contentHash }));
      expect(await t.store.items.insertMany([...fresh.slice(0, 300)])).toEqual({ inserted: 300 });
      expect(await t.store.items.insertMany([...dupes, ...fresh])).toEqual({ inserted: 150 });
      expect(await t.store.items.countForFeed(feedA.id)).toBe(450);
      expect(await t.store.items.countForFeed(feedB.id)).toBe(0);
    });

    it('listArrived takes [since, until), drops seenOnly, newest published first, limited', async () => {
      const before = makeNewItem(feedA.id, { firstSeenAt: new Date(day(2).getTime() - 1) });
      const atStart = makeNewItem(feedA.id, { firstSeenAt: day(2), publishedAt: day(1, 3) });
      const middle = makeNewItem(feedB.id, { firstSeenAt: day(2, 12), publishedAt: day(2, 11) });
      const late = makeNewItem(feedA.id, { firstSeenAt: day(2, 23), publishedAt: day(2, 1) });
      const backCatalogue = makeNewItem(feedB.id, { firstSeenAt: day(2, 12), publishedAt: day(2, 12), seenOnly: true });
      const atEnd = makeNewItem(feedA.id, { firstSeenAt: day(3) });
      await t.store.items.insertMany([before, atStart, middle, late, backCatalogue, atEnd]);

      const arrived = await t.store.items.listArrived(day(2), day(3), 10);
      expect(arrived.map((i) => i.guid)).toEqual([middle.guid, late.guid, atStart.guid]);
      expect(arrived.map((i) => i.source)).toEqual(['Beta Post', 'Alpha Times', 'Alpha Times']);
      expect(arrived.every((i) => i.seenOnly === false)).toBe(true);

      const limited = await t.store.items.listArrived(day(2), day(3), 2);
      expect(limited.map((i) => i.guid)).toEqual([middle.guid, late.guid]);
    });

    it('getMany returns items in the order asked for and ignores unknown ids', async () => {
      await t.store.items.insertMany([makeNewItem(feedA.id), makeNewItem(feedB.id), makeNewItem(feedA.id)]);
      const all = await t.store.items.listArrived(day(1), day(9), 10);
      const ids = all.map((i) => i.id).sort((a, b) => b - a);
      const got = await t.store.items.getMany([ids[1]!, 999_999, ids[0]!, ids[2]!]);
      expect(got.map((i) => i.id)).toEqual([ids[1], ids[0], ids[2]]);
      expect(await t.store.items.getMany([])).toEqual([]);
    });
  });
});
