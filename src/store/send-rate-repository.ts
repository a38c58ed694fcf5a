// A send rate shared by every process on one database: relays limit per
// account, not per process, so `sending.pool.ratePerSecond` must cap all
// workers together. One row per name holds the current one-second window and
// how many sends it has handed out; a worker takes a few tokens at a time
// under a row lock. Windows are timed by the database's clock on PostgreSQL,
// so workers on machines whose clocks disagree still share one window.
// (Rejected: splitting the rate into per-worker shares from a heartbeat
// table: a worker that joins or dies skews the shares until the next beat,
// and an idle worker's share is wasted.)
import { sql, type Kysely } from 'kysely';
import type { SendRateRepository } from '../shared/store.js';
import type { SqlDialect } from './dialect.js';
import type { DatabaseSchema } from './schema.js';

export function sendRateRepository(db: Kysely<DatabaseSchema>, dialect: SqlDialect): SendRateRepository {
  return {
    async take(name, want, perSecond) {
      const limit = Math.max(1, Math.floor(perSecond));
      for (;;) {
        const result = await db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('send_rate')
            .select(['window_ms', 'used'])
            .select(
              dialect === 'postgres'
                ? sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint`.as('now_ms')
                : sql<number>`${Date.now()}`.as('now_ms'),
            )
            .where('name', '=', name)
            .$if(dialect === 'postgres', (q) => q.forUpdate())
            .executeTakeFirst();
          if (!row) return null;
          const nowMs = Number(row.now_ms);
          const windowMs = nowMs - (nowMs % 1000);
          const used = Number(row.window_ms) === windowMs ? row.used : 0;
          const granted = Math.max(0, Math.min(Math.max(1, want), limit - used));
          if (granted > 0) {
            await trx.updateTable('send_rate').set({ window_ms: windowMs, used: used + granted }).where('name', '=', name).execute();
          }
          return { granted, waitMs: granted > 0 ? 0 : windowMs + 1000 - nowMs };
        });
        if (result) return result;
        // First use of this name: create the row (a racing process may too).
        await db.insertInto('send_rate').values({ name, window_ms: 0, used: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
      }
    },
  };
}
