import type { Kysely } from 'kysely';
import { sql } from './kysely-runtime.js';
import type { DeliveryCounts, DeliveryRepository } from '../shared/store.js';
import type { DeliveryTarget, SubscriberPreferences } from '../shared/types.js';
import { chunk, fromJson, toCount, toIso } from './codec.js';
import type { SqlDialect } from './dialect.js';
import type { DatabaseSchema } from './schema.js';

/** A ledger row joined with its reader, as both batch readers select it. */
interface TargetRow {
  id: number;
  subscriberId: number;
  attempts: number;
  email: string;
  name: string | null;
  preferences: string | null;
  subscriberStatus: string;
}

export function deliveryRepository(db: Kysely<DatabaseSchema>, dialect: SqlDialect): DeliveryRepository {
  /**
   * The rows whose reader is still active, as send targets; the others
   * (unsubscribed, bounced, removed since the edition was enqueued) are
   * marked skipped on the spot, so no process picks them up again.
   */
  async function activeTargets(rows: TargetRow[]): Promise<DeliveryTarget[]> {
    const gone = rows.filter((r) => r.subscriberStatus !== 'active');
    if (gone.length > 0) {
      await db
        .updateTable('deliveries')
        .set({ status: 'skipped', last_reply: 'subscriber no longer active' })
        .where('id', 'in', gone.map((r) => r.id))
        .where('status', '=', 'pending')
        .execute();
    }
    return rows
      .filter((r) => r.subscriberStatus === 'active')
      .map((r) => ({
        deliveryId: r.id,
        subscriberId: r.subscriberId,
        email: r.email,
        name: r.name,
        preferences: fromJson<SubscriberPreferences>(r.preferences, {}),
        attempts: r.attempts,
      }));
  }
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

        out.push(...(await activeTargets(rows)));
        const last = rows[rows.length - 1];
        if (rows.length < want || !last) break;
        cursor = last.id;
      }
      return out;
    },

    async claimBatch(editionId, holder, limit, now, ttlMs): Promise<DeliveryTarget[]> {
      const out: DeliveryTarget[] = [];
      const at = toIso(now);
      const expires = toIso(new Date(now.getTime() + Math.max(1, ttlMs)));
      // Loop so a batch is only short when the edition has nothing claimable
      // left, even when some claimed rows turned out to be for readers gone.
      while (out.length < limit) {
        const want = limit - out.length;
        // One UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED): the rows
        // another worker is claiming right now are skipped, not waited for,
        // so N workers get N disjoint batches. SQLite has one writer at a
        // time, so the same statement without the locking clause is atomic.
        const claimed = await db
          .updateTable('deliveries')
          .set({ claimed_by: holder, claim_expires_at: expires })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('deliveries')
              .select('id')
              .where('edition_id', '=', editionId)
              .where('status', '=', 'pending')
              .where((w) => w.or([w('claimed_by', 'is', null), w('claim_expires_at', '<=', at)]))
              .orderBy('id')
              .limit(want)
              .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
          )
          .returning('id')
          .execute();
        if (claimed.length === 0) break;
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
          .where('d.id', 'in', claimed.map((r) => r.id))
          .orderBy('d.id')
          .execute();
        out.push(...(await activeTargets(rows)));
        if (claimed.length < want) break;
      }
      return out;
    },

    async claimHolders(editionId, now): Promise<string[]> {
      const rows = await db
        .selectFrom('deliveries')
        .select('claimed_by')
        .distinct()
        .where('edition_id', '=', editionId)
        .where('status', '=', 'pending')
        .where('claimed_by', 'is not', null)
        .where('claim_expires_at', '>', toIso(now))
        .execute();
      return rows.map((r) => r.claimed_by).filter((h): h is string => h !== null);
    },

    async renewClaims(holder, now, ttlMs): Promise<number> {
      // Rows are locked in id order (PostgreSQL), like a group commit's
      // sorted rows, so the two rarely wait on each other in a cycle.
      const r = await db
        .updateTable('deliveries')
        .set({ claim_expires_at: toIso(new Date(now.getTime() + Math.max(1, ttlMs))) })
        .where('claimed_by', '=', holder)
        .where('status', '=', 'pending')
        .$if(dialect === 'postgres', (q) =>
          q.where('id', 'in', (eb) =>
            eb.selectFrom('deliveries').select('id').where('claimed_by', '=', holder).where('status', '=', 'pending').orderBy('id').forUpdate(),
          ),
        )
        .executeTakeFirst();
      return toCount(r.numUpdatedRows);
    },

    async releaseClaims(holder, editionId): Promise<number> {
      const r = await db
        .updateTable('deliveries')
        .set({ claimed_by: null, claim_expires_at: null })
        .where('claimed_by', '=', holder)
        .where('status', '=', 'pending')
        .$if(editionId !== undefined, (q) => q.where('edition_id', '=', editionId as number))
        .executeTakeFirst();
      return toCount(r.numUpdatedRows);
    },

    async recheck(holder, deliveryIds): Promise<Set<number>> {
      const ids = new Set<number>();
      for (const part of chunk([...deliveryIds], 500)) {
        const rows = await db
          .selectFrom('deliveries as d')
          .leftJoin('subscribers as s', 's.id', 'd.subscriber_id')
          .select(['d.id as id', 's.status as subscriberStatus'])
          .where('d.id', 'in', part)
          .where('d.status', '=', 'pending')
          .where('d.claimed_by', '=', holder)
          .execute();
        const gone: number[] = [];
        for (const r of rows) {
          if (r.subscriberStatus === 'active') ids.add(r.id);
          else gone.push(r.id);
        }
        if (gone.length > 0) {
          await db
            .updateTable('deliveries')
            .set({ status: 'skipped', last_reply: 'subscriber no longer active' })
            .where('id', 'in', gone)
            .where('status', '=', 'pending')
            .where('claimed_by', '=', holder)
            .execute();
        }
      }
      return ids;
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

    async markSentMany(rows): Promise<void> {
      // One statement per group (the sender's group commit): an UPDATE … FROM
      // VALUES works alike in SQLite (≥ 3.33) and PostgreSQL, where VALUES
      // columns are both named column1…; the casts give PostgreSQL the types
      // its parameters lack. 64 rows × 4 parameters stays far below either
      // database's parameter limit.
      for (const part of chunk([...rows].sort((a, b) => a.deliveryId - b.deliveryId), 200)) {
        const values = sql.join(
          part.map((r) => {
            const at = toIso(r.at);
            return sql`(cast(${r.deliveryId} as integer), cast(${r.messageId} as text), cast(${r.reply} as text), cast(${at} as text))`;
          }),
        );
        const statement = sql`update deliveries set status = 'sent', message_id = v.column2, last_reply = v.column3,
          attempts = deliveries.attempts + 1, last_attempt_at = v.column4, sent_at = v.column4
          from (values ${values}) as v where deliveries.id = v.column1`;
        // A group locks many rows; the claim renewal of the same holder (on
        // another pooled connection) locks them too, in its own order, and
        // PostgreSQL may end one of the two as a deadlock (seen in CI). The
        // update sets fixed values, so running it again is safe.
        for (let attempt = 1; ; attempt++) {
          try {
            await statement.execute(db);
            break;
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            if ((code !== '40P01' && code !== '40001') || attempt >= 5) throw error;
            await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
          }
        }
      }
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
