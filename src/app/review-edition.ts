// Use cases of the review desk (issue 11). A digest with `review.required`
// builds a draft and sends nothing; an editor edits it (studio or CLI) and
// approves it, to go out now or at the slot time. By the due time, an
// unapproved draft is sent as it stands or skipped (`review.onMissed`).
//
// The edition row always holds the model a subscriber would get:
// applyEdits(draft as built, every stored edit). Sending reads that row and
// nothing else, so the copies sent are exactly the approved edition.
import { userInfo } from 'node:os';
import type { DigestConfig } from '../config/index.js';
import { applyEdits, MAX_NOTE_CHARS, storiesOf, TOP_BLOCK, type EditionEdit } from '../edition/index.js';
import { InputError } from '../shared/errors.js';
import type { EditionReview, StoredEditionEdit } from '../shared/store.js';
import type { Edition, EditionModel } from '../shared/types.js';
import type { AppContext } from './open-context.js';

/** Statuses of an edition the review desk holds back from sending. */
export const HELD_STATUSES: ReadonlySet<Edition['status']> = new Set(['draft', 'approved', 'discarded']);

const MAX_HEADLINE_CHARS = 300;
const MAX_SUMMARY_CHARS = 5000;

/** "studio:ana", "cli:ana": who made an edit or approved, for the record. */
export function editorName(via: 'studio' | 'cli', name?: string | null): string {
  let who = name?.trim();
  if (!who) {
    try {
      who = userInfo().username;
    } catch {
      who = 'unknown';
    }
  }
  return `${via}:${who.replace(/[\r\n]+/g, ' ').slice(0, 80)}`;
}

/**
 * When a draft is due: the slot time for a scheduled slot still ahead (the
 * scheduler builds review drafts `deadline` before the slot), else the build
 * time plus the deadline (`dispatch run`, or a slot built late).
 */
export function reviewDueAt(slot: string, now: Date, deadlineMs: number): Date {
  const slotTime = /^\d{4}-\d\d-\d\dT/.test(slot) ? new Date(slot) : null;
  if (slotTime && !Number.isNaN(slotTime.getTime()) && slotTime.getTime() > now.getTime()) return slotTime;
  return new Date(now.getTime() + deadlineMs);
}

/** Opens the review of a freshly built draft. */
export async function holdForReview(ctx: AppContext, edition: Edition, digest: DigestConfig, now: Date): Promise<EditionReview> {
  const review = digest.review;
  if (!review) throw new Error(`digest ${digest.name} has no review settings`);
  return ctx.store.reviews.open({
    editionId: edition.id,
    digest: digest.name,
    draftModel: edition.model,
    dueAt: reviewDueAt(edition.slot, now, review.deadlineMs),
    onMissed: review.onMissed,
    now,
  });
}

export interface DraftView {
  edition: Edition;
  review: EditionReview;
  edits: StoredEditionEdit[];
}

export async function readDraft(ctx: Pick<AppContext, 'store'>, editionId: number): Promise<DraftView> {
  const edition = await ctx.store.editions.get(editionId);
  const review = edition ? await ctx.store.reviews.get(editionId) : undefined;
  if (!edition || !review) throw new InputError(`edition ${editionId} is not held for review (see \`dispatch editions list\`)`);
  return { edition, review, edits: await ctx.store.reviews.edits(editionId) };
}

/** Checks an edit against the current model; the message says what is wrong. */
export function checkEdit(model: EditionModel, edit: EditionEdit): void {
  if (edit.op === 'note') {
    if (edit.markdown.length > MAX_NOTE_CHARS) throw new InputError(`the editor's note is ${edit.markdown.length} characters; at most ${MAX_NOTE_CHARS}`);
    return;
  }
  if (!storiesOf(model).some((s) => s.id === edit.storyId)) throw new InputError(`no story "${edit.storyId}" in this edition`);
  if (edit.op === 'move' && edit.section !== TOP_BLOCK && !model.sections.some((s) => s.key === edit.section)) {
    throw new InputError(`no section "${edit.section}" in this edition (sections: ${[TOP_BLOCK, ...model.sections.map((s) => s.key)].join(', ')})`);
  }
  if (edit.op === 'headline' && (edit.title.trim() === '' || edit.title.length > MAX_HEADLINE_CHARS)) {
    throw new InputError(`a headline needs 1 to ${MAX_HEADLINE_CHARS} characters`);
  }
  if (edit.op === 'summary' && edit.text.length > MAX_SUMMARY_CHARS) throw new InputError(`a summary may have at most ${MAX_SUMMARY_CHARS} characters`);
}

/** Records one edit (with who and when) and stores the edited model on the edition. */
export async function editDraft(ctx: Pick<AppContext, 'store'>, editionId: number, edit: EditionEdit, author: string, now: Date): Promise<EditionModel> {
  const { edition, review, edits } = await readDraft(ctx, editionId);
  if (review.status !== 'draft') throw new InputError(`edition ${editionId} is ${describeReview(review)}; only a draft can be edited`);
  checkEdit(edition.model, edit);
  const model = applyEdits(review.draftModel, [...edits.map((e) => e.edit as unknown as EditionEdit), edit]);
  const ok = await ctx.store.reviews.addEdit({ editionId, edit: { ...edit }, author, now, model, subject: model.subject });
  if (!ok) throw new InputError(`edition ${editionId} was approved or released meanwhile; the edit was not applied`);
  return model;
}

export type ApproveWhen = 'now' | 'slot';

export interface ApproveResult {
  editionId: number;
  sendAt: Date;
  /** True when it is released for sending now (status built). */
  released: boolean;
}

/**
 * Approves a draft: to go out now, or at its slot (due) time. Approving
 * again before the send time changes the time. The model approved is the one
 * stored now; nothing can change it after this (edits need a draft).
 */
export async function approveEdition(ctx: Pick<AppContext, 'store'>, editionId: number, opts: { by: string; now: Date; when: ApproveWhen }): Promise<ApproveResult> {
  const { review } = await readDraft(ctx, editionId);
  if (review.status !== 'draft' && review.status !== 'approved') throw new InputError(`edition ${editionId} is ${describeReview(review)}; nothing to approve`);
  const sendAt = opts.when === 'now' || review.dueAt.getTime() <= opts.now.getTime() ? opts.now : review.dueAt;
  const released = sendAt.getTime() <= opts.now.getTime();
  const ok = await ctx.store.reviews.transition({
    editionId,
    from: ['draft', 'approved'],
    to: released ? 'released' : 'approved',
    editionStatus: released ? 'built' : 'approved',
    sendAt,
    approvedBy: opts.by,
    approvedAt: opts.now,
    outcome: `approved by ${opts.by}`,
  });
  if (!ok) throw new InputError(`edition ${editionId} changed meanwhile; look again with \`dispatch editions list\``);
  return { editionId, sendAt, released };
}

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
