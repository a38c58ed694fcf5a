// The review desk's rows: edition_reviews (one per held edition) and
// edition_edits (one per edit, with author and time).
import type { Kysely, Selectable } from 'kysely';
import type { EditionReview, ReviewRepository, ReviewStatus, StoredEditionEdit } from '../shared/store.js';
import type { EditionModel } from '../shared/types.js';
import { fromIso, fromIsoOrNull, fromJson, toIso, toJson } from './codec.js';
import type { DatabaseSchema, EditionReviewsTable } from './schema.js';

export function reviewRepository(db: Kysely<DatabaseSchema>): ReviewRepository {
  async function get(editionId: number): Promise<EditionReview | undefined> {
    const row = await db.selectFrom('edition_reviews').selectAll().where('edition_id', '=', editionId).executeTakeFirst();
    return row && toReview(row);
  }
  return {
    async open(input) {
      await db
        .insertInto('edition_reviews')
        .values({
          edition_id: input.editionId,
          digest: input.digest,
          status: 'draft',
          draft_model: toJson(input.draftModel),
          due_at: toIso(input.dueAt),
          on_missed: input.onMissed,
          send_at: null,
          approved_by: null,
          approved_at: null,
          outcome: null,
          created_at: toIso(input.now),
        })
        .onConflict((oc) => oc.column('edition_id').doNothing())
        .execute();
      const review = await get(input.editionId);
      if (!review) throw new Error(`review of edition ${input.editionId} could not be read back`);
      return review;
    },

    get,

    async listOpen() {
      const rows = await db
        .selectFrom('edition_reviews')
        .selectAll()
        .where('status', 'in', ['draft', 'approved'])
        .orderBy('due_at', 'asc')
        .orderBy('edition_id', 'asc')
        .execute();
      return rows.map(toReview);
    },

    async edits(editionId) {
      const rows = await db.selectFrom('edition_edits').selectAll().where('edition_id', '=', editionId).orderBy('id', 'asc').execute();
      return rows.map(
        (r): StoredEditionEdit => ({ id: r.id, editionId: r.edition_id, edit: fromJson(r.edit, { op: 'unknown' }), author: r.author, at: fromIso(r.created_at) }),
      );
    },

    async addEdit(input) {
      return db.transaction().execute(async (trx) => {
        // The edition row is updated only while its review is a draft: an
        // edit racing an approval loses rather than changing what was approved.
        const updated = await trx
          .updateTable('editions')
          .set({ model: toJson(input.model), subject: input.subject })
          .where('id', '=', input.editionId)
          .where('status', '=', 'draft')
          .where((eb) =>
            eb.exists(
              eb.selectFrom('edition_reviews').select('edition_id').where('edition_id', '=', input.editionId).where('status', '=', 'draft'),
            ),
          )
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        await trx
          .insertInto('edition_edits')
          .values({ edition_id: input.editionId, edit: toJson(input.edit), author: input.author, created_at: toIso(input.now) })
          .execute();
        return true;
      });
    },

    async transition(input) {
      return db.transaction().execute(async (trx) => {
        const set: { status: string; send_at?: string | null; approved_by?: string | null; approved_at?: string | null; outcome?: string | null } = { status: input.to };
        if (input.sendAt !== undefined) set.send_at = input.sendAt ? toIso(input.sendAt) : null;
        if (input.approvedBy !== undefined) set.approved_by = input.approvedBy;
        if (input.approvedAt !== undefined) set.approved_at = input.approvedAt ? toIso(input.approvedAt) : null;
        if (input.outcome !== undefined) set.outcome = input.outcome;
        const r = await trx
          .updateTable('edition_reviews')
          .set(set)
          .where('edition_id', '=', input.editionId)
          .where('status', 'in', input.from)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await trx.updateTable('editions').set({ status: input.editionStatus }).where('id', '=', input.editionId).execute();
        return true;
      });
    },
  };
}

function toReview(row: Selectable<EditionReviewsTable>): EditionReview {
  return {
    editionId: row.edition_id,
    digest: row.digest,
    status: row.status as ReviewStatus,
    draftModel: { ...fromJson<EditionModel>(row.draft_model, {} as EditionModel), editionId: row.edition_id },
    dueAt: fromIso(row.due_at),
    onMissed: row.on_missed === 'send' ? 'send' : 'skip',
    sendAt: fromIsoOrNull(row.send_at),
    approvedBy: row.approved_by,
    approvedAt: fromIsoOrNull(row.approved_at),
    outcome: row.outcome,
    createdAt: fromIso(row.created_at),
  };
}
