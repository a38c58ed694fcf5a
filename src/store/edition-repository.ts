import type { Kysely, Selectable } from 'kysely';
import type { EditionRepository } from '../shared/store.js';
import type { Edition, EditionModel, EditionStatus } from '../shared/types.js';
import { fromIso, fromJson, toIso, toJson } from './codec.js';
import type { DatabaseSchema, EditionsTable } from './schema.js';

export function editionRepository(db: Kysely<DatabaseSchema>): EditionRepository {
  async function get(id: number): Promise<Edition | undefined> {
    const row = await db.selectFrom('editions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEdition(row);
  }

  return {
    async create(input): Promise<{ edition: Edition; created: boolean }> {
      // ON CONFLICT (digest, slot): when two processes build the same slot,
      // the loser waits for the winner's commit and then reads its row.
      const row = await db
        .insertInto('editions')
        .values({
          digest: input.digest,
          slot: input.slot,
          window_start: toIso(input.windowStart),
          window_end: toIso(input.windowEnd),
          subject: input.subject,
          item_ids: toJson(input.itemIds),
          model: toJson(input.model),
          // 'draft' when the digest's review desk must approve it first.
          status: input.status ?? 'built',
          created_at: toIso(input.now),
        })
        .onConflict((oc) => oc.columns(['digest', 'slot']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { edition: toEdition(row), created: true };
      const existing = await db
        .selectFrom('editions')
        .selectAll()
        .where('digest', '=', input.digest)
        .where('slot', '=', input.slot)
        .executeTakeFirst();
      if (!existing) throw new Error(`edition ${input.digest}/${input.slot} conflicted but cannot be read back`);
      return { edition: toEdition(existing), created: false };
    },

    get,

    async list(opts?: { digest?: string; limit?: number }): Promise<Edition[]> {
      let query = db.selectFrom('editions').selectAll().orderBy('id', 'desc');
      if (opts?.digest !== undefined) query = query.where('digest', '=', opts.digest);
      if (opts?.limit !== undefined) query = query.limit(opts.limit);
      const rows = await query.execute();
      return rows.map(toEdition);
    },

    async latest(digest: string): Promise<Edition | undefined> {
      const row = await db
        .selectFrom('editions')
        .selectAll()
        .where('digest', '=', digest)
        .orderBy('window_end', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toEdition(row);
    },

    async unfinished(digest?: string): Promise<Edition[]> {
      // Drafts, editions approved for a later time and discarded drafts are not
      // for sending now: the review desk releases them (status 'built').
      let query = db
        .selectFrom('editions')
        .selectAll()
        .where('status', 'not in', ['sent', 'draft', 'approved', 'discarded'])
        .orderBy('id', 'asc');
      if (digest !== undefined) query = query.where('digest', '=', digest);
      const rows = await query.execute();
      return rows.map(toEdition);
    },

    async setStatus(id: number, status: EditionStatus): Promise<void> {
      await db.updateTable('editions').set({ status }).where('id', '=', id).execute();
    },
  };
}

function toEdition(row: Selectable<EditionsTable>): Edition {
  const model = fromJson<EditionModel>(row.model, {} as EditionModel);
  return {
    id: row.id,
    digest: row.digest,
    slot: row.slot,
    windowStart: fromIso(row.window_start),
    windowEnd: fromIso(row.window_end),
    subject: row.subject,
    itemIds: fromJson<number[]>(row.item_ids, []),
    // The model is built before the edition has an id; fill it in on the way
    // out so templates ("view in browser") always see the stored edition's id.
    model: { ...model, editionId: row.id },
    status: row.status as EditionStatus,
    createdAt: fromIso(row.created_at),
  };
}
