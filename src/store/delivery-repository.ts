import { sql, type Kysely } from 'kysely';
import type { DeliveryCounts, DeliveryRepository } from '../shared/store.js';
import type { DeliveryTarget, SubscriberPreferences } from '../shared/types.js';
import { fromJson, toCount, toIso } from './codec.js';
import type { DatabaseSchema } from './schema.js';

export function deliveryRepository(db: Kysely<DatabaseSchema>): DeliveryRepository {
  return {
    async enqueue(editionId: number, now: Date): Promise<number> {
      // One INSERT … SELECT: the subscriber list never passes through this
      // process, so 100,000 subscribers cost the same memory as 10. The unique
      // (edition, subscriber) key makes a repeat add only the missing rows.
      // (The WHERE clause also settles SQLite's INSERT-SELECT-upsert ambiguity.)
      const result = await db
        .insertInto('deliveries')
        .columns(['edition_id', 'subscriber_id', 'status', 'attempts', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('subscribers')
            .select([
              sql<number>`${editionId}`.as('edition_id'),
              'subscribers.id as subscriber_id',
              sql<string>`'pending'`.as('status'),
              sql<number>`0`.as('attempts'),
              sql<string>`${toIso(now)}`.as('created_at'),
            ])
            .where('subscribers.status', '=', 'active')
            .orderBy('subscribers.id'),
        )
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return toCount(result.numInsertedOrUpdatedRows);
    },

    async nextBatch(editionId: number, afterId: number, limit: number): Promise<DeliveryTarget[]> {
      const out: DeliveryTarget[] = [];
      let cursor = afterId;
      // Loop so a batch is only short at the end of the ledger, even when some
      // rows in the way were skipped.
      while (out.length < limit) {
        const want = limit - out.length;
        const rows = await db
          .selectFrom('deliveries as d')
          .innerJoin('subscribers as s', 's.id', 'd.subscriber_id')
          .select([
            'd.id as id',
            'd.subscriber_id as subscriberId',
            'd.attempts as attempts',
            's.email as email',
            's.name as name',
            's.preferences as preferences',
            's.status as subscriberStatus',
          ])
          .where('d.edition_id', '=', editionId)
          .where('d.status', '=', 'pending')
          .where('d.id', '>', cursor)
          .orderBy('d.id')
          .limit(want)
          .execute();

        const gone = rows.filter((r) => r.subscriberStatus !== 'active');
        if (gone.length > 0) {
          await db
            .updateTable('deliveries')
            .set({ status: 'skipped', last_reply: 'subscriber no longer active' })
            .where('id', 'in', gone.map((r) => r.id))
            .where('status', '=', 'pending')
            .execute();
        }
        for (const r of rows) {
          if (r.subscriberStatus !== 'active') continue;
          out.push({
            deliveryId: r.id,
            subscriberId: r.subscriberId,
            email: r.email,
            name: r.name,
            preferences: fromJson<SubscriberPreferences>(r.preferences, {}),
            attempts: r.attempts,
          });
        }
        const last = rows[rows.length - 1];
        if (rows.length < want || !last) break;
        cursor = last.id;
      }
      return out;
    },

    async markSent(deliveryId: number, r: { messageId: string; reply: string; at: Date }): Promise<void> {
      const at = toIso(r.at);
      await db
        .updateTable('deliveries')
        .set((eb) => ({
          status: 'sent',
          message_id: r.messageId,
          last_reply: r.reply,
          attempts: eb('attempts', '+', 1),
          last_attempt_at: at,
          sent_at: at,
        }))
        .where('id', '=', deliveryId)
        .execute();
    },

    async markFailed(deliveryId: number, r: { reply: string; at: Date; bounce: boolean }): Promise<void> {
      const at = toIso(r.at);
      const fail = (q: Kysely<DatabaseSchema>) =>
        q
          .updateTable('deliveries')
          .set((eb) => ({
            status: 'failed',
            last_reply: r.reply,
            attempts: eb('attempts', '+', 1),
            last_attempt_at: at,
          }))
          .where('id', '=', deliveryId)
          // A 250 already recorded is the truth; nothing downgrades it.
          .where('status', '<>', 'sent');
      if (!r.bounce) {
        await fail(db).execute();
        return;
      }
      await db.transaction().execute(async (trx) => {
        const failed = await fail(trx).executeTakeFirst();
        // Nothing recorded (already sent, or no such row): nothing to bounce.
        if (toCount(failed.numUpdatedRows) === 0) return;
        await trx
          .updateTable('subscribers')
          .set({ status: 'bounced', updated_at: at })
          .where('id', '=', (eb) => eb.selectFrom('deliveries').select('subscriber_id').where('id', '=', deliveryId))
          // An unsubscribe is the person's choice and stays recorded as such.
          .where('status', 'in', ['active', 'pending'])
          .execute();
      });
    },

    async markSkipped(deliveryId: number, r: { reason: string; at: Date }): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ status: 'skipped', last_reply: r.reason, last_attempt_at: toIso(r.at) })
        .where('id', '=', deliveryId)
        .where('status', '=', 'pending')
        .execute();
    },

    async recordAttempt(deliveryId: number, r: { reply: string; at: Date }): Promise<void> {
      await db
        .updateTable('deliveries')
        .set((eb) => ({
          last_reply: r.reply,
          attempts: eb('attempts', '+', 1),
          last_attempt_at: toIso(r.at),
        }))
        .where('id', '=', deliveryId)
        .where('status', '=', 'pending')
        .execute();
    },

    async counts(editionId: number): Promise<DeliveryCounts> {
      const rows = await db
        .selectFrom('deliveries')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .where('edition_id', '=', editionId)
        .groupBy('status')
        .execute();
      const counts: DeliveryCounts = { pending: 0, sent: 0, failed: 0, skipped: 0 };
      for (const row of rows) {
        if (row.status in counts) counts[row.status as keyof DeliveryCounts] = toCount(row.n);
      }
      return counts;
    },
  };
}
