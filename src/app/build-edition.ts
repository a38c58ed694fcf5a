// Use case: choose the items that arrived since the digest's previous edition
// and store them as a new edition (or say why there is none).
import { publishEvent } from '../observability/events.js';
import type { DigestConfig } from '../config/index.js';
import { buildEditionModel, editionWindow, recentEnough, shouldBuild } from '../edition/index.js';
import type { Edition, EditionModel } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { holdForReview } from './review-edition.js';

const CANDIDATES_PER_STORY = 5;
const MAX_CANDIDATES = 2_000;

export type BuildEditionResult =
  | { kind: 'built'; edition: Edition; created: boolean }
  | { kind: 'skipped'; reason: string; itemCount: number };

/** The model of the next edition, without storing anything (preview). */
export async function planEdition(
  ctx: AppContext,
  digest: DigestConfig,
  now: Date,
): Promise<{ model: EditionModel; itemIds: number[]; window: { start: Date; end: Date }; decision: ReturnType<typeof shouldBuild> }> {
  const previous = await ctx.store.editions.latest(digest.name);
  const window = editionWindow(previous, now, digest.lookbackMs);
  // Several outlets' items make one story, so read more candidates than stories wanted.
  const arrived = await ctx.store.items.listArrived(window.start, window.end, Math.min(digest.maxItems * CANDIDATES_PER_STORY, MAX_CANDIDATES));
  // Arrived in the window is not enough: a first run must not carry week-old stories.
  const items = digest.maxAgeMs ? recentEnough(arrived, now, digest.maxAgeMs) : arrived;
  const model = buildEditionModel(
    items,
    {
      name: digest.name,
      title: digest.title,
      maxItems: digest.maxItems,
      sectionBy: digest.sectionBy,
      topStories: digest.topStories,
      maxPerSource: digest.maxPerSource ?? null,
    },
    { now, editionId: null, tagOrder: digest.sections ?? undefined },
  );
  const stories = [...(model.topStories ?? []), ...model.sections.flatMap((s) => s.stories)];
  const itemIds = stories.flatMap((st) => [st.headline.id, ...st.alsoReportedBy.map((i) => i.id)]);
  return { model, itemIds, window, decision: shouldBuild(items.length, digest.minItems, window.start) };
}

export async function buildEdition(
  ctx: AppContext,
  digest: DigestConfig,
  opts: { now: Date; slot: string },
): Promise<BuildEditionResult> {
  const plan = await planEdition(ctx, digest, opts.now);
  if (!plan.decision.build) return { kind: 'skipped', reason: plan.decision.reason, itemCount: plan.itemIds.length };
  const { edition, created } = await ctx.store.editions.create({
    digest: digest.name,
    slot: opts.slot,
    windowStart: plan.window.start,
    windowEnd: plan.window.end,
    subject: plan.model.subject,
    itemIds: plan.itemIds,
    model: plan.model,
    now: opts.now,
    // The review desk: a draft that nothing sends until an editor approves it.
    ...(digest.review?.required ? { status: 'draft' as const } : {}),
  });
  if (created) publishEvent({ type: 'edition-built', digest: digest.name, editionId: edition.id, items: plan.itemIds.length, subject: edition.subject });
  // Opened on every build of the slot (idempotent), so a crash between the two writes heals.
  if (edition.status === 'draft') await holdForReview(ctx, edition, digest, opts.now);
  return { kind: 'built', edition, created };
}
