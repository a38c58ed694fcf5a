// The one use case for a digest run: `dispatch run`, `dispatch send`, the
// scheduler in `dispatch serve` and `dispatch worker` all come through here.
//
//   lease → resume unfinished editions → build → send → record the slot
//
// The lease (`digest:<name>`) makes BUILDING single-flight: two processes
// never build from the same items or record the same slot. SENDING is not
// under the lease: every sender claims delivery rows in batches (see
// deliver/send-edition.ts), so a process that finds the lease held, or a
// worker, joins the edition in progress instead of waiting.
import type { DigestConfig } from '../config/index.js';
import type { Mailer, SendRateGate } from '../deliver/index.js';
import type { CompiledDigest } from '../render/index.js';
import { holdLease, slotKey } from '../schedule/index.js';
import type { Lease, SlotRun } from '../shared/store.js';
import type { Edition } from '../shared/types.js';
import { digestPauseReason } from './digest-pause.js';
import { describeReview, HELD_STATUSES, settleReviews } from './settle-reviews.js';
import { deliverEdition, type DeliverEditionResult } from './deliver-edition.js';
import { createDigestTemplates, type DigestTemplates } from './digest-templates.js';
import type { AppContext } from './open-context.js';

export interface RunDigestDeps {
  now: () => Date;
  compiled: CompiledDigest;
  mailer: Mailer;
  /** Lease and claim holder id of this process (processHolderId()). */
  holder: string;
  /** Graceful stop: no new rows are claimed, messages in flight finish and are recorded, the rest is released. */
  signal?: AbortSignal;
  /** The global send rate (sharedSendRate); default none. */
  rate?: SendRateGate;
  onSendProgress?: (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) => void;
}

export interface RunDigestOptions {
  /** A scheduled slot: the edition is keyed by it and its outcome recorded in slot_runs. */
  slot?: Date;
  /**
   * false = only send what is unfinished (`dispatch send`, `dispatch worker`):
   * no lease, no build, no slot; joins editions other processes are sending.
   */
  build?: boolean;
  /** With build: false, only this edition. */
  editionId?: number;
  /** With build: false: return when nothing is left to claim instead of waiting for other processes' claims. */
  waitForOthers?: boolean;
  /** Send an edition the bounce breaker stopped (`dispatch send --edition ID --force`). */
  force?: boolean;
}

export type SlotOutcome =
  /** Another process holds the digest's lease: nothing was built (unfinished editions were joined). */
  | { kind: 'busy'; heldBy: Lease }
  /** The slot already had an outcome (another process, or before a restart). */
  | { kind: 'already'; run: SlotRun }
  | { kind: 'skipped'; reason: string }
  | { kind: 'sent'; editionId: number; delivery: DeliverEditionResult }
  /** Stopped with deliveries still pending (shutdown, lost lease, relay down); the next run resumes it. */
  | { kind: 'incomplete'; editionId: number | null; reason: string; delivery: DeliverEditionResult | null }
  /** build: false — only unfinished editions were sent (see `resumed`). */
  | { kind: 'joined' }
  /** Review desk: a draft waits for an editor until dueAt; look at the slot again then. */
  | { kind: 'review'; editionId: number; dueAt: Date; reason: string };

export interface DigestRun {
  digest: string;
  /** The slot key, or null for a manual run. */
  slot: string | null;
  /** Unfinished editions sent (joined or resumed) before building. */
  resumed: DeliverEditionResult[];
  outcome: SlotOutcome;
  /** The edition built by this run, if any. */
  edition: Edition | null;
}

export const digestLeaseName = (digest: string): string => `digest:${digest}`;

const perConfig = new WeakMap<object, DigestTemplates>();

/**
 * The compiled templates of a digest: `compiled` (the global set) unless the
 * digest has a `templates:` folder of its own, which is compiled once per
 * folder and kept for the life of the config.
 */
export function templatesFor(ctx: Pick<AppContext, 'config'>, compiled: CompiledDigest, digest: string): Promise<CompiledDigest> {
  let t = perConfig.get(ctx.config);
  if (!t) {
    t = createDigestTemplates(ctx.config);
    perConfig.set(ctx.config, t);
  }
  return t.folderOf(digest) === (ctx.config.templatesDir ?? null) ? Promise.resolve(compiled) : t.forDigest(digest);
}

const FINAL = new Set(['sent', 'skipped', 'missed', 'paused']);

export async function runDigest(
  ctx: AppContext,
  digest: DigestConfig | string,
  deps: RunDigestDeps,
  opts: RunDigestOptions = {},
): Promise<DigestRun> {
  const { store, config } = ctx;
  const name = typeof digest === 'string' ? digest : digest.name;
  const key = opts.slot ? slotKey(opts.slot) : null;
  const now = deps.now;
  const result = (outcome: SlotOutcome, resumed: DeliverEditionResult[] = [], edition: Edition | null = null): DigestRun => ({
    digest: name,
    slot: key,
    resumed,
    outcome,
    edition,
  });
  const send = async (edition: Edition, signal: AbortSignal | undefined, over: { waitForOthers?: boolean } = {}) =>
    deliverEdition(ctx, edition, {
      now,
      compiled: await templatesFor(ctx, deps.compiled, edition.digest),
      mailer: deps.mailer,
      holder: deps.holder,
      rate: deps.rate,
      signal,
      waitForOthers: over.waitForOthers,
      force: opts.force,
      onProgress: deps.onSendProgress ? (p) => deps.onSendProgress?.(edition.digest, p) : undefined,
    });

  // A digest paused by its complaint rate sends nothing until `dispatch digests resume NAME`.
  const paused = await digestPauseReason(ctx, name);
  if (paused && !opts.force) {
    if (key && opts.build !== false) {
      const run = (await store.slotRuns.start({ digest: name, slot: key, now: now() })).run;
      if (FINAL.has(run.status)) return result({ kind: 'already', run });
      await store.slotRuns.update({ digest: name, slot: key, status: 'paused', reason: paused, now: now() });
    }
    return result({ kind: 'skipped', reason: paused });
  }

  if (opts.build === false || typeof digest === 'string') {
    const resumed = await resumeUnfinished(ctx, name, (e) => send(e, deps.signal, { waitForOthers: opts.waitForOthers }), {
      now,
      signal: deps.signal,
      editionId: opts.editionId,
    });
    return result({ kind: 'joined' }, resumed);
  }

  const lease = await holdLease({ leases: store.leases, name: digestLeaseName(name), holder: deps.holder, clock: { now }, ttlMs: config.schedule.leaseTtlMs });
  if (!lease.acquired) {
    // Another process builds; help it send what is already built.
    const resumed = await resumeUnfinished(ctx, name, (e) => send(e, deps.signal), { now, signal: deps.signal });
    return result({ kind: 'busy', heldBy: lease.heldBy }, resumed);
  }
  const signal = deps.signal ? AbortSignal.any([deps.signal, lease.held.lost]) : lease.held.lost;
  try {
    const resumed = await resumeUnfinished(ctx, name, (e) => send(e, signal), { now, signal });
    if (signal.aborted) return result({ kind: 'incomplete', editionId: null, reason: stopReason(signal), delivery: null }, resumed);

    let run: SlotRun | null = null;
    if (key) {
      run = (await store.slotRuns.start({ digest: name, slot: key, now: now() })).run;
      if (FINAL.has(run.status)) return result({ kind: 'already', run }, resumed);
    }
    const at = now();
    // Loaded here, not at the top: building brings the edition, cluster,
    // tagging and curate stages, which a process that only sends (a worker,
    // a `send`) never needs in memory.
    const { buildEdition } = await import('./build-edition.js');
    const built = await buildEdition(ctx, digest, { now: at, slot: key ?? `run:${at.toISOString()}` });
    if (built.kind === 'skipped') {
      const reason = key ? `nothing new: ${built.reason}` : built.reason;
      if (key) await store.slotRuns.update({ digest: name, slot: key, status: 'skipped', reason, now: now() });
      return result({ kind: 'skipped', reason }, resumed);
    }
    const edition = built.edition;
    if (key) await store.slotRuns.update({ digest: name, slot: key, status: 'running', editionId: edition.id, now: now() });
    // Review desk: a draft (or an edition approved for later) is not sent now.
    const review = HELD_STATUSES.has(edition.status) ? await store.reviews.get(edition.id) : undefined;
    if (review && (review.status === 'draft' || review.status === 'approved')) {
      const reason = `held for review: ${describeReview(review)}; approve it with \`dispatch editions approve ${edition.id}\``;
      if (key) await store.slotRuns.update({ digest: name, slot: key, status: 'running', reason, now: now() });
      const dueAt = review.status === 'approved' ? (review.sendAt ?? review.dueAt) : review.dueAt;
      return result({ kind: 'review', editionId: edition.id, dueAt, reason }, resumed, edition);
    }
    if (edition.status === 'sent' && run) {
      // Built and sent before (a crash between the send and this row's update).
      await store.slotRuns.update({ digest: name, slot: key as string, status: 'sent', editionId: edition.id, now: now() });
      return result({ kind: 'already', run: { ...run, status: 'sent', editionId: edition.id } }, resumed, edition);
    }
    const delivery = await send(edition, signal);
    if (delivery.pendingLeft > 0) {
      const reason = delivery.stoppedReason ?? `${delivery.pendingLeft} deliveries still pending`;
      if (key) await store.slotRuns.update({ digest: name, slot: key, status: 'running', reason, now: now() });
      return result({ kind: 'incomplete', editionId: edition.id, reason, delivery }, resumed, edition);
    }
    if (key) await store.slotRuns.update({ digest: name, slot: key, status: 'sent', reason: null, editionId: edition.id, now: now() });
    return result({ kind: 'sent', editionId: edition.id, delivery }, resumed, edition);
  } finally {
    await lease.held.release();
  }
}

/**
 * Sends (resumes, or joins) every unfinished edition of the digest, oldest
 * first; an edition that belongs to a slot marks that slot sent once nothing
 * is pending. Safe without the lease: rows are claimed.
 */
export async function resumeUnfinished(
  ctx: AppContext,
  digest: string,
  send: (edition: Edition) => Promise<DeliverEditionResult>,
  opts: { now: () => Date; signal?: AbortSignal; editionId?: number },
): Promise<DeliverEditionResult[]> {
  const results: DeliverEditionResult[] = [];
  // Review desk: release approved editions whose time has come, and apply onMissed to overdue drafts.
  await settleReviews(ctx, opts.now(), digest);
  // One named edition is sent whatever its status (a repeat skips every row already sent).
  const one = opts.editionId === undefined ? undefined : await ctx.store.editions.get(opts.editionId);
  const editions = opts.editionId === undefined ? await ctx.store.editions.unfinished(digest) : one ? [one] : [];
  for (const edition of editions) {
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

function stopReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error && /lease/.test(r.message) ? r.message : 'stopped';
}
