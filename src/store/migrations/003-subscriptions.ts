// Subscriptions (issue 3): double opt-in confirmations, GDPR suppressions and
// the consent details a confirmation records on the subscriber.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function subscriptionsMigration(dialect: SqlDialect): Migration {
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Where the consent came from (the confirming request's IP), next to consent_at/consent_source.
      await db.schema.alterTable('subscribers').addColumn('consent_ip', 'text').execute();
      // When the last confirmation mail went out: claimed with one conditional
      // UPDATE, so "one confirmation mail per address per hour" holds across
      // processes and concurrent requests.
      await db.schema.alterTable('subscribers').addColumn('confirmation_sent_at', 'text').execute();

      // Only a hash of each token is stored: a leaked database confirms nobody.
      await db.schema
        .createTable('confirmations')
        .addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        // The preferences asked for; applied on confirmation, so a stranger's
        // sign-up can never change what a confirmed reader receives.
        .addColumn('preferences', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('request_ip', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('confirmations_subscriber_index').on('confirmations').column('subscriber_id').execute();

      // Erased people (GDPR): only a hash of the address, so an import cannot
      // bring them back without a new consent.
      await db.schema
        .createTable('suppressions')
        .addColumn('email_hash', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('suppressions').ifExists().execute();
      await db.schema.dropTable('confirmations').ifExists().execute();
      await db.schema.alterTable('subscribers').dropColumn('confirmation_sent_at').execute();
      await db.schema.alterTable('subscribers').dropColumn('consent_ip').execute();
    },
  };
}
