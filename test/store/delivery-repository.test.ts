import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/shared/types.js';
import { makeEditionInput } from '../helpers/store-builders.js';
import { openTestStore, seedSubscribers, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const t0 = new Date('2026-03-02T07:00:00.000Z');
const t1 = new Date('2026-03-02T07:00:05.000Z');

describe.each(storeDialects())('deliveries on $name', ({ name, enabled }) => {
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

    async function addActive(...emails: string[]) {
      const out = [];
      for (const email of emails) {
        out.push((await t.store.subscribers.add({ email, name: email.split('@')[0], status: 'active', now: t0 })).subscriber);
      }
      return out;
    }

    async function drain(limit: number) {
      const seen: number[][] = [];
      let after = 0;
      for (;;) {
        const batch = await t.store.deliveries.nextBatch(edition.id, after, limit);
        if (batch.length === 0) break;
        seen.push(batch.map((b) => b.subscriberId));
        after = batch[batch.length - 1]!.deliveryId;
      }
      return seen;
    }

    it('enqueues one pending row per active subscriber, idempotently', async () => {
      const [a, , c] = await addActive('a@example.org', 'b@example.org', 'c@example.org');
      await t.store.subscribers.add({ email: 'p@example.org', status: 'pending', now: t0 });
      await t.store.subscribers.add({ email: 'u@example.org', status: 'unsubscribed', now: t0 });
      await t.store.subscribers.setStatus(c!.id, 'bounced', t0);

      expect(await t.store.deliveries.enqueue(edition.id, t0)).toBe(2);
      expect(await t.store.deliveries.enqueue(edition.id, t0)).toBe(0);
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 2, sent: 0, failed: 0, skipped: 0 });

      // A subscriber who joined since gets the one missing row on the next enqueue.
      const [d] = await addActive('d@example.org');
      expect(await t.store.deliveries.enqueue(edition.id, t1)).toBe(1);
      const batch = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      expect(batch.map((b) => b.subscriberId)).toEqual([a!.id, a!.id + 1, d!.id]);

      // Another edition has its own ledger.
      const other = (await t.store.editions.create(makeEditionInput())).edition;
      expect(await t.store.deliveries.enqueue(other.id, t1)).toBe(3);
    });

    it('nextBatch returns what the sender needs, in id order', async () => {
      const { subscriber } = await t.store.subscribers.add({
        email: 'ana@example.org',
        name: 'Ana',
        status: 'active',
        preferences: { regions: ['europe'] },
        now: t0,
      });
      await t.store.deliveries.enqueue(edition.id, t0);
      const [target] = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      expect(target).toEqual({
        deliveryId: expect.any(Number),
        subscriberId: subscriber.id,
        email: 'ana@example.org',
        name: 'Ana',
        preferences: { regions: ['europe'] },
        attempts: 0,
      });
    });

    it('pages with keyset pagination: every row exactly once', async () => {
      await seedSubscribers(t, 25);
      await t.store.deliveries.enqueue(edition.id, t0);
      const pages = await drain(10);
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      const all = pages.flat();
      expect(new Set(all).size).toBe(25);
    });

    it('skips a subscriber who unsubscribed mid-send, and still fills the batch', async () => {
      await seedSubscribers(t, 12);
      await t.store.deliveries.enqueue(edition.id, t0);
      const first = await t.store.deliveries.nextBatch(edition.id, 0, 4);
      expect(first).toHaveLength(4);

      // Unsubscribed while the first batch was out: users 5 and 6 are next in line.
      const u5 = await t.store.subscribers.findByEmail('user5@example.org');
      const u6 = await t.store.subscribers.findByEmail('user6@example.org');
      await t.store.subscribers.setStatus(u5!.id, 'unsubscribed', t1);
      await t.store.subscribers.remove('user9@example.org');
      await t.store.subscribers.setStatus(u6!.id, 'bounced', t1);

      const second = await t.store.deliveries.nextBatch(edition.id, first[3]!.deliveryId, 4);
      expect(second.map((b) => b.email)).toEqual([
        'user7@example.org',
        'user8@example.org',
        'user10@example.org',
        'user11@example.org',
      ]);
      const third = await t.store.deliveries.nextBatch(edition.id, second[3]!.deliveryId, 4);
      expect(third.map((b) => b.email)).toEqual(['user12@example.org']);
      // user9's row went with the subscriber; 5 and 6 are recorded as skipped.
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 9, sent: 0, failed: 0, skipped: 2 });
    });

    it('markSent, recordAttempt and markFailed move rows and counts', async () => {
      await addActive('a@example.org', 'b@example.org', 'c@example.org', 'd@example.org');
      await t.store.deliveries.enqueue(edition.id, t0);
      const [a, b, c] = await t.store.deliveries.nextBatch(edition.id, 0, 10);

      await t.store.deliveries.markSent(a!.deliveryId, { messageId: '<m1@x>', reply: '250 2.0.0 OK', at: t1 });
      await t.store.deliveries.recordAttempt(b!.deliveryId, { reply: '451 4.3.0 try later', at: t1 });
      await t.store.deliveries.recordAttempt(b!.deliveryId, { reply: '451 4.3.0 try later', at: t1 });
      await t.store.deliveries.markFailed(c!.deliveryId, { reply: '552 5.2.2 mailbox full', at: t1, bounce: false });
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 2, sent: 1, failed: 1, skipped: 0 });

      // A resumed send sees only the pending rows; the retried one carries its attempts.
      const resumed = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      expect(resumed.map((r) => [r.email, r.attempts])).toEqual([
        ['b@example.org', 2],
        ['d@example.org', 0],
      ]);
      // A permanent failure without bounce leaves the subscriber as is.
      expect((await t.store.subscribers.get(c!.subscriberId))?.status).toBe('active');

      const rows = await t.exec(
        `select status, attempts, last_reply, message_id, sent_at from deliveries where id = ${a!.deliveryId}`,
      );
      expect(rows[0]).toEqual({
        status: 'sent',
        attempts: 1,
        last_reply: '250 2.0.0 OK',
        message_id: '<m1@x>',
        sent_at: t1.toISOString(),
      });
    });

    it('markSentMany records a group in one statement: each row its own Message-ID, reply and attempt', async () => {
      await addActive('a@example.org', 'b@example.org', 'c@example.org');
      await t.store.deliveries.enqueue(edition.id, t0);
      const [a, b, c] = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      await t.store.deliveries.recordAttempt(b!.deliveryId, { reply: '451 4.3.0 try later', at: t0 });
      // A quote in a reply must not break the statement.
      await t.store.deliveries.markSentMany([
        { deliveryId: a!.deliveryId, messageId: '<m1@x>', reply: "250 2.0.0 Ok: queued as 'A1'", at: t1 },
        { deliveryId: b!.deliveryId, messageId: '<m2@x>', reply: '250 2.0.0 Ok: queued as B2', at: t1 },
      ]);
      await t.store.deliveries.markSentMany([]);
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 1, sent: 2, failed: 0, skipped: 0 });
      const rows = await t.exec(`select id, status, attempts, last_reply, message_id, sent_at, last_attempt_at from deliveries order by id`);
      expect(rows).toEqual([
        { id: a!.deliveryId, status: 'sent', attempts: 1, last_reply: "250 2.0.0 Ok: queued as 'A1'", message_id: '<m1@x>', sent_at: t1.toISOString(), last_attempt_at: t1.toISOString() },
        { id: b!.deliveryId, status: 'sent', attempts: 2, last_reply: '250 2.0.0 Ok: queued as B2', message_id: '<m2@x>', sent_at: t1.toISOString(), last_attempt_at: t1.toISOString() },
        { id: c!.deliveryId, status: 'pending', attempts: 0, last_reply: null, message_id: null, sent_at: null, last_attempt_at: null },
      ]);
    });

    it('a sent row is never downgraded by a late failure or retry', async () => {
      await addActive('a@example.org');
      await t.store.deliveries.enqueue(edition.id, t0);
      const [a] = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      await t.store.deliveries.markSent(a!.deliveryId, { messageId: '<m@x>', reply: '250 OK', at: t1 });
      await t.store.deliveries.recordAttempt(a!.deliveryId, { reply: '451 later', at: t1 });
      await t.store.deliveries.markFailed(a!.deliveryId, { reply: '550 no', at: t1, bounce: true });
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 0, sent: 1, failed: 0, skipped: 0 });
      expect((await t.store.subscribers.get(a!.subscriberId))?.status).toBe('active');
    });

    it('a bounce marks the row failed and the subscriber bounced, so later editions skip them', async () => {
      const [a, b] = await addActive('a@example.org', 'b@example.org');
      await t.store.deliveries.enqueue(edition.id, t0);
      const batch = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      await t.store.deliveries.markFailed(batch[0]!.deliveryId, {
        reply: '550 5.1.1 user unknown',
        at: t1,
        bounce: true,
      });
      expect((await t.store.subscribers.get(a!.id))?.status).toBe('bounced');
      expect((await t.store.subscribers.get(b!.id))?.status).toBe('active');
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 1, sent: 0, failed: 1, skipped: 0 });
      expect(await t.store.subscribers.countActive()).toBe(1);

      const next = (await t.store.editions.create(makeEditionInput())).edition;
      expect(await t.store.deliveries.enqueue(next.id, t1)).toBe(1);
    });

    it('a bounce does not overwrite an unsubscribe', async () => {
      const [a] = await addActive('a@example.org');
      await t.store.deliveries.enqueue(edition.id, t0);
      const [row] = await t.store.deliveries.nextBatch(edition.id, 0, 10);
      await t.store.subscribers.setStatus(a!.id, 'unsubscribed', t1);
      await t.store.deliveries.markFailed(row!.deliveryId, { reply: '550 5.1.1 unknown', at: t1, bounce: true });
      expect((await t.store.subscribers.get(a!.id))?.status).toBe('unsubscribed');
    });

    it('counts are zero for an edition without a ledger', async () => {
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: 0, sent: 0, failed: 0, skipped: 0 });
      expect(await t.store.deliveries.nextBatch(edition.id, 0, 10)).toEqual([]);
    });

    // Set-based enqueue: the list never passes through the process. No timing
    // assertion (speed and memory belong in bench/); this shows it runs and pages.
    it('enqueues 100,000 subscribers and pages through them', async () => {
      const n = 100_000;
      await seedSubscribers(t, n - 1, { start: 2 });
      await seedSubscribers(t, 1, { start: 1, status: 'unsubscribed' });
      expect(await t.store.subscribers.countActive()).toBe(n - 1);
      expect(await t.store.deliveries.enqueue(edition.id, t0)).toBe(n - 1);
      expect(await t.store.deliveries.enqueue(edition.id, t0)).toBe(0);
      expect(await t.store.deliveries.counts(edition.id)).toEqual({ pending: n - 1, sent: 0, failed: 0, skipped: 0 });

      const firstPage = await t.store.deliveries.nextBatch(edition.id, 0, 1000);
      expect(firstPage).toHaveLength(1000);
      expect(firstPage[0]?.email).toBe('user2@example.org');

      let after = 0;
      let total = 0;
      for (;;) {
        const batch = await t.store.deliveries.nextBatch(edition.id, after, 5000);
        if (batch.length === 0) break;
        total += batch.length;
        after = batch[batch.length - 1]!.deliveryId;
      }
      expect(total).toBe(n - 1);
    });
  });
});
