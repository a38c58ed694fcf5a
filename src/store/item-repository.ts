import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ItemRepository } from '../shared/store.js';
import type { NewItem, StoredItem } from '../shared/types.js';
import { chunk, fromIso, fromJson, toCount, toIso, toJson } from './codec.js';
import type { DatabaseSchema, ItemsTable } from './schema.js';

// 16 bound values per row; 200 rows stays far below SQLite's variable limit
// (32766) and PostgreSQL's (65535).
const INSERT_CHUNK = 200;
const ID_CHUNK = 500;

export function itemRepository(db: Kysely<DatabaseSchema>): ItemRepository {
  return {
    async insertMany(items: NewItem[]): Promise<{ inserted: number }> {
      if (items.length === 0) return { inserted: 0 };
      return db.transaction().execute(async (trx) => {
        let inserted = 0;
        for (const part of chunk(items, INSERT_CHUNK)) {
          // No conflict target: a clash on any unique key ((feed, guid),
          // canonical url, content hash) skips the row, within the batch too.
          const result = await trx
            .insertInto('items')
            .values(part.map(toRow))
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          inserted += toCount(result.numInsertedOrUpdatedRows);
        }
        return { inserted };
      });
    },

    async listArrived(since: Date, until: Date, limit: number): Promise<StoredItem[]> {
      const rows = await db
        .selectFrom('items')
        .innerJoin('feeds', 'feeds.id', 'items.feed_id')
        .selectAll('items')
        .select(['feeds.name as source', 'feeds.weight as feed_weight'])
        .where('items.first_seen_at', '>=', toIso(since))
        .where('items.first_seen_at', '<', toIso(until))
        .where('items.seen_only', '=', 0)
        .orderBy('items.published_at', 'desc')
        .orderBy('items.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toStoredItem);
    },

    async getMany(ids: number[]): Promise<StoredItem[]> {
      const byId = new Map<number, StoredItem>();
      for (const part of chunk([...new Set(ids)], ID_CHUNK)) {
        const rows = await db
          .selectFrom('items')
          .innerJoin('feeds', 'feeds.id', 'items.feed_id')
          .selectAll('items')
          .select(['feeds.name as source', 'feeds.weight as feed_weight'])
          .where('items.id', 'in', part)
          .execute();
        for (const row of rows) byId.set(row.id, toStoredItem(row));
      }
      // In the order asked for (an edition's item order), unknown ids dropped.
      const out: StoredItem[] = [];
      for (const id of new Set(ids)) {
        const item = byId.get(id);
        if (item) out.push(item);
      }
      return out;
    },

    async countForFeed(feedId: number): Promise<number> {
      const row = await db
        .selectFrom('items')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('feed_id', '=', feedId)
        .executeTakeFirst();
      return toCount(row?.n);
    },
  };
}

function toRow(item: NewItem): Insertable<ItemsTable> {
  return {
    feed_id: item.feedId,
    guid: item.guid,
    url: item.url,
    canonical_url: item.canonicalUrl,
    title: item.title,
    summary_html: item.summaryHtml,
    excerpt: item.excerpt,
    published_at: toIso(item.publishedAt),
    first_seen_at: toIso(item.firstSeenAt),
    content_hash: item.contentHash,
    tags: toJson(item.tags),
    seen_only: item.seenOnly ? 1 : 0,
    countries: toJson(item.countries),
    regions: toJson(item.regions),
    topics: toJson(item.topics),
    about_countries: item.aboutCountries ? toJson(item.aboutCountries) : null,
  };
}

function toStoredItem(row: Selectable<ItemsTable> & { source: string; feed_weight?: number | null }): StoredItem {
  return {
    id: row.id,
    feedId: row.feed_id,
    source: row.source,
    guid: row.guid,
    url: row.url,
    canonicalUrl: row.canonical_url,
    title: row.title,
    summaryHtml: row.summary_html,
    excerpt: row.excerpt,
    publishedAt: fromIso(row.published_at),
    firstSeenAt: fromIso(row.first_seen_at),
    contentHash: row.content_hash,
    tags: fromJson<string[]>(row.tags, []),
    seenOnly: row.seen_only !== 0,
    countries: fromJson<string[]>(row.countries, []),
    regions: fromJson<string[]>(row.regions, []),
    topics: fromJson<string[]>(row.topics, []),
    // Absent (not empty) for rows stored before migration 008: not known.
    ...(row.about_countries != null ? { aboutCountries: fromJson<string[]>(row.about_countries, []) } : {}),
    feedWeight: row.feed_weight ?? 1,
  };
}
