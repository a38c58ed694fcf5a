// The initial schema. Column types are portable (see ../schema.ts); only the
// auto-increment primary key differs between dialects.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function initialMigration(dialect: SqlDialect): Migration {
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('feeds')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('fetch_url', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('homepage', 'text')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_status', 'text')
        .addColumn('last_error', 'text')
        .addColumn('failure_streak', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_fetched_at', 'text')
        .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('items')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
        .addColumn('guid', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('canonical_url', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary_html', 'text', (c) => c.notNull())
        .addColumn('excerpt', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('seen_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('items_feed_guid_unique', ['feed_id', 'guid'])
        .addUniqueConstraint('items_content_hash_unique', ['content_hash'])
        .execute();
      // Partial so items without a link never collide with each other.
      await db.schema
        .createIndex('items_canonical_url_unique')
        .on('items')
        .column('canonical_url')
        .unique()
        .where('canonical_url', 'is not', null)
        .execute();
      await db.schema.createIndex('items_first_seen_at_index').on('items').column('first_seen_at').execute();

      await db.schema
        .createTable('subscribers')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('preferences', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('consent_at', 'text')
        .addColumn('consent_source', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('subscribers_status_index').on('subscribers').columns(['status', 'id']).execute();

      await db.schema
        .createTable('editions')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('window_end', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('item_ids', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('editions_digest_slot_unique', ['digest', 'slot'])
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_reply', 'text')
        .addColumn('message_id', 'text')
        .addColumn('last_attempt_at', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('deliveries_edition_subscriber_unique', ['edition_id', 'subscriber_id'])
        .execute();
      // Keyset pagination of a send: pending rows of one edition in id order.
      await db.schema
        .createIndex('deliveries_edition_status_id_index')
        .on('deliveries')
        .columns(['edition_id', 'status', 'id'])
        .execute();
      // The cascade from a removed subscriber must not scan the whole ledger.
      await db.schema.createIndex('deliveries_subscriber_index').on('deliveries').column('subscriber_id').execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['deliveries', 'editions', 'subscribers', 'items', 'feeds']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
