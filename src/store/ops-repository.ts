// Read-only aggregates for operators: Prometheus gauges and the studio
// dashboard. Each is one grouped query, so a list of 100,000 subscribers
// never passes through the process. Days and minutes are prefixes of the
// ISO-8601 UTC text timestamps (see schema.ts), the same in both dialects.
import type { Kysely } from 'kysely';
import { sql } from './kysely-runtime.js';
import type { EditionSendStats, OpsRepository, SubscriberTimelineRow } from '../shared/store.js';
import type { DatabaseSchema } from './schema.js';

const n = (v: unknown): number => Number(v ?? 0);

export function opsRepository(db: Kysely<DatabaseSchema>): OpsRepository {
  return {
    async subscriberCounts() {
      const rows = await db.selectFrom('subscribers').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
      return Object.fromEntries(rows.map((r) => [r.status, n(r.n)]));
    },

    async pendingDeliveries() {
      const row = await db.selectFrom('deliveries').select(sql<number>`count(*)`.as('n')).where('status', '=', 'pending').executeTakeFirst();
      return n(row?.n);
    },

    async subscriberTimeline(): Promise<SubscriberTimelineRow[]> {
      const created = sql<string>`substr(created_at, 1, 10)`;
      const consent = sql<string | null>`substr(consent_at, 1, 10)`;
      const updated = sql<string>`substr(updated_at, 1, 10)`;
      const rows = await db
        .selectFrom('subscribers')
        .select([created.as('created'), consent.as('consent'), updated.as('updated'), 'status', sql<number>`count(*)`.as('n')])
        .groupBy([created, consent, updated, 'status'])
        .execute();
      return rows.map((r) => ({ created: r.created, consent: r.consent, updated: r.updated, status: r.status, count: n(r.n) }));
    },

    async editionSendStats(limit: number): Promise<EditionSendStats[]> {
      const editions = await db.selectFrom('editions').select(['id', 'digest', 'subject', 'created_at', 'status']).orderBy('id', 'desc').limit(limit).execute();
      if (editions.length === 0) return [];
      const ids = editions.map((e) => e.id);
      const counts = await db
        .selectFrom('deliveries as d')
        .innerJoin('subscribers as s', 's.id', 'd.subscriber_id')
        .select([
          'd.edition_id as id',
          sql<number>`sum(case when d.status = 'sent' then 1 else 0 end)`.as('sent'),
          sql<number>`sum(case when d.status = 'failed' then 1 else 0 end)`.as('failed'),
          sql<number>`sum(case when d.status = 'failed' and s.status = 'bounced' then 1 else 0 end)`.as('bounced'),
          sql<number>`sum(case when s.status = 'complained' then 1 else 0 end)`.as('complained'),
          sql<number>`sum(case when d.status = 'skipped' then 1 else 0 end)`.as('skipped'),
          sql<number>`sum(case when d.status = 'pending' then 1 else 0 end)`.as('pending'),
          sql<string | null>`min(d.sent_at)`.as('first'),
          sql<string | null>`max(d.sent_at)`.as('last'),
        ])
        .where('d.edition_id', 'in', ids)
        .groupBy('d.edition_id')
        .execute();
      const byId = new Map(counts.map((c) => [n(c.id), c]));
      return editions.map((e) => {
        const c = byId.get(e.id);
        return {
          editionId: e.id,
          digest: e.digest,
          subject: e.subject,
          status: e.status,
          createdAt: new Date(e.created_at),
          sent: n(c?.sent),
          failed: n(c?.failed),
          bounced: n(c?.bounced),
          complained: n(c?.complained),
          skipped: n(c?.skipped),
          pending: n(c?.pending),
          firstSentAt: c?.first ? new Date(c.first) : null,
          lastSentAt: c?.last ? new Date(c.last) : null,
        };
      });
    },

    async sendTimeline(editionId: number) {
      // Per second: sends are short; the dashboard re-buckets for long ones.
      const second = sql<string>`substr(sent_at, 1, 19)`;
      const rows = await db
        .selectFrom('deliveries')
        .select([second.as('at'), sql<number>`count(*)`.as('n')])
        .where('edition_id', '=', editionId)
        .where('status', '=', 'sent')
        .where('sent_at', 'is not', null)
        .groupBy(second)
        .orderBy(second)
        .execute();
      return rows.map((r) => ({ at: new Date(r.at + 'Z'), sent: n(r.n) }));
    },

    async itemsPerDay(since: Date) {
      const day = sql<string>`substr(first_seen_at, 1, 10)`;
      const rows = await db
        .selectFrom('items')
        .select(['feed_id', day.as('day'), sql<number>`count(*)`.as('n')])
        .where('first_seen_at', '>=', since.toISOString())
        .groupBy(['feed_id', day])
        .execute();
      return rows.map((r) => ({ feedId: n(r.feed_id), day: r.day, count: n(r.n) }));
    },
  };
}
