// A send rate shared by every process on one database: relays limit per
// account, not per process, so `sending.pool.ratePerSecond` must cap all
// workers together. One row per name holds the current one-second window and
// how many sends it has handed out; a take is ONE conditional UPDATE (every
// SET expression reads the old row, so `last_grant` is what this take got),
// atomic on both dialects without a transaction. On PostgreSQL the window is
// timed by the database's clock, so workers on machines whose clocks disagree
// still share one window.
//
// Windows are a tenth of a second when the rate divides into them (10/s and
// up, a multiple of 10): with one-second windows a fast sender spent a
// window's tokens in its first few hundred milliseconds, so a relay counting
// any sliding second saw up to twice the rate across a window boundary
// (measured: 2,542 in one second at 2,000/s). With 100 ms windows a sliding
// second holds at most eleven windows' worth.
// (Rejected: splitting the rate into per-worker shares from a heartbeat
// table: a worker that joins or dies skews the shares until the next beat,
// and an idle worker's share is wasted.)
import type { Kysely } from 'kysely';
import { sql } from './kysely-runtime.js';
import type { SendRateRepository } from '../shared/store.js';
import { toCount } from './codec.js';
import type { SqlDialect } from './dialect.js';
import type { DatabaseSchema } from './schema.js';

export function sendRateRepository(db: Kysely<DatabaseSchema>, dialect: SqlDialect): SendRateRepository {
  return {
    async take(name, want, perSecond) {
      const rate = Math.max(1, Math.floor(perSecond));
      const windowMs = rate >= 10 && rate % 10 === 0 ? 100 : 1000;
      const limit = (rate * windowMs) / 1000;
      const n = Math.max(1, Math.floor(want));
      for (;;) {
        const window =
          dialect === 'postgres'
            ? sql`(floor(extract(epoch from clock_timestamp()) * 1000)::bigint / ${sql.lit(windowMs)}) * ${sql.lit(windowMs)}`
            : sql`${Date.now() - (Date.now() % windowMs)}`;
        const least = dialect === 'postgres' ? sql.raw('least') : sql.raw('min');
        const base = sql`(case when window_ms = w.now_window then used else 0 end)`;
        const q =
          dialect === 'postgres'
            ? sql<{ last_grant: number }>`
                with w as (select ${window} as now_window)
                update send_rate set
                  last_grant = ${least}(${n}, ${limit} - ${base}),
                  used = ${base} + ${least}(${n}, ${limit} - ${base}),
                  window_ms = w.now_window
                from w
                where name = ${name} and ${base} < ${limit}
                returning last_grant`
            : sql<{ last_grant: number }>`
                update send_rate set
                  last_grant = ${least}(${n}, ${limit} - ${base}),
                  used = ${base} + ${least}(${n}, ${limit} - ${base}),
                  window_ms = w.now_window
                from (select ${window} as now_window) as w
                where name = ${name} and ${base} < ${limit}
                returning last_grant`;
        const r = await q.execute(db);
        const granted = r.rows[0]?.last_grant;
        if (granted !== undefined) return { granted: Number(granted), waitMs: 0 };
        // No row updated: the window is used up, or this name has no row yet.
        const created = await db
          .insertInto('send_rate')
          .values({ name, window_ms: 0, used: 0 })
          .onConflict((oc) => oc.column('name').doNothing())
          .executeTakeFirst();
        if (toCount(created.numInsertedOrUpdatedRows) > 0) continue;
        return { granted: 0, waitMs: Math.max(1, windowMs - (Date.now() % windowMs)) };
      }
    },
  };
}
