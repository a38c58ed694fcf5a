// Reports, rates, pauses, holds and challenge claims on every dialect.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edition, Subscriber } from '../../src/shared/types.js';
import { makeEditionInput } from '../helpers/store-builders.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const t0 = new Date('2026-03-02T07:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(storeDialects())('deliverability on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    let subs: Subscriber[];

    beforeEach(async () => {
      t = await openTestStore(name);
      subs = [];
      for (const email of ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org']) {
        subs.push((await t.store.subscribers.add({ email, status: 'active', now: t0 })).subscriber);
      }
    });
    afterEach(async () => {
      await t.cleanup();
    });

    /** An edition sent to every active subscriber, each with Message-ID <e{ed}.{email}>. */
    async function sentEdition(n: number, at: Date): Promise<Edition> {
      const edition = (await t.store.editions.create(makeEditionInput({ slot: `s${n}`, now: at }))).edition;
      await t.store.deliveries.enqueue(edition.id, at);
      for (const target of await t.store.deliveries.nextBatch(edition.id, 0, 100)) {
        await t.store.deliveries.markSent(target.deliveryId, { messageId: `<e${edition.id}.${target.email}>`, reply: '250 ok', at });
      }
      return edition;
    }

    async function report(edition: Edition, who: Subscriber, kind: 'hard' | 'soft' | 'complaint', at = t0) {
      const d = await t.store.deliverability.findDelivery(edition.id, who.id);
      if (!d) throw new Error('no delivery');
      return t.store.deliverability.addReport({
        deliveryId: d.deliveryId, editionId: edition.id, subscriberId: who.id, kind, statusCode: kind === 'soft' ? '4.2.2' : '5.1.1', diagnostic: 'x'.repeat(2000), identifiedBy: 'verp', format: 'dsn', receivedAt: at,
      });
    }

    it('finds deliveries by (edition, subscriber), Message-ID with or without brackets, and latest to an address', async () => {
      const e1 = await sentEdition(1, t0);
      const e2 = await sentEdition(2, later(86_400_000));
      const [a] = subs as [Subscriber];
      expect(await t.store.deliverability.findDelivery(e1.id, a.id)).toMatchObject({ editionId: e1.id, subscriberId: a.id, email: 'a@example.org', digest: 'daily' });
      expect(await t.store.deliverability.findDeliveryByMessageId(`<e${e2.id}.a@example.org>`)).toMatchObject({ editionId: e2.id });
      expect(await t.store.deliverability.findDeliveryByMessageId(`e${e1.id}.a@example.org`)).toMatchObject({ editionId: e1.id });
      expect(await t.store.deliverability.findDeliveryByMessageId('<unknown@x>')).toBeUndefined();
      expect(await t.store.deliverability.findLatestDeliveryTo('a@example.org')).toMatchObject({ editionId: e2.id });
    });

    it('stores reports (diagnostic capped) and counts each delivery once per kind', async () => {
      const e1 = await sentEdition(1, t0);
      const [a, b, c] = subs as [Subscriber, Subscriber, Subscriber];
      const r = await report(e1, a, 'hard');
      expect(r).toMatchObject({ kind: 'hard', statusCode: '5.1.1', identifiedBy: 'verp', format: 'dsn', receivedAt: t0 });
      expect(r.diagnostic).toHaveLength(1000);
      await report(e1, b, 'soft');
      await report(e1, b, 'soft');
      await report(e1, c, 'complaint');
      expect(await t.store.deliverability.reportsFor(r.deliveryId)).toHaveLength(1);
      expect(await t.store.deliverability.editionCounts(e1.id)).toEqual({ sent: 4, hardBounces: 1, softBounces: 1, complaints: 1 });
      expect(await t.store.deliverability.hasComplained(c.id)).toBe(true);
      expect(await t.store.deliverability.hasComplained(a.id)).toBe(false);
    });

    it('counts a window by send time and digest', async () => {
      const e1 = await sentEdition(1, t0);
      const e2 = await sentEdition(2, later(40 * 86_400_000));
      await report(e1, subs[0] as Subscriber, 'complaint');
      await report(e2, subs[1] as Subscriber, 'hard');
      const end = later(41 * 86_400_000);
      expect(await t.store.deliverability.windowCounts(later(30 * 86_400_000), end)).toEqual({ sent: 4, hardBounces: 1, softBounces: 0, complaints: 0 });
      expect(await t.store.deliverability.windowCounts(t0, end, 'daily')).toEqual({ sent: 8, hardBounces: 1, softBounces: 0, complaints: 1 });
      expect(await t.store.deliverability.windowCounts(t0, end, 'weekly')).toEqual({ sent: 0, hardBounces: 0, softBounces: 0, complaints: 0 });
    });

    it('counts soft-bounced editions among a reader\'s last N', async () => {
      const a = subs[0] as Subscriber;
      const editions = [];
      for (let n = 1; n <= 4; n++) editions.push(await sentEdition(n, later(n * 86_400_000)));
      await report(editions[0] as Edition, a, 'soft');
      await report(editions[2] as Edition, a, 'soft');
      await report(editions[3] as Edition, a, 'soft');
      expect(await t.store.deliverability.softBouncedEditions(a.id, 2)).toBe(2);
      expect(await t.store.deliverability.softBouncedEditions(a.id, 3)).toBe(2);
      expect(await t.store.deliverability.softBouncedEditions(a.id, 4)).toBe(3);
    });

    it('counts hard bounces among an edition\'s first N deliveries', async () => {
      const e1 = await sentEdition(1, t0);
      await report(e1, subs[3] as Subscriber, 'hard');
      await report(e1, subs[0] as Subscriber, 'hard');
      expect(await t.store.deliverability.earlyHardBounces(e1.id, 2)).toEqual({ hard: 1, deliveries: 2 });
      expect(await t.store.deliverability.earlyHardBounces(e1.id, 1000)).toEqual({ hard: 2, deliveries: 4 });
    });

    it('pauses and resumes digests, holds and releases editions, once each', async () => {
      const d = t.store.deliverability;
      expect(await d.pauseDigest('daily', 'complaints', t0)).toBe(true);
      expect(await d.pauseDigest('daily', 'again', later(1))).toBe(false);
      expect(await d.digestPause('daily')).toEqual({ reason: 'complaints', pausedAt: t0 });
      expect(await d.resumeDigest('daily')).toBe(true);
      expect(await d.resumeDigest('daily')).toBe(false);
      expect(await d.digestPause('daily')).toBeUndefined();
      expect(await d.holdEdition(7, 'breaker', t0)).toBe(true);
      expect(await d.holdEdition(7, 'breaker', t0)).toBe(false);
      expect(await d.editionHold(7)).toEqual({ reason: 'breaker', heldAt: t0 });
      expect(await d.releaseEdition(7)).toBe(true);
      expect(await d.editionHold(7)).toBeUndefined();
    });

    it('claims one challenge per address per interval, racing claims included', async () => {
      const d = t.store.deliverability;
      const claims = await Promise.all(Array.from({ length: 5 }, () => d.claimChallenge('h1', t0, later(-86_400_000))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await d.claimChallenge('h1', later(3600_000), later(3600_000 - 86_400_000))).toBe(false);
      expect(await d.claimChallenge('h1', later(86_400_001), later(1))).toBe(true);
      expect(await d.claimChallenge('h2', t0, later(-86_400_000))).toBe(true);
    });
  });
});
