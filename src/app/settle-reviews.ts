// The review desk's clock-driven side (issue 11): which statuses hold an
// edition back, and the moves a due time or send time makes. Store-only, so
// the send path (run, send, worker) loads it without the edition stage that
// editing drafts needs (review-edition.ts).
import type { EditionReview } from '../shared/store.js';
import type { Edition } from '../shared/types.js';
import type { AppContext } from './open-context.js';

/** Statuses of an edition the review desk holds back from sending. */
export const HELD_STATUSES: ReadonlySet<Edition['status']> = new Set(['draft', 'approved', 'discarded']);

/**
 * Moves reviews whose time has come: approved ones whose send time is here
 * are released; drafts past their due time are released (onMissed: send) or
 * skipped, and a skipped draft's slot is recorded as skipped. Returns a line
 * per change for logs.
 */
export async function settleReviews(ctx: Pick<AppContext, 'store'>, now: Date, digest?: string): Promise<string[]> {
  const lines: string[] = [];
  for (const r of await ctx.store.reviews.listOpen()) {
    if (digest !== undefined && r.digest !== digest) continue;
    if (r.status === 'approved' && r.sendAt && r.sendAt.getTime() <= now.getTime()) {
      if (await ctx.store.reviews.transition({ editionId: r.editionId, from: ['approved'], to: 'released', editionStatus: 'built' })) {
        lines.push(`edition ${r.editionId}: approved for ${r.sendAt.toISOString()}, released`);
      }
    } else if (r.status === 'draft' && r.dueAt.getTime() <= now.getTime()) {
      const send = r.onMissed === 'send';
      const outcome = `not approved by ${r.dueAt.toISOString()}: ${send ? 'sent as drafted' : 'skipped'}`;
      const ok = await ctx.store.reviews.transition({
        editionId: r.editionId,
        from: ['draft'],
        to: send ? 'released' : 'skipped',
        editionStatus: send ? 'built' : 'discarded',
        outcome,
      });
      if (!ok) continue;
      lines.push(`edition ${r.editionId}: ${outcome}`);
      if (!send) {
        const edition = await ctx.store.editions.get(r.editionId);
        const run = edition ? await ctx.store.slotRuns.get(edition.digest, edition.slot) : undefined;
        if (edition && run && run.status === 'running') {
          await ctx.store.slotRuns.update({ digest: edition.digest, slot: edition.slot, status: 'skipped', reason: `review: ${outcome}`, editionId: edition.id, now });
        }
      }
    }
  }
  return lines;
}

/** The earliest time a review needs attention (a due time or a send time), or null. */
export async function nextReviewTime(ctx: Pick<AppContext, 'store'>): Promise<Date | null> {
  let next: number | null = null;
  for (const r of await ctx.store.reviews.listOpen()) {
    const t = r.status === 'approved' ? (r.sendAt ?? r.dueAt).getTime() : r.dueAt.getTime();
    next = next === null ? t : Math.min(next, t);
  }
  return next === null ? null : new Date(next);
}

/** "a draft due 2026-12-01 07:00 UTC", "approved for …", "released", "skipped". */
export function describeReview(r: EditionReview): string {
  const at = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  switch (r.status) {
    case 'draft':
      return `a draft due ${at(r.dueAt)} (then ${r.onMissed === 'send' ? 'sent as drafted' : 'skipped'})`;
    case 'approved':
      return `approved for ${at(r.sendAt ?? r.dueAt)}${r.approvedBy ? ` by ${r.approvedBy}` : ''}`;
    case 'released':
      return `released${r.outcome ? ` (${r.outcome})` : ''}`;
    case 'skipped':
      return `skipped${r.outcome ? ` (${r.outcome})` : ''}`;
  }
}
