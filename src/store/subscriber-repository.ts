import type { Kysely, Selectable } from 'kysely';
import { sql } from './kysely-runtime.js';
import type { AddSubscriberResult, SubscriberRepository } from '../shared/store.js';
import type { Subscriber, SubscriberPreferences, SubscriberStatus } from '../shared/types.js';
import { fromIso, fromIsoOrNull, fromJson, toCount, toIso, toJson } from './codec.js';
import type { DatabaseSchema, SubscribersTable } from './schema.js';

export function subscriberRepository(db: Kysely<DatabaseSchema>): SubscriberRepository {
  async function findByEmail(email: string): Promise<Subscriber | undefined> {
    const row = await db.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
    return row && toSubscriber(row);
  }

  return {
    async add(input): Promise<AddSubscriberResult> {
      const at = toIso(input.now);
      // ON CONFLICT instead of check-then-insert: two concurrent adds of the
      // same address give one row and one created:false, never an error.
      const row = await db
        .insertInto('subscribers')
        .values({
          email: input.email,
          name: input.name ?? null,
          status: input.status,
          preferences: toJson(input.preferences ?? {}),
          // Consent is the moment the address became active (confirmed).
          consent_at: input.status === 'active' ? at : null,
          consent_source: input.consentSource ?? null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { subscriber: toSubscriber(row), created: true };
      const existing = await findByEmail(input.email);
      if (!existing) throw new Error(`subscriber ${input.email} conflicted but cannot be read back`);
      return { subscriber: existing, created: false };
    },

    findByEmail,

    async get(id: number): Promise<Subscriber | undefined> {
      const row = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSubscriber(row);
    },

    async list(opts?: { status?: SubscriberStatus }): Promise<Subscriber[]> {
      let query = db.selectFrom('subscribers').selectAll().orderBy('id');
      if (opts?.status) query = query.where('status', '=', opts.status);
      const rows = await query.execute();
      return rows.map(toSubscriber);
    },

    async setStatus(id: number, status: SubscriberStatus, now: Date): Promise<void> {
      const at = toIso(now);
      await db
        .updateTable('subscribers')
        .set({
          status,
          updated_at: at,
          // Becoming active (again) is a new consent; staying active keeps the first.
          ...(status === 'active'
            ? { consent_at: sql<string>`case when status = 'active' and consent_at is not null then consent_at else ${at} end` }
            : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async remove(email: string): Promise<boolean> {
      const result = await db.deleteFrom('subscribers').where('email', '=', email).executeTakeFirst();
      return toCount(result.numDeletedRows) > 0;
    },

    async countActive(): Promise<number> {
      const row = await db
        .selectFrom('subscribers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'active')
        .executeTakeFirst();
      return toCount(row?.n);
    },
  };
}

export function toSubscriber(row: Selectable<SubscribersTable>): Subscriber {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status as SubscriberStatus,
    preferences: fromJson<SubscriberPreferences>(row.preferences, {}),
    consentAt: fromIsoOrNull(row.consent_at),
    consentSource: row.consent_source,
    createdAt: fromIso(row.created_at),
  };
}
