// The review desk (issue 11): a draft edition waits for an editor. The model
// as built is kept apart from the editor's edits, which are rows of their own
// (who, when, what), so the approved model is always applyEdits(draft, edits)
// and the history of an edition can be read back.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function editionReviewMigration(dialect: SqlDialect): Migration {
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('edition_reviews')
        .addColumn('edition_id', 'integer', (c) => c.primaryKey().references('editions.id').onDelete('cascade'))
        .addColumn('digest', 'text', (c) => c.notNull())
        // draft | approved | released | skipped
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('draft_model', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('on_missed', 'text', (c) => c.notNull())
        .addColumn('send_at', 'text')
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('outcome', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('edition_reviews_status_index').on('edition_reviews').columns(['status', 'due_at']).execute();
      await db.schema
        .createTable('edition_edits')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
        .addColumn('edit', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('edition_edits_edition_index').on('edition_edits').columns(['edition_id', 'id']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['edition_edits', 'edition_reviews']) await db.schema.dropTable(table).ifExists().execute();
    },
  };
}
