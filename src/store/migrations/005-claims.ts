// Issue 9: send workers. Delivery rows are claimed in batches (holder +
// expiry) so any number of processes share an edition; a claim that runs out
// (a killed worker) is taken by the others. `send_rate` holds one row per
// relay account: a per-second counter every worker draws send tokens from, so
// `sending.pool.ratePerSecond` caps all workers together.
import type { Kysely, Migration } from 'kysely';
import { sql } from '../kysely-runtime.js';
import type { SqlDialect } from '../dialect.js';

export function claimsMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('deliveries').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('deliveries').addColumn('claim_expires_at', 'text').execute();
      // Renewing and releasing one holder's claims must not scan the ledger.
      // Partial: only rows ever claimed are indexed, so creating a million
      // ledger rows (all unclaimed) does not pay for this index.
      await db.schema
        .createIndex('deliveries_claimed_by_index')
        .on('deliveries')
        .column('claimed_by')
        .where(sql.ref('claimed_by'), 'is not', null)
        .execute();
      await db.schema
        .createTable('send_rate')
        .addColumn('name', 'text', (c) => c.primaryKey())
        // Start of the current one-second window, in ms since the epoch.
        .addColumn('window_ms', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        // Tokens handed out by the last take (read back with RETURNING, so a
        // take is one UPDATE statement: no transaction, no lock upgrade).
        .addColumn('last_grant', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('send_rate').ifExists().execute();
      await db.schema.dropIndex('deliveries_claimed_by_index').ifExists().execute();
      await db.schema.alterTable('deliveries').dropColumn('claim_expires_at').execute();
      await db.schema.alterTable('deliveries').dropColumn('claimed_by').execute();
    },
  };
}
