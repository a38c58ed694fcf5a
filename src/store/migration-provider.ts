// Migrations live in code (no folder scanning), so they survive bundling and
// run the same from src/ under vitest and from dist/ after tsc.
import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from './dialect.js';
import { initialMigration } from './migrations/001-initial.js';
import { scheduleMigration } from './migrations/002-schedule.js';
import { subscriptionsMigration } from './migrations/003-subscriptions.js';
import { taggingMigration } from './migrations/004-tagging.js';
import { claimsMigration } from './migrations/005-claims.js';
import { deliverabilityMigration } from './migrations/006-deliverability.js';
import { editionReviewMigration } from './migrations/007-edition-review.js';
import { aboutCountriesMigration } from './migrations/008-about-countries.js';

export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-initial': initialMigration(dialect),
        '002-schedule': scheduleMigration(dialect),
        '003-subscriptions': subscriptionsMigration(dialect),
        '004-tagging': taggingMigration(dialect),
        '005-claims': claimsMigration(dialect),
        '006-deliverability': deliverabilityMigration(dialect),
        '007-edition-review': editionReviewMigration(dialect),
        '008-about-countries': aboutCountriesMigration(dialect),
      };
    },
  };
}
