import type { Kysely, Selectable } from 'kysely';
import type { FeedFetchOutcome, FeedRepository } from '../shared/store.js';
import type { FeedFetchStatus, FeedRecord, FeedSource } from '../shared/types.js';
import { fromIso, fromIsoOrNull, fromJson, toIso, toJson } from './codec.js';
import type { DatabaseSchema, FeedsTable } from './schema.js';

export function feedRepository(db: Kysely<DatabaseSchema>): FeedRepository {
  return {
    async upsert(source: FeedSource, now: Date): Promise<FeedRecord> {
      const at = toIso(now);
      // A config that now names the URL a feed was redirected to means that
      // feed, not a new one (else both would be fetched).
      const redirected = await db
        .updateTable('feeds')
        .set({ name: source.name, homepage: source.homepage ?? null, tags: toJson(source.tags), weight: source.weight ?? 1, updated_at: at })
        .where('fetch_url', '=', source.url)
        .where('url', '<>', source.url)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('feeds as f').select('f.id').where('f.url', '=', source.url))))
        .returningAll()
        .executeTakeFirst();
      if (redirected) return toFeedRecord(redirected);

      const row = await db
        .insertInto('feeds')
        .values({
          url: source.url,
          name: source.name,
          homepage: source.homepage ?? null,
          tags: toJson(source.tags),
          weight: source.weight ?? 1,
          created_at: at,
          updated_at: at,
        })
        // Only what the config declares changes; etag, streak, redirect and pause stay.
        .onConflict((oc) =>
          oc.column('url').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            homepage: eb.ref('excluded.homepage'),
            tags: eb.ref('excluded.tags'),
            weight: eb.ref('excluded.weight'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toFeedRecord(row);
    },

    async list(): Promise<FeedRecord[]> {
      const rows = await db.selectFrom('feeds').selectAll().orderBy('id').execute();
      return rows.map(toFeedRecord);
    },

    async get(id: number): Promise<FeedRecord | undefined> {
      const row = await db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toFeedRecord(row);
    },

    async recordFetch(id: number, outcome: FeedFetchOutcome): Promise<void> {
      const failed = outcome.status === 'failed';
      await db
        .updateTable('feeds')
        .set((eb) => ({
          last_status: outcome.status,
          last_fetched_at: toIso(outcome.fetchedAt),
          // A successful fetch may carry a note (a malformed document that was
          // recovered, skipped items); a 304 keeps the previous ok-fetch note
          // and clears a failure's error.
          last_error: failed
            ? (outcome.error ?? 'failed')
            : outcome.status === 'not-modified'
              ? eb.case().when('last_status', '=', 'failed').then(null).else(eb.ref('last_error')).end()
              : (outcome.error ?? null),
          failure_streak: failed ? eb('failure_streak', '+', 1) : 0,
          updated_at: toIso(outcome.fetchedAt),
          // undefined = "not reported, keep"; null = "clear".
          ...(outcome.etag !== undefined ? { etag: outcome.etag } : {}),
          ...(outcome.lastModified !== undefined ? { last_modified: outcome.lastModified } : {}),
          // The declared url stays the upsert key, so the config keeps matching this row.
          ...(outcome.newUrl !== undefined ? { fetch_url: outcome.newUrl } : {}),
          ...(outcome.paused !== undefined ? { paused: outcome.paused ? 1 : 0 } : {}),
        }))
        .where('id', '=', id)
        .execute();
    },
  };
}

function toFeedRecord(row: Selectable<FeedsTable>): FeedRecord {
  return {
    id: row.id,
    url: row.fetch_url ?? row.url,
    name: row.name,
    homepage: row.homepage,
    tags: fromJson<string[]>(row.tags, []),
    etag: row.etag,
    lastModified: row.last_modified,
    lastStatus: row.last_status as FeedFetchStatus | null,
    lastError: row.last_error,
    failureStreak: row.failure_streak,
    lastFetchedAt: fromIsoOrNull(row.last_fetched_at),
    paused: row.paused !== 0,
    createdAt: fromIso(row.created_at),
  };
}
