import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const t0 = new Date('2026-03-01T06:00:00.000Z');
const t1 = new Date('2026-03-02T06:00:00.000Z');
const t2 = new Date('2026-03-03T06:00:00.000Z');

describe.each(storeDialects())('subscribers on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(name);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('adds a subscriber; an active one has consent at the time added', async () => {
      const result = await t.store.subscribers.add({
        email: 'ana@example.org',
        name: 'Ana',
        status: 'active',
        preferences: { digests: ['daily'], regions: ['europe'] },
        consentSource: 'cli',
        now: t0,
      });
      expect(result).toEqual({
        created: true,
        subscriber: {
          id: expect.any(Number),
          email: 'ana@example.org',
          name: 'Ana',
          status: 'active',
          preferences: { digests: ['daily'], regions: ['europe'] },
          consentAt: t0,
          consentSource: 'cli',
          createdAt: t0,
        },
      });
      expect(await t.store.subscribers.findByEmail('ana@example.org')).toEqual(result.subscriber);
      expect(await t.store.subscribers.get(result.subscriber.id)).toEqual(result.subscriber);
      expect(await t.store.subscribers.findByEmail('nobody@example.org')).toBeUndefined();
      expect(await t.store.subscribers.get(999_999)).toBeUndefined();
    });

    it('a pending subscriber has no consent yet, and defaults apply', async () => {
      const { subscriber } = await t.store.subscribers.add({ email: 'p@example.org', status: 'pending', now: t0 });
      expect(subscriber).toMatchObject({ name: null, preferences: {}, consentAt: null, consentSource: null });
    });

    it('adding a known address again returns it unchanged with created:false', async () => {
      const first = await t.store.subscribers.add({ email: 'dup@example.org', name: 'First', status: 'active', now: t0 });
      const second = await t.store.subscribers.add({ email: 'dup@example.org', name: 'Second', status: 'pending', now: t1 });
      expect(second).toEqual({ created: false, subscriber: first.subscriber });
      expect(await t.store.subscribers.list()).toHaveLength(1);
    });

    it('two concurrent adds of one address give one row', async () => {
      const results = await Promise.all(
        [1, 2, 3].map(() => t.store.subscribers.add({ email: 'race@example.org', status: 'active', now: t0 })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.subscriber.id)).size).toBe(1);
    });

    it('setStatus changes status; becoming active records consent, staying active keeps it', async () => {
      const { subscriber } = await t.store.subscribers.add({ email: 's@example.org', status: 'pending', now: t0 });
      await t.store.subscribers.setStatus(subscriber.id, 'active', t1);
      expect(await t.store.subscribers.get(subscriber.id)).toMatchObject({ status: 'active', consentAt: t1 });
      await t.store.subscribers.setStatus(subscriber.id, 'active', t2);
      expect((await t.store.subscribers.get(subscriber.id))?.consentAt).toEqual(t1);
      await t.store.subscribers.setStatus(subscriber.id, 'unsubscribed', t2);
      expect(await t.store.subscribers.get(subscriber.id)).toMatchObject({ status: 'unsubscribed', consentAt: t1 });
      // Re-subscribing is a new consent.
      await t.store.subscribers.setStatus(subscriber.id, 'active', t2);
      expect((await t.store.subscribers.get(subscriber.id))?.consentAt).toEqual(t2);
    });

    it('lists by status and counts active ones', async () => {
      const a = await t.store.subscribers.add({ email: 'a@example.org', status: 'active', now: t0 });
      await t.store.subscribers.add({ email: 'b@example.org', status: 'pending', now: t0 });
      const c = await t.store.subscribers.add({ email: 'c@example.org', status: 'active', now: t0 });
      await t.store.subscribers.add({ email: 'd@example.org', status: 'unsubscribed', now: t0 });
      expect((await t.store.subscribers.list()).map((s) => s.email)).toEqual([
        'a@example.org',
        'b@example.org',
        'c@example.org',
        'd@example.org',
      ]);
      expect((await t.store.subscribers.list({ status: 'active' })).map((s) => s.id)).toEqual([
        a.subscriber.id,
        c.subscriber.id,
      ]);
      expect(await t.store.subscribers.countActive()).toBe(2);
    });

    it('remove deletes by email and reports whether there was one', async () => {
      await t.store.subscribers.add({ email: 'gone@example.org', status: 'active', now: t0 });
      expect(await t.store.subscribers.remove('gone@example.org')).toBe(true);
      expect(await t.store.subscribers.findByEmail('gone@example.org')).toBeUndefined();
      expect(await t.store.subscribers.remove('gone@example.org')).toBe(false);
      // The address can come back as a new subscriber.
      expect((await t.store.subscribers.add({ email: 'gone@example.org', status: 'active', now: t1 })).created).toBe(true);
    });
  });
});
