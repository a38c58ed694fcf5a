// Single-flight leases. Acquire is one INSERT … ON CONFLICT DO UPDATE … WHERE
// statement: the row is written only when it is new, expired, or already
// ours, and RETURNING tells us whether it was. SQLite (≥ 3.35) and PostgreSQL
// both run it atomically, so two racing processes can never both win.
import type { Kysely, Selectable } from 'kysely';
import type { Lease, LeaseAcquireResult, LeaseRepository } from '../shared/store.js';
import { fromIso, toIso } from './codec.js';
import type { DatabaseSchema, LeasesTable } from './schema.js';

export function leaseRepository(db: Kysely<DatabaseSchema>): LeaseRepository {
  async function get(name: string): Promise<Lease | undefined> {
    const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toLease(row);
  }

  async function acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<LeaseAcquireResult> {
    const at = toIso(now);
    const expires = toIso(new Date(now.getTime() + Math.max(1, ttlMs)));
    const row = await db
      .insertInto('leases')
      .values({ name, holder, acquired_at: at, expires_at: expires })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            // Re-acquiring our own lease keeps when we first took it.
            acquired_at: eb
              .case()
              .when('leases.holder', '=', holder)
              .then(eb.ref('leases.acquired_at'))
              .else(eb.ref('excluded.acquired_at'))
              .end(),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where((eb) => eb.or([eb('leases.expires_at', '<=', at), eb('leases.holder', '=', holder)])),
      )
      .returningAll()
      .executeTakeFirst();
    if (row) return { acquired: true, lease: toLease(row) };
    const current = await get(name);
    // Released between our statement and this read: try again.
    if (!current) return acquire(name, holder, now, ttlMs);
    return { acquired: false, heldBy: current };
  }

  return {
    acquire,

    async renew(name, holder, now, ttlMs): Promise<boolean> {
      const r = await db
        .updateTable('leases')
        .set({ expires_at: toIso(new Date(now.getTime() + Math.max(1, ttlMs))) })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async takeOver(name, fromHolder, toHolder, now, ttlMs): Promise<boolean> {
      // Conditional on the dead holder still being recorded: of two processes
      // taking over at once, exactly one changes the row.
      const r = await db
        .updateTable('leases')
        .set({ holder: toHolder, acquired_at: toIso(now), expires_at: toIso(new Date(now.getTime() + Math.max(1, ttlMs))) })
        .where('name', '=', name)
        .where('holder', '=', fromHolder)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async release(name, holder): Promise<boolean> {
      const r = await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    get,

    async list(): Promise<Lease[]> {
      const rows = await db.selectFrom('leases').selectAll().orderBy('name').execute();
      return rows.map(toLease);
    },
  };
}

function toLease(row: Selectable<LeasesTable>): Lease {
  return { name: row.name, holder: row.holder, acquiredAt: fromIso(row.acquired_at), expiresAt: fromIso(row.expires_at) };
}
