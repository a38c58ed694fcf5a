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
import { describeReview } from './settle-reviews.js';

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
