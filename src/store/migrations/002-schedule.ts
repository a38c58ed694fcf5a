// Scheduling (issue 4): one lease row per unit of work (e.g. `digest:daily`)
// so two processes never send the same slot, and one row per scheduled slot
// recording what became of it, so a restart never redoes a slot and
// `dispatch status` can say "skipped: nothing new".
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function scheduleMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('acquired_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('slot_runs')
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('edition_id', 'integer')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('slot_runs_pk', ['digest', 'slot'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['slot_runs', 'leases']) await db.schema.dropTable(table).ifExists().execute();
    },
  };
}
