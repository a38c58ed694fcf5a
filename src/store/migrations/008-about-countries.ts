// What a story is about (issue 11): the tagger tells the countries an item is
// about (its subjects) from those it names in passing (brokers, hosts,
// background). The item's regions were already derived from it; the countries
// themselves were dropped at insert, so a script reading `preview --json` or a
// later stage could not see them without tagging the text again.
//
// Nullable, with no default: NULL means "stored before this migration, not
// known", which is not the same as "about no country" ('[]'). Old rows are not
// back-filled here: a migration must not depend on the tagger's rules of the
// day, and old items age out of every edition window within days.
import type { Kysely, Migration } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export function aboutCountriesMigration(_dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('items').addColumn('about_countries', 'text').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('items').dropColumn('about_countries').execute();
    },
  };
}
