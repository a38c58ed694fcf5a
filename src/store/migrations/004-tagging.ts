// Foreign-policy curation (issue 6): every item carries the countries, regions
// and topics the tagger found, so editions can be grouped by region and each
// subscriber's copy filtered by their preferences without re-tagging.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function taggingMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['countries', 'regions', 'topics']) {
        await db.schema
          .alterTable('items')
          .addColumn(column, 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
      }
      await db.schema
        .alterTable('feeds')
        .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of ['countries', 'regions', 'topics']) await db.schema.alterTable('items').dropColumn(column).execute();
      await db.schema.alterTable('feeds').dropColumn('weight').execute();
    },
  };
}
