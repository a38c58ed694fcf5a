// Deliverability (issue 10): every bounce and complaint report stored against
// its delivery, paused digests (complaint rate), held editions (bounce
// breaker), and the one-per-day claim for confirmation mails answering
// unauthenticated inbound requests.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function deliverabilityMigration(dialect: SqlDialect): Migration {
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('delivery_reports')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        // No foreign key to deliveries: a GDPR erase deletes deliveries, and the
        // counts behind the rates must not change when it does.
        .addColumn('delivery_id', 'integer', (c) => c.notNull())
        .addColumn('edition_id', 'integer', (c) => c.notNull())
        .addColumn('subscriber_id', 'integer', (c) => c.notNull())
        /** hard | soft | complaint */
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status_code', 'text')
        .addColumn('diagnostic', 'text')
        /** How the delivery was found: verp | message-id | rcpt-to | smtp-session */
        .addColumn('identified_by', 'text', (c) => c.notNull())
        /** dsn | arf | exim | qmail | exchange | smtp-session */
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('delivery_reports_edition_index').on('delivery_reports').columns(['edition_id', 'kind']).execute();
      await db.schema.createIndex('delivery_reports_subscriber_index').on('delivery_reports').column('subscriber_id').execute();
      await db.schema.createIndex('delivery_reports_received_index').on('delivery_reports').column('received_at').execute();
      // Reports without a VERP token are matched by the original's Message-ID.
      await db.schema.createIndex('deliveries_message_id_index').on('deliveries').column('message_id').execute();
      // Rates over the last 30 days count by the time a row was sent.
      await db.schema.createIndex('deliveries_sent_at_index').on('deliveries').column('sent_at').execute();

      await db.schema
        .createTable('digest_pauses')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('paused_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('edition_holds')
        .addColumn('edition_id', 'integer', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('held_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('inbound_challenges')
        .addColumn('email_hash', 'text', (c) => c.primaryKey())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('inbound_challenges').ifExists().execute();
      await db.schema.dropTable('edition_holds').ifExists().execute();
      await db.schema.dropTable('digest_pauses').ifExists().execute();
      await db.schema.dropIndex('deliveries_sent_at_index').ifExists().execute();
      await db.schema.dropIndex('deliveries_message_id_index').ifExists().execute();
      await db.schema.dropTable('delivery_reports').ifExists().execute();
    },
  };
}
