// Use case: run one scheduled slot of a digest, at most once across every
// process and restart. Under the digest's lease: finish any unfinished
// edition, then, unless the slot already has an outcome, build the slot's
// edition (keyed by the slot, so a second builder gets the same row) and send
// it, recording the outcome in slot_runs.
import type { DigestConfig } from '../config/index.js';
import type { Mailer } from '../deliver/index.js';
import type { CompiledDigest } from '../render/index.js';
import { holdLease, needsRefreshBeforeSlot, slotKey, type Clock } from '../schedule/index.js';
import type { Lease, SlotRun } from '../shared/store.js';
import type { Edition } from '../shared/types.js';
import { buildEdition } from './build-edition.js';
import { deliverEdition, type DeliverEditionResult } from './deliver-edition.js';
import type { AppContext } from './open-context.js';
import { backoffPolicy, refreshDueFeeds } from './refresh-due-feeds.js';
import type { RefreshSummary } from './refresh-feeds.js';
import { describeReview, HELD_STATUSES, settleReviews } from './review-edition.js';

export interface SlotDeps {
  clock: Clock;
  /** Lease holder id of this process. */
  holder: string;
  compiled: CompiledDigest;
  mailer: Mailer;
  /** Stop claiming work: the message in flight finishes, the rest stays pending. */
  signal?: AbortSignal;
  onSendProgress?: (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) => void;
}

export type SlotOutcome =
  /** Another process holds the digest's lease. */
  | { kind: 'busy'; heldBy: Lease }
  /** The slot already had an outcome (another process, or before a restart). */
  | { kind: 'already'; run: SlotRun }
  | { kind: 'skipped'; reason: string }
  | { kind: 'sent'; editionId: number; delivery: DeliverEditionResult }
  /** Stopped with deliveries still pending (shutdown, lost lease, relay down); the next run resumes it. */
  | { kind: 'incomplete'; editionId: number | null; reason: string; delivery: DeliverEditionResult | null }
  /** Review desk: a draft waits for an editor until dueAt; look at the slot again then. */
  | { kind: 'review'; editionId: number; dueAt: Date; reason: string };

export interface SlotReport {
  digest: string;
  slot: string;
  fetch: RefreshSummary | null;
  resumed: DeliverEditionResult[];
  outcome: SlotOutcome;
}

export const digestLeaseName = (digest: string): string => `digest:${digest}`;

const FINAL = new Set(['sent', 'skipped', 'missed']);

/**
 * Sends (resumes) every unfinished edition of the digest, oldest first; an
 * edition that belongs to a slot marks that slot sent once nothing is pending.
 * Call it while holding the digest's lease.
 */
export async function resumeUnfinished(
  ctx: AppContext,
  digest: string,
  send: (edition: Edition) => Promise<DeliverEditionResult>,
  opts: { now: () => Date; signal?: AbortSignal },
): Promise<DeliverEditionResult[]> {
  const results: DeliverEditionResult[] = [];
  // Review desk: release approved editions whose time has come, and apply onMissed to overdue drafts.
  await settleReviews(ctx, opts.now(), digest);
  for (const edition of await ctx.store.editions.unfinished(digest)) {
    if (opts.signal?.aborted) break;
    const r = await send(edition);
    results.push(r);
    if (r.pendingLeft === 0) await markSlotSent(ctx, edition, opts.now());
  }
  return results;
}

/** Records a fully sent edition on its schedule slot (a no-op for manual runs). */
export async function markSlotSent(ctx: AppContext, edition: Edition, now: Date): Promise<void> {
  const run = await ctx.store.slotRuns.get(edition.digest, edition.slot);
  if (run && !FINAL.has(run.status)) {
    await ctx.store.slotRuns.update({ digest: edition.digest, slot: edition.slot, status: 'sent', editionId: edition.id, now });
  }
}

export async function runSlot(ctx: AppContext, digest: DigestConfig, slot: Date, deps: SlotDeps): Promise<SlotReport> {
  const { store, config } = ctx;
  const key = slotKey(slot);
  const now = (): Date => deps.clock.now();
  const policy = backoffPolicy(ctx);

  // Outside the lease: fetching is idempotent (items dedupe) and shared by every digest.
  const { summary: fetch } = await refreshDueFeeds(ctx, {
    now,
    isDue: (feed) => needsRefreshBeforeSlot(feed, now(), config.schedule.freshForMs, policy),
  });

  const lease = await holdLease({ leases: store.leases, name: digestLeaseName(digest.name), holder: deps.holder, clock: deps.clock, ttlMs: config.schedule.leaseTtlMs });
  const report = (outcome: SlotOutcome, resumed: DeliverEditionResult[] = []): SlotReport => ({ digest: digest.name, slot: key, fetch, resumed, outcome });
  if (!lease.acquired) return report({ kind: 'busy', heldBy: lease.heldBy });

  const signal = deps.signal ? AbortSignal.any([deps.signal, lease.held.lost]) : lease.held.lost;
  const send = (edition: Edition): Promise<DeliverEditionResult> =>
    deliverEdition(ctx, edition, {
      now,
      compiled: deps.compiled,
      mailer: deps.mailer,
      signal,
      onProgress: deps.onSendProgress ? (p) => deps.onSendProgress?.(edition.digest, p) : undefined,
    });
  try {
    const resumed = await resumeUnfinished(ctx, digest.name, send, { now, signal });
    if (signal.aborted) return report({ kind: 'incomplete', editionId: null, reason: stopReason(signal), delivery: null }, resumed);

    const { run } = await store.slotRuns.start({ digest: digest.name, slot: key, now: now() });
    if (FINAL.has(run.status)) return report({ kind: 'already', run }, resumed);

    const built = await buildEdition(ctx, digest, { now: now(), slot: key });
    if (built.kind === 'skipped') {
      const reason = `nothing new: ${built.reason}`;
      await store.slotRuns.update({ digest: digest.name, slot: key, status: 'skipped', reason, now: now() });
      return report({ kind: 'skipped', reason }, resumed);
    }
    const edition = built.edition;
    await store.slotRuns.update({ digest: digest.name, slot: key, status: 'running', editionId: edition.id, now: now() });
    const review = HELD_STATUSES.has(edition.status) ? await store.reviews.get(edition.id) : undefined;
    if (review && (review.status === 'draft' || review.status === 'approved')) {
      const reason = `held for review: ${describeReview(review)}`;
      await store.slotRuns.update({ digest: digest.name, slot: key, status: 'running', reason, now: now() });
      const dueAt = review.status === 'approved' ? (review.sendAt ?? review.dueAt) : review.dueAt;
      return report({ kind: 'review', editionId: edition.id, dueAt, reason }, resumed);
    }
    if (edition.status === 'sent') {
      // Built and sent before (a crash between the send and this row's update).
      await store.slotRuns.update({ digest: digest.name, slot: key, status: 'sent', editionId: edition.id, now: now() });
      return report({ kind: 'already', run: { ...run, status: 'sent', editionId: edition.id } }, resumed);
    }
    const delivery = await send(edition);
    if (delivery.pendingLeft > 0) {
      const reason = delivery.stoppedReason ?? `${delivery.pendingLeft} deliveries still pending`;
      await store.slotRuns.update({ digest: digest.name, slot: key, status: 'running', reason, now: now() });
      return report({ kind: 'incomplete', editionId: edition.id, reason, delivery }, resumed);
    }
    await store.slotRuns.update({ digest: digest.name, slot: key, status: 'sent', reason: null, editionId: edition.id, now: now() });
    return report({ kind: 'sent', editionId: edition.id, delivery }, resumed);
  } finally {
    await lease.held.release();
  }
}

function stopReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error && /lease/.test(r.message) ? r.message : 'stopped';
}
