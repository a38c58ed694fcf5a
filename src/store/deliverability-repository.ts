// Bounce and complaint reports, and the guard rails built on them (issue 10).
// Counts are per delivery (a delivery that bounced softly three times is one
// soft bounce), so rates never exceed 100 %.
import type { Kysely, Selectable } from 'kysely';
import { sql } from './kysely-runtime.js';
import type {
  DeliverabilityCounts,
  DeliverabilityRepository,
  DeliveryReport,
  ReportedDelivery,
  ReportKind,
} from '../shared/store.js';
import { fromIso, toCount, toIso } from './codec.js';
import type { DatabaseSchema, DeliveryReportsTable } from './schema.js';

function toReport(r: Selectable<DeliveryReportsTable>): DeliveryReport {
  return {
    id: r.id,
    deliveryId: r.delivery_id,
    editionId: r.edition_id,
    subscriberId: r.subscriber_id,
    kind: r.kind as ReportKind,
    statusCode: r.status_code,
    diagnostic: r.diagnostic,
    identifiedBy: r.identified_by,
    format: r.format,
    receivedAt: fromIso(r.received_at),
  };
}

export function deliverabilityRepository(db: Kysely<DatabaseSchema>): DeliverabilityRepository {
  const deliveryQuery = () =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('subscribers as s', 's.id', 'd.subscriber_id')
      .innerJoin('editions as e', 'e.id', 'd.edition_id')
      .select(['d.id as deliveryId', 'd.edition_id as editionId', 'd.subscriber_id as subscriberId', 's.email as email', 'e.digest as digest']);

  async function countsWhere(
    filter: (q: ReturnType<typeof baseSent>) => ReturnType<typeof baseSent>,
  ): Promise<DeliverabilityCounts> {
    const row = await filter(baseSent())
      .select([
        sql<number>`count(*)`.as('sent'),
        sql<number>`sum(case when exists (select 1 from delivery_reports r where r.delivery_id = d.id and r.kind = 'hard') then 1 else 0 end)`.as('hard'),
        sql<number>`sum(case when exists (select 1 from delivery_reports r where r.delivery_id = d.id and r.kind = 'soft') then 1 else 0 end)`.as('soft'),
        sql<number>`sum(case when exists (select 1 from delivery_reports r where r.delivery_id = d.id and r.kind = 'complaint') then 1 else 0 end)`.as('complaints'),
      ])
      .executeTakeFirst();
    return {
      sent: toCount(row?.sent),
      hardBounces: toCount(row?.hard),
      softBounces: toCount(row?.soft),
      complaints: toCount(row?.complaints),
    };
  }

  // "Sent" for the rates means handed to the relay: rows marked sent, plus rows
  // failed during the SMTP session with a hard-bounce report (the relay said
  // the mailbox does not exist), so a session bounce counts in both terms.
  function baseSent() {
    return db
      .selectFrom('deliveries as d')
      .where((eb) =>
        eb.or([
          eb('d.status', '=', 'sent'),
          eb.and([
            eb('d.status', '=', 'failed'),
            eb.exists(
              eb
                .selectFrom('delivery_reports as x')
                .select('x.id')
                .whereRef('x.delivery_id', '=', 'd.id')
                .where('x.identified_by', '=', 'smtp-session'),
            ),
          ]),
        ]),
      );
  }

  return {
    async findDelivery(editionId, subscriberId): Promise<ReportedDelivery | undefined> {
      return deliveryQuery().where('d.edition_id', '=', editionId).where('d.subscriber_id', '=', subscriberId).executeTakeFirst();
    },

    async findDeliveryById(deliveryId): Promise<ReportedDelivery | undefined> {
      return deliveryQuery().where('d.id', '=', deliveryId).executeTakeFirst();
    },

    async findDeliveryByMessageId(messageId): Promise<ReportedDelivery | undefined> {
      const bare = messageId.trim().replace(/^<|>$/g, '');
      if (!bare) return undefined;
      return deliveryQuery()
        .where('d.message_id', 'in', [`<${bare}>`, bare])
        .orderBy('d.id', 'desc')
        .executeTakeFirst();
    },

    async findLatestDeliveryTo(email): Promise<ReportedDelivery | undefined> {
      return deliveryQuery()
        .where('s.email', '=', email)
        .where('d.status', 'in', ['sent', 'failed'])
        .orderBy('d.id', 'desc')
        .executeTakeFirst();
    },

    async addReport(r): Promise<DeliveryReport> {
      const row = await db
        .insertInto('delivery_reports')
        .values({
          delivery_id: r.deliveryId,
          edition_id: r.editionId,
          subscriber_id: r.subscriberId,
          kind: r.kind,
          status_code: r.statusCode,
          diagnostic: r.diagnostic === null ? null : r.diagnostic.slice(0, 1000),
          identified_by: r.identifiedBy,
          format: r.format,
          received_at: toIso(r.receivedAt),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toReport(row);
    },

    async reportsFor(deliveryId): Promise<DeliveryReport[]> {
      const rows = await db.selectFrom('delivery_reports').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
      return rows.map(toReport);
    },

    async softBouncedEditions(subscriberId, editions): Promise<number> {
      const last = db
        .selectFrom('deliveries')
        .select('id')
        .where('subscriber_id', '=', subscriberId)
        .where('status', 'in', ['sent', 'failed'])
        .orderBy('id', 'desc')
        .limit(editions);
      const row = await db
        .selectFrom('delivery_reports')
        .select(sql<number>`count(distinct delivery_id)`.as('n'))
        .where('kind', '=', 'soft')
        .where('subscriber_id', '=', subscriberId)
        .where('delivery_id', 'in', last)
        .executeTakeFirst();
      return toCount(row?.n);
    },

    async hasComplained(subscriberId): Promise<boolean> {
      const row = await db
        .selectFrom('delivery_reports')
        .select('id')
        .where('subscriber_id', '=', subscriberId)
        .where('kind', '=', 'complaint')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    editionCounts(editionId) {
      return countsWhere((q) => q.where('d.edition_id', '=', editionId));
    },

    windowCounts(since, until, digest) {
      return countsWhere((q) => {
        let out = q.where('d.last_attempt_at', '>=', toIso(since)).where('d.last_attempt_at', '<=', toIso(until));
        if (digest) out = out.where('d.edition_id', 'in', db.selectFrom('editions').select('id').where('digest', '=', digest));
        return out;
      });
    },

    async earlyHardBounces(editionId, first): Promise<{ hard: number; deliveries: number }> {
      const firstRows = db.selectFrom('deliveries').select('id').where('edition_id', '=', editionId).orderBy('id').limit(first);
      const total = await db
        .selectFrom(firstRows.as('f'))
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirst();
      const hard = await db
        .selectFrom('delivery_reports')
        .select(sql<number>`count(distinct delivery_id)`.as('n'))
        .where('edition_id', '=', editionId)
        .where('kind', '=', 'hard')
        .where('delivery_id', 'in', db.selectFrom(firstRows.as('g')).select('g.id'))
        .executeTakeFirst();
      return { hard: toCount(hard?.n), deliveries: toCount(total?.n) };
    },

    async pauseDigest(digest, reason, now): Promise<boolean> {
      const r = await db
        .insertInto('digest_pauses')
        .values({ digest, reason, paused_at: toIso(now) })
        .onConflict((oc) => oc.column('digest').doNothing())
        .executeTakeFirst();
      return toCount(r.numInsertedOrUpdatedRows) > 0;
    },

    async resumeDigest(digest): Promise<boolean> {
      const r = await db.deleteFrom('digest_pauses').where('digest', '=', digest).executeTakeFirst();
      return toCount(r.numDeletedRows) > 0;
    },

    async digestPause(digest) {
      const row = await db.selectFrom('digest_pauses').selectAll().where('digest', '=', digest).executeTakeFirst();
      return row && { reason: row.reason, pausedAt: fromIso(row.paused_at) };
    },

    async holdEdition(editionId, reason, now): Promise<boolean> {
      const r = await db
        .insertInto('edition_holds')
        .values({ edition_id: editionId, reason, held_at: toIso(now) })
        .onConflict((oc) => oc.column('edition_id').doNothing())
        .executeTakeFirst();
      return toCount(r.numInsertedOrUpdatedRows) > 0;
    },

    async releaseEdition(editionId): Promise<boolean> {
      const r = await db.deleteFrom('edition_holds').where('edition_id', '=', editionId).executeTakeFirst();
      return toCount(r.numDeletedRows) > 0;
    },

    async editionHold(editionId) {
      const row = await db.selectFrom('edition_holds').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
      return row && { reason: row.reason, heldAt: fromIso(row.held_at) };
    },

    async claimChallenge(emailHash, now, notBefore): Promise<boolean> {
      // Insert, or move the time forward only where the last one is older than
      // notBefore: one statement, so two racing requests get one winner.
      const r = await db
        .insertInto('inbound_challenges')
        .values({ email_hash: emailHash, sent_at: toIso(now) })
        .onConflict((oc) =>
          oc
            .column('email_hash')
            .doUpdateSet({ sent_at: toIso(now) })
            .where('inbound_challenges.sent_at', '<', toIso(notBefore)),
        )
        .executeTakeFirst();
      return toCount(r.numInsertedOrUpdatedRows) > 0;
    },
  };
}
