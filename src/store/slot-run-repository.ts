// What became of each scheduled slot. The (digest, slot) key makes start()
// idempotent: a second process or a restart finds the row instead of
// claiming the slot again.
import type { Kysely, Selectable } from 'kysely';
import type { SlotRun, SlotRunRepository, SlotRunStatus } from '../shared/store.js';
import { fromIso, fromIsoOrNull, toIso } from './codec.js';
import type { DatabaseSchema, SlotRunsTable } from './schema.js';

export function slotRunRepository(db: Kysely<DatabaseSchema>): SlotRunRepository {
  async function get(digest: string, slot: string): Promise<SlotRun | undefined> {
    const row = await db.selectFrom('slot_runs').selectAll().where('digest', '=', digest).where('slot', '=', slot).executeTakeFirst();
    return row && toSlotRun(row);
  }

  return {
    async start(input) {
      const row = await db
        .insertInto('slot_runs')
        .values({ digest: input.digest, slot: input.slot, status: 'running', reason: null, edition_id: null, started_at: toIso(input.now), finished_at: null })
        .onConflict((oc) => oc.columns(['digest', 'slot']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { run: toSlotRun(row), created: true };
      const existing = await get(input.digest, input.slot);
      if (!existing) throw new Error(`slot run ${input.digest}/${input.slot} conflicted but cannot be read back`);
      return { run: existing, created: false };
    },

    async update(input) {
      const at = toIso(input.now);
      const finished = input.status === 'running' ? null : at;
      await db
        .insertInto('slot_runs')
        .values({
          digest: input.digest,
          slot: input.slot,
          status: input.status,
          reason: input.reason ?? null,
          edition_id: input.editionId ?? null,
          started_at: at,
          finished_at: finished,
        })
        .onConflict((oc) =>
          oc.columns(['digest', 'slot']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            finished_at: eb.ref('excluded.finished_at'),
            // Unset fields keep what the row has.
            ...(input.reason !== undefined ? { reason: eb.ref('excluded.reason') } : {}),
            ...(input.editionId !== undefined ? { edition_id: eb.ref('excluded.edition_id') } : {}),
          })),
        )
        .execute();
    },

    get,

    async latest(digest) {
      const row = await db.selectFrom('slot_runs').selectAll().where('digest', '=', digest).orderBy('slot', 'desc').limit(1).executeTakeFirst();
      return row && toSlotRun(row);
    },

    async list(opts) {
      let q = db.selectFrom('slot_runs').selectAll().orderBy('slot', 'desc').orderBy('digest');
      if (opts?.digest !== undefined) q = q.where('digest', '=', opts.digest);
      if (opts?.limit !== undefined) q = q.limit(opts.limit);
      return (await q.execute()).map(toSlotRun);
    },
  };
}

function toSlotRun(row: Selectable<SlotRunsTable>): SlotRun {
  return {
    digest: row.digest,
    slot: row.slot,
    status: row.status as SlotRunStatus,
    reason: row.reason,
    editionId: row.edition_id,
    startedAt: fromIso(row.started_at),
    finishedAt: fromIsoOrNull(row.finished_at),
  };
}
