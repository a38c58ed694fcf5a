// The scheduler behind `dispatch serve`: one loop that fetches feeds on their
// own interval (with backoff for failing ones), and one loop per digest that
// runs its due slot via runDigest, each sleeping on the injected clock until
// its next thing to do. They run side by side because a slot can take minutes
// (a big list sending): feeds must not go stale meanwhile, and one digest's
// send must not hold back another digest's slot. Each digest's slot is
// single-flight already (its lease, and one loop per digest here); feed
// refreshes are queued one after another, so the same feeds are never fetched
// twice at once.
// Everything that must survive a restart lives in the store (slot_runs,
// editions, deliveries, leases); the loops themselves only keep a cursor per digest.
import { publishSchedulerEvent } from '../observability/scheduler-events.js';
import type { DigestConfig } from '../config/index.js';
import type { Mailer, SendRateGate } from '../deliver/index.js';
import type { CompiledDigest } from '../render/index.js';
import { dueSlots, needsRefreshBeforeSlot, nextFetchAt, nextSlot, slotKey, systemClock, type Clock } from '../schedule/index.js';
import type { FeedRecord } from '../shared/types.js';
import { compileTemplates, openMailer, type DeliverEditionResult } from './deliver-edition.js';
import type { AppContext } from './open-context.js';
import { backoffPolicy, processHolderId, refreshDueFeeds } from './refresh-due-feeds.js';
import type { RefreshSummary } from './refresh-feeds.js';
import { runDigest, type SlotOutcome } from './run-digest.js';
import { sharedSendRate } from './shared-send-rate.js';

export type SchedulerEvent =
  | { type: 'started'; at: Date; holder: string }
  | { type: 'fetched'; at: Date; summary: RefreshSummary }
  | { type: 'slot-missed'; at: Date; digest: string; slot: string; reason: string }
  | { type: 'slot-due'; at: Date; digest: string; slot: string }
  | { type: 'slot-done'; at: Date; digest: string; slot: string; outcome: SlotOutcome; resumed: DeliverEditionResult[] }
  | { type: 'error'; at: Date; digest: string | null; message: string }
  /** One of the loops (feeds, or a digest) goes to sleep until `until`. */
  | { type: 'idle'; at: Date; until: Date }
  | { type: 'stopped'; at: Date };

export interface SchedulerOptions {
  clock?: Clock;
  /** Abort = graceful shutdown: no new work, the message in flight finishes, leases are released. */
  signal?: AbortSignal;
  onEvent?: (event: SchedulerEvent) => void;
  /** Lease holder id (default host#pid#random). */
  holder?: string;
  /** Default: the config's templates and mailer (the mailer is closed on stop). */
  compiled?: CompiledDigest;
  mailer?: Mailer;
  /** Wait before trying a slot again whose lease another process holds. Default 30 s. */
  busyRetryMs?: number;
  /** Wait before trying a slot again after an error. Default 5 min. */
  errorRetryMs?: number;
  onSendProgress?: (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) => void;
}

export interface SchedulerHandle {
  holder: string;
  /** Resolves when every loop has stopped (after abort) and everything is released. */
  done: Promise<void>;
}

interface DigestState {
  digest: DigestConfig;
  /** Slots up to and including this instant have been dealt with by this process. */
  cursor: Date;
  /** A due slot that could not run yet (lease busy, error): try again at this time. */
  retryAt: Date | null;
}

/** What the loops share. */
interface Shared {
  clock: Clock;
  holder: string;
  emit: (e: SchedulerEvent) => void;
  /** The caller's stop, or any loop failing unexpectedly (then the others stop too). */
  signal: AbortSignal;
  busyRetryMs: number;
  errorRetryMs: number;
  compiled: CompiledDigest;
  mailer: Mailer;
  rate: SendRateGate | undefined;
  onSendProgress: SchedulerOptions['onSendProgress'];
  /** Refreshes the feeds that pass `isDue`, after any refresh already running (see queueRefreshes). */
  refresh: (isDue: (feed: FeedRecord) => boolean) => Promise<{ summary: RefreshSummary | null; feedIds: number[] }>;
}

// Nothing to do for a day is still a reason to wake up and look again
// (a config with no feeds and a yearly digest).
const MAX_SLEEP_MS = 24 * 3600_000;

export function startScheduler(ctx: AppContext, opts: SchedulerOptions = {}): SchedulerHandle {
  const clock = opts.clock ?? systemClock;
  const holder = opts.holder ?? processHolderId();
  const emit = (e: SchedulerEvent): void => {
    publishSchedulerEvent(e, formatSchedulerEvent(e));
    try {
      opts.onEvent?.(e);
    } catch {
      // a listener's bug must not stop the schedule
    }
  };
  // The start instant is taken now, not after templates compiled: a slot
  // due during start-up still counts as after the start.
  const done = run(ctx, { ...opts, clock, holder, emit }, clock.now());
  return { holder, done };
}

async function run(
  ctx: AppContext,
  opts: SchedulerOptions & { clock: Clock; holder: string; emit: (e: SchedulerEvent) => void },
  started: Date,
): Promise<void> {
  const { clock, holder, emit } = opts;
  const { store, config } = ctx;
  const compiled = opts.compiled ?? (await compileTemplates(config));
  const ownMailer = opts.mailer ? null : openMailer(config);
  const mailer = opts.mailer ?? (ownMailer as Mailer);
  const rate = sharedSendRate(ctx, mailer);
  emit({ type: 'started', at: clock.now(), holder });

  try {
    // Where each digest resumes: after its latest recorded slot (a slot left
    // running is looked at again), or from now on a database that never ran
    // a slot, so a first start does not send a "missed" edition by surprise.
    const states: DigestState[] = [];
    for (const digest of config.digests) {
      const latest = await store.slotRuns.latest(digest.name);
      let cursor = started;
      if (latest) {
        const at = new Date(latest.slot);
        cursor = latest.status === 'running' ? new Date(at.getTime() - 1) : at;
      }
      states.push({ digest, cursor, retryAt: null });
    }

    // A loop that throws (a store failure outside the per-slot error
    // handling) stops the whole scheduler, as one loop did before: the others
    // stop gracefully and `done` rejects with the cause.
    const failed = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, failed.signal]) : failed.signal;
    const shared: Shared = {
      clock,
      holder,
      emit,
      signal,
      busyRetryMs: opts.busyRetryMs ?? 30_000,
      errorRetryMs: opts.errorRetryMs ?? 5 * 60_000,
      compiled,
      mailer,
      rate,
      onSendProgress: opts.onSendProgress,
      refresh: queueRefreshes(ctx, clock, emit),
    };
    const guard = (p: Promise<void>): Promise<void> =>
      p.catch((error: unknown) => {
        failed.abort(error);
        throw error;
      });
    // The feed loop first: at start its fetch is queued before any slot's.
    const loops = [guard(feedLoop(ctx, shared)), ...states.map((state) => guard(digestLoop(ctx, state, shared)))];
    const outcomes = await Promise.allSettled(loops);
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    await ownMailer?.close().catch(() => undefined);
    emit({ type: 'stopped', at: clock.now() });
  }
}

/**
 * One refresh at a time, in the order asked: the feed loop and a slot about
 * to build never fetch the same feeds at once, and the one that waited reads
 * the records the other just wrote, so a feed fetched a moment ago is not due
 * again (a slot finds it fresh). Chaining promises is enough: both callers
 * live in this process; other processes fetch on their own and items dedupe.
 */
function queueRefreshes(ctx: AppContext, clock: Clock, emit: (e: SchedulerEvent) => void): Shared['refresh'] {
  let last: Promise<unknown> = Promise.resolve();
  return (isDue) => {
    const next = last.then(async () => {
      const r = await refreshDueFeeds(ctx, { now: () => clock.now(), isDue });
      if (r.summary) emit({ type: 'fetched', at: clock.now(), summary: r.summary });
      return r;
    });
    last = next.catch(() => undefined);
    return next;
  };
}

/** Feeds on their own interval (and backoff), whatever the digests are doing. */
async function feedLoop(ctx: AppContext, o: Shared): Promise<void> {
  const { clock, signal, emit } = o;
  const policy = backoffPolicy(ctx);
  // The config's feeds by store id, as of the last refresh that worked.
  let feedIds: Set<number> | null = null;
  while (!signal.aborted) {
    try {
      const r = await o.refresh((feed) => (nextFetchAt(feed, policy)?.getTime() ?? Infinity) <= clock.now().getTime());
      feedIds = new Set(r.feedIds);
    } catch (error) {
      emit({ type: 'error', at: clock.now(), digest: null, message: `fetching feeds: ${describe(error)}` });
    }
    if (signal.aborted) break;
    const until = await nextFetchWake(ctx, feedIds, clock.now(), policy).catch((error: unknown) => {
      // The store failed between two refreshes: look again after one interval.
      emit({ type: 'error', at: clock.now(), digest: null, message: `fetching feeds: ${describe(error)}` });
      return new Date(clock.now().getTime() + policy.fetchEveryMs);
    });
    emit({ type: 'idle', at: clock.now(), until });
    await clock.sleepUntil(until, signal);
  }
}

/** One digest's slots, one after another; other digests have loops of their own. */
async function digestLoop(ctx: AppContext, state: DigestState, o: Shared): Promise<void> {
  const { clock, signal, emit } = o;
  while (!signal.aborted) {
    await tick(ctx, state, o);
    if (signal.aborted) break;
    const until = nextDigestWake(state, clock.now());
    emit({ type: 'idle', at: clock.now(), until });
    await clock.sleepUntil(until, signal);
  }
}

async function tick(ctx: AppContext, state: DigestState, o: Shared): Promise<void> {
  const now = o.clock.now();
  if (state.retryAt && state.retryAt.getTime() > now.getTime()) return;
  const { digest } = state;
  const grace = digest.catchUpGraceMs ?? ctx.config.schedule.catchUpGraceMs;
  // Review desk: a digest under review builds its draft `deadline` before the slot.
  const lead = digest.review?.deadlineMs ?? 0;
  const plan = dueSlots(digest, state.cursor, new Date(now.getTime() + lead), grace);

  for (const m of plan.missed) {
    const key = slotKey(m.slot);
    // Recorded once: a slot that already has an outcome (another process ran it) keeps it.
    const { created, run } = await ctx.store.slotRuns.start({ digest: digest.name, slot: key, now });
    if (created || run.status === 'running') {
      if (!run.editionId) await ctx.store.slotRuns.update({ digest: digest.name, slot: key, status: 'missed', reason: m.reason, now });
      o.emit({ type: 'slot-missed', at: now, digest: digest.name, slot: key, reason: m.reason });
    }
  }
  if (!plan.run) {
    state.cursor = now;
    state.retryAt = null;
    return;
  }

  const key = slotKey(plan.run);
  o.emit({ type: 'slot-due', at: now, digest: digest.name, slot: key });
  try {
    // Outside the lease: fetching is idempotent (items dedupe) and shared by every digest.
    const policy = backoffPolicy(ctx);
    await o.refresh((feed) => needsRefreshBeforeSlot(feed, o.clock.now(), ctx.config.schedule.freshForMs, policy));
    const r = await runDigest(
      ctx,
      digest,
      {
        now: () => o.clock.now(),
        holder: o.holder,
        compiled: o.compiled,
        mailer: o.mailer,
        rate: o.rate,
        signal: o.signal,
        onSendProgress: o.onSendProgress,
      },
      { slot: plan.run },
    );
    o.emit({ type: 'slot-done', at: o.clock.now(), digest: digest.name, slot: key, outcome: r.outcome, resumed: r.resumed });
    const again =
      r.outcome.kind === 'busy' ||
      // Stopped by a lost lease or a relay that kept failing (not by shutdown): try again later.
      (r.outcome.kind === 'incomplete' && !o.signal.aborted);
    if (r.outcome.kind === 'review') {
      // The draft waits for its editor: come back when it is due (released or skipped then).
      state.cursor = new Date(plan.run.getTime() - 1);
      state.retryAt = new Date(Math.max(r.outcome.dueAt.getTime(), now.getTime() + 1000));
    } else if (again) {
      // Look at this slot again later (it leaves the grace period eventually).
      state.cursor = new Date(plan.run.getTime() - 1);
      state.retryAt = new Date(now.getTime() + (r.outcome.kind === 'busy' ? o.busyRetryMs : o.errorRetryMs));
    } else {
      state.cursor = plan.run;
      state.retryAt = null;
    }
  } catch (error) {
    o.emit({ type: 'error', at: o.clock.now(), digest: digest.name, message: `slot ${key}: ${describe(error)}` });
    state.cursor = new Date(plan.run.getTime() - 1);
    state.retryAt = new Date(now.getTime() + o.errorRetryMs);
  }
}

/** The digest's next slot (its draft's deadline under review), or the retry of a slot that could not run. */
function nextDigestWake(s: DigestState, now: Date): Date {
  let wake = now.getTime() + MAX_SLEEP_MS;
  const t = s.retryAt ?? nextSlot(s.digest, s.cursor);
  if (t) wake = Math.min(wake, t.getTime() - (s.retryAt ? 0 : (s.digest.review?.deadlineMs ?? 0)));
  // Never busy-loop on a time that has passed (a clock jump backwards).
  return new Date(Math.max(wake, now.getTime() + 1000));
}

/** When the first of the config's feeds is due (interval or backoff). */
async function nextFetchWake(ctx: AppContext, feedIds: Set<number> | null, now: Date, policy: ReturnType<typeof backoffPolicy>): Promise<Date> {
  // No refresh has worked yet (the store failed): try again after one interval.
  if (!feedIds) return new Date(now.getTime() + policy.fetchEveryMs);
  let wake = now.getTime() + MAX_SLEEP_MS;
  if (feedIds.size > 0) {
    for (const feed of await ctx.store.feeds.list()) {
      // Feeds dropped from the config stay in the store but are not fetched.
      if (!feedIds.has(feed.id)) continue;
      const t = nextFetchAt(feed, policy);
      if (t) wake = Math.min(wake, t.getTime());
    }
  }
  // Never busy-loop on a time that has passed (a feed whose fetch could not
  // even be recorded, a clock jump backwards).
  return new Date(Math.max(wake, now.getTime() + 1000));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}


/** One log line per event for `dispatch serve` (null for events not worth a line, such as idle). */
export function formatSchedulerEvent(e: SchedulerEvent): string | null {
  const where = (digest: string, slot: string): string => `${digest} slot ${slot}`;
  switch (e.type) {
    case 'started':
      return `scheduler started as ${e.holder}`;
    case 'fetched': {
      const failed = e.summary.feeds.filter((f) => f.status === 'failed');
      return `fetched ${e.summary.feeds.length} feed(s): ${e.summary.newItems} new item(s)` +
        (failed.length ? `, ${failed.length} failed (${failed.map((f) => f.name).join(', ')})` : '');
    }
    case 'slot-missed':
      return `${where(e.digest, e.slot)}: not sent: ${e.reason}`;
    case 'slot-due':
      return null;
    case 'slot-done': {
      const resumed = e.resumed.map((r) => `resumed edition ${r.editionId}: ${r.sent} sent, ${r.failed} failed`).join('; ');
      const o = e.outcome;
      const what =
        o.kind === 'busy'
          ? `another process holds the lease: ${o.heldBy.holder} (until ${o.heldBy.expiresAt.toISOString()}); will try again`
          : o.kind === 'already'
            ? `already ${o.run.status}`
            : o.kind === 'skipped'
              ? `skipped: ${o.reason}`
              : o.kind === 'review'
                ? `edition ${o.editionId} ${o.reason}`
                : o.kind === 'sent'
                ? `edition ${o.editionId} sent: ${o.delivery.sent} sent, ${o.delivery.failed} failed, ${o.delivery.skipped} skipped`
                : o.kind === 'joined'
                  ? 'sent unfinished editions'
                  : `edition ${o.editionId ?? '-'} not finished (${o.reason}); it resumes on the next run`;
      return `${where(e.digest, e.slot)}: ${what}${resumed ? ` (${resumed})` : ''}`;
    }
    case 'error':
      return `error${e.digest ? ` in ${e.digest}` : ''}: ${e.message}`;
    case 'idle':
      return null;
    case 'stopped':
      return 'scheduler stopped';
  }
}
