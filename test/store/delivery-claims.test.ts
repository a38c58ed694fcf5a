// Claims (issue 9): delivery rows are claimed in batches by a holder until an
// expiry, so any number of processes share an edition without sending a row
// twice; a claim that runs out (a killed worker) is taken by others. The same
// tests run on SQLite and PostgreSQL; the concurrent ones need PostgreSQL's
// `FOR UPDATE SKIP LOCKED` to be interesting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/shared/store.js';
import type { Edition } from '../../src/shared/types.js';
import { openStore } from '../../src/store/index.js';
import { makeEditionInput } from '../helpers/store-builders.js';
import { openTestStore, seedSubscribers, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const t0 = new Date('2026-03-02T07:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(storeDialects())('delivery claims on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    let edition: Edition;
    beforeEach(async () => {
      t = await openTestStore(name);
      edition = (await t.store.editions.create(makeEditionInput())).edition;
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('gives two holders disjoint batches in id order, and nothing once every row is held', async () => {
      await seedSubscribers(t, 7);
      await t.store.deliveries.enqueue(edition.id, t0);
      const a = await t.store.deliveries.claimBatch(edition.id, 'a', 3, t0, 60_000);
      const b = await t.store.deliveries.claimBatch(edition.id, 'b', 3, t0, 60_000);
      const c = await t.store.deliveries.claimBatch(edition.id, 'c', 3, t0, 60_000);
      expect(a.map((r) => r.email)).toEqual(['user1@example.org', 'user2@example.org', 'user3@example.org']);
      expect(b.map((r) => r.email)).toEqual(['user4@example.org', 'user5@example.org', 'user6@example.org']);
      expect(c.map((r) => r.email)).toEqual(['user7@example.org']);
      expect(await t.store.deliveries.claimBatch(edition.id, 'd', 3, t0, 60_000)).toEqual([]);
    });

    it('lets others take a claim that ran out, keeps a renewed one, and frees released rows at once', async () => {
      await seedSubscribers(t, 4);
      await t.store.deliveries.enqueue(edition.id, t0);
      const dead = await t.store.deliveries.claimBatch(edition.id, 'dead', 2, t0, 1000);
      const alive = await t.store.deliveries.claimBatch(edition.id, 'alive', 2, t0, 1000);
      expect(await t.store.deliveries.renewClaims('alive', later(900), 1000)).toBe(2);
      // After 1.5 s: the dead holder's claim has run out, the renewed one has not.
      const taken = await t.store.deliveries.claimBatch(edition.id, 'heir', 4, later(1500), 1000);
      expect(taken.map((r) => r.deliveryId)).toEqual(dead.map((r) => r.deliveryId));
      // A released claim is free again whatever its expiry.
      expect(await t.store.deliveries.releaseClaims('alive')).toBe(2);
      const freed = await t.store.deliveries.claimBatch(edition.id, 'other', 4, later(1500), 1000);
      expect(freed.map((r) => r.deliveryId)).toEqual(alive.map((r) => r.deliveryId));
      // Final rows are never claimed again, and keep who sent them.
      for (const r of freed) await t.store.deliveries.markSent(r.deliveryId, { messageId: `<m${r.deliveryId}@x>`, reply: '250 ok', at: later(1600) });
      expect(await t.store.deliveries.releaseClaims('other')).toBe(0);
      const rows = await t.exec(`select claimed_by from deliveries where status = 'sent' order by id`);
      expect(rows.map((r) => r.claimed_by)).toEqual(['other', 'other']);
    });

    it("releases one edition's claims without touching the same holder's claims on another edition", async () => {
      await seedSubscribers(t, 4);
      const other = (await t.store.editions.create(makeEditionInput({ slot: '2026-03-02T08:00:00.000Z' }))).edition;
      await t.store.deliveries.enqueue(edition.id, t0);
      await t.store.deliveries.enqueue(other.id, t0);
      await t.store.deliveries.claimBatch(edition.id, 'proc', 4, t0, 60_000);
      const kept = await t.store.deliveries.claimBatch(other.id, 'proc', 4, t0, 60_000);
      expect(await t.store.deliveries.releaseClaims('proc', edition.id)).toBe(4);
      // The other edition's rows are still held: nobody else can claim them.
      expect(await t.store.deliveries.claimBatch(other.id, 'intruder', 4, t0, 60_000)).toEqual([]);
      expect(kept).toHaveLength(4);
      expect(await t.store.deliveries.releaseClaims('proc')).toBe(4);
    });

    it('recheck keeps only rows still ours with an active reader, and marks the unsubscribed ones skipped', async () => {
      await seedSubscribers(t, 4);
      await t.store.deliveries.enqueue(edition.id, t0);
      const mine = await t.store.deliveries.claimBatch(edition.id, 'me', 4, t0, 1000);
      const [first, second, third, fourth] = mine;
      if (!first || !second || !third || !fourth) throw new Error('expected four rows');
      await t.store.subscribers.setStatus(second.subscriberId, 'unsubscribed', t0);
      expect(await t.store.subscribers.remove(third.email)).toBe(true);
      // The fourth row's claim ran out and another process took it.
      await t.exec(`update deliveries set claimed_by = 'thief' where id = ${fourth.deliveryId}`);
      const ok = await t.store.deliveries.recheck('me', mine.map((r) => r.deliveryId));
      expect([...ok]).toEqual([first.deliveryId]);
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 2, sent: 0, failed: 0, skipped: 1 });
    });

    it('never claims a row whose reader is no longer active', async () => {
      await seedSubscribers(t, 3);
      await t.store.deliveries.enqueue(edition.id, t0);
      const gone = await t.store.subscribers.findByEmail('user2@example.org');
      await t.store.subscribers.setStatus(gone!.id, 'bounced', t0);
      const rows = await t.store.deliveries.claimBatch(edition.id, 'a', 10, t0, 1000);
      expect(rows.map((r) => r.email)).toEqual(['user1@example.org', 'user3@example.org']);
      expect((await t.store.deliveries.counts(edition.id)).skipped).toBe(1);
    });

    it('many processes claiming at once: every row exactly once', async () => {
      await seedSubscribers(t, 600);
      await t.store.deliveries.enqueue(edition.id, t0);
      const stores: Store[] = [t.store];
      for (let i = 0; i < 3; i++) stores.push(await openStore(t.openOptions));
      try {
        const got: number[][] = stores.map(() => []);
        await Promise.all(
          stores.map(async (s, i) => {
            for (;;) {
              const batch = await s.deliveries.claimBatch(edition.id, `w${i}`, 25, t0, 60_000);
              if (batch.length === 0) return;
              got[i]!.push(...batch.map((r) => r.deliveryId));
            }
          }),
        );
        const all = got.flat();
        expect(all).toHaveLength(600);
        expect(new Set(all).size).toBe(600);
        if (name === 'postgres') expect(got.filter((g) => g.length > 0).length).toBeGreaterThan(1);
      } finally {
        for (const s of stores.slice(1)) await s.close();
      }
    });

    // 15/s is no multiple of 10: one-second windows of 15 tokens. 100/s: windows
    // of 100 ms with 10 tokens each, so no sliding second gets a burst.
    it.each([
      { rate: 15, want: 3, windowMs: 1000, perWindow: 15 },
      { rate: 100, want: 30, windowMs: 100, perWindow: 10 },
    ])('the send rate is shared: all processes together get at most $perWindow tokens per $windowMs ms at $rate/s', async ({ rate, want, windowMs, perWindow }) => {
      const other = await openStore(t.openOptions);
      try {
        const grants: Array<{ granted: number; waitMs: number }> = [];
        const started = Date.now();
        await Promise.all(
          [t.store, other].map(async (s) => {
            for (let i = 0; i < 10; i++) grants.push(await s.sendRate.take('relay', want, rate));
          }),
        );
        const elapsed = Date.now() - started;
        const granted = grants.reduce((a, g) => a + g.granted, 0);
        // The calls span at most ceil(elapsed / window) + 1 windows.
        expect(grants.every((g) => g.granted <= perWindow)).toBe(true);
        expect(granted).toBeLessThanOrEqual(perWindow * (Math.ceil(elapsed / windowMs) + 1));
        expect(granted).toBeGreaterThanOrEqual(perWindow);
        const refused = grants.filter((g) => g.granted === 0);
        expect(refused.length).toBeGreaterThan(0);
        expect(refused.every((g) => g.waitMs > 0 && g.waitMs <= windowMs)).toBe(true);
      } finally {
        await other.close();
      }
    });
  });
});
