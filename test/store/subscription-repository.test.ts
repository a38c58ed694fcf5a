// Double opt-in storage on both dialects: the hourly confirmation slot and
// single-use consumption hold under concurrency; consent and erasure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEditionModel } from '../helpers/store-builders.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const t0 = new Date('2026-03-01T06:00:00.000Z');
const hour = 3600_000;
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(storeDialects())('subscriptions on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    let id: number;
    beforeEach(async () => {
      t = await openTestStore(name);
      id = (await t.store.subscribers.add({ email: 'ana@example.org', status: 'pending', now: t0 })).subscriber.id;
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('grants one confirmation slot per hour, to exactly one of many concurrent claims', async () => {
      const claims = await Promise.all(Array.from({ length: 10 }, () => t.store.subscriptions.claimConfirmationSlot(id, t0, at(-hour))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await t.store.subscriptions.claimConfirmationSlot(id, at(59 * 60_000), at(59 * 60_000 - hour))).toBe(false);
      expect(await t.store.subscriptions.claimConfirmationSlot(id, at(hour + 1), at(1))).toBe(true);
      await t.store.subscriptions.releaseConfirmationSlot(id);
      expect(await t.store.subscriptions.claimConfirmationSlot(id, at(hour + 2), at(2))).toBe(true);
    });

    async function confirmation(hash: string, expiresIn = 48 * hour) {
      await t.store.subscriptions.createConfirmation({
        subscriberId: id,
        tokenHash: hash,
        preferences: { regions: ['europe'] },
        source: 'web',
        requestIp: '192.0.2.1',
        expiresAt: at(expiresIn),
        now: t0,
      });
    }

    it('consumes a confirmation once, even when used concurrently; then says "used"', async () => {
      await confirmation('h1');
      const results = await Promise.all(Array.from({ length: 5 }, () => t.store.subscriptions.consumeConfirmation('h1', at(1000))));
      expect(results.filter((r) => r.ok)).toEqual([{ ok: true, subscriberId: id, preferences: { regions: ['europe'] }, source: 'web' }]);
      expect(await t.store.subscriptions.consumeConfirmation('h1', at(2000))).toEqual({ ok: false, reason: 'used', subscriberId: id });
    });

    it('says "expired" after the expiry and "unknown" for a hash it never stored', async () => {
      await confirmation('h2', hour);
      expect(await t.store.subscriptions.consumeConfirmation('h2', at(hour))).toEqual({ ok: false, reason: 'expired', subscriberId: id });
      expect(await t.store.subscriptions.consumeConfirmation('nope', t0)).toEqual({ ok: false, reason: 'unknown', subscriberId: null });
    });

    it('using one confirmation retires the subscriber\'s others', async () => {
      await confirmation('a');
      await confirmation('b');
      expect((await t.store.subscriptions.consumeConfirmation('b', at(1))).ok).toBe(true);
      expect(await t.store.subscriptions.consumeConfirmation('a', at(2))).toMatchObject({ ok: false, reason: 'used' });
    });

    it('activates with a consent record and the confirmed preferences', async () => {
      await t.store.subscriptions.activate(id, { now: at(hour), source: 'mail', ip: '2001:db8::1', preferences: { topics: ['migration'] } });
      expect(await t.store.subscribers.get(id)).toMatchObject({ status: 'active', consentAt: at(hour), consentSource: 'mail', preferences: { topics: ['migration'] } });
      expect(await t.store.subscriptions.getConsent(id)).toEqual({ at: at(hour), source: 'mail', ip: '2001:db8::1' });
      await t.store.subscriptions.setPreferences(id, { regions: ['americas'] }, at(2 * hour));
      expect((await t.store.subscribers.get(id))?.preferences).toEqual({ regions: ['americas'] });
    });

    it('erases a subscriber with their deliveries and confirmations, keeping only the hash', async () => {
      await confirmation('h3');
      const other = (await t.store.subscribers.add({ email: 'bo@example.org', status: 'active', now: t0 })).subscriber;
      await t.store.subscribers.setStatus(id, 'active', t0);
      const { edition } = await t.store.editions.create({
        digest: 'daily', slot: 's', windowStart: t0, windowEnd: t0, subject: 'x', itemIds: [], model: makeEditionModel(), now: t0,
      });
      expect(await t.store.deliveries.enqueue(edition.id, t0)).toBe(2);
      expect(await t.store.subscriptions.erase('ana@example.org', 'hash-ana', t0)).toBe(true);
      expect(await t.store.subscribers.findByEmail('ana@example.org')).toBeUndefined();
      expect(await t.exec(`select count(*) as n from deliveries where subscriber_id = ${id}`)).toEqual([{ n: expect.anything() }]);
      expect(Number((await t.exec(`select count(*) as n from deliveries where subscriber_id = ${id}`))[0]?.n)).toBe(0);
      expect(Number((await t.exec(`select count(*) as n from confirmations`))[0]?.n)).toBe(0);
      expect(Number((await t.exec(`select count(*) as n from deliveries where subscriber_id = ${other.id}`))[0]?.n)).toBe(1);
      expect(await t.store.subscriptions.isSuppressed('hash-ana')).toBe(true);
      const rows = await t.exec(`select * from suppressions`);
      expect(JSON.stringify(rows)).not.toContain('ana@');
      // Erasing twice (or someone unknown) is not an error.
      expect(await t.store.subscriptions.erase('ana@example.org', 'hash-ana', t0)).toBe(false);
      await t.store.subscriptions.unsuppress('hash-ana');
      expect(await t.store.subscriptions.isSuppressed('hash-ana')).toBe(false);
    });
  });
});
