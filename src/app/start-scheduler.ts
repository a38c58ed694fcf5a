// The scheduler behind `dispatch serve`: one loop that fetches feeds on their
// own interval (with backoff for failing ones) and runs each digest's due slot
// via runDigest, then sleeps on the injected clock until the next thing to do.
// Everything that must survive a restart lives in the store (slot_runs,
// editions, deliveries, leases); the loop itself only keeps a cursor per digest.
import { publishSchedulerEvent } from '../observability/scheduler-events.js';
import type { DigestConfig } from '../config/index.js';
import type { Mailer, SendRateGate } from '../deliver/index.js';
import type { CompiledDigest } from '../render/index.js';
import { dueSlots, needsRefreshBeforeSlot, nextFetchAt, nextSlot, slotKey, systemClock, type Clock } from '../schedule/index.js';
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
  /** Resolves when the loop has stopped (after abort) and everything is released. */
  done: Promise<void>;
}

interface DigestState {
  digest: DigestConfig;
  /** Slots up to and including this instant have been dealt with by this process. */
  cursor: Date;
  /** A due slot that could not run yet (lease busy, error): try again at this time. */
  retryAt: Date | null;
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
  const done = loop(ctx, { ...opts, clock, holder, emit }, clock.now());
  return { holder, done };
}

async function loop(
  ctx: AppContext,
  opts: SchedulerOptions & { clock: Clock; holder: string; emit: (e: SchedulerEvent) => void },
  started: Date,
): Promise<void> {
  const { clock, holder, emit, signal } = opts;
  const { store, config } = ctx;
  const policy = backoffPolicy(ctx);
  const busyRetryMs = opts.busyRetryMs ?? 30_000;
  const errorRetryMs = opts.errorRetryMs ?? 5 * 60_000;
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

    let feedIds = new Set<number>();
    while (!signal?.aborted) {
      // Feeds on their own interval.
      try {
        const r = await refreshDueFeeds(ctx, {
          now: () => clock.now(),
          isDue: (feed) => (nextFetchAt(feed, policy)?.getTime() ?? Infinity) <= clock.now().getTime(),
        });
        feedIds = new Set(r.feedIds);
        if (r.summary) emit({ type: 'fetched', at: clock.now(), summary: r.summary });
      } catch (error) {
        emit({ type: 'error', at: clock.now(), digest: null, message: `fetching feeds: ${describe(error)}` });
      }

      for (const state of states) {
        if (signal?.aborted) break;
        await tick(ctx, state, { ...opts, clock, holder, emit, busyRetryMs, errorRetryMs, compiled, mailer, rate });
      }
      if (signal?.aborted) break;

      const until = await nextWake(ctx, states, feedIds, clock.now(), policy);
      emit({ type: 'idle', at: clock.now(), until });
      await clock.sleepUntil(until, signal);
    }
  } finally {
    await ownMailer?.close().catch(() => undefined);
    emit({ type: 'stopped', at: clock.now() });
  }
}

async function tick(
  ctx: AppContext,
  state: DigestState,
  o: SchedulerOptions & {
    clock: Clock;
    holder: string;
    emit: (e: SchedulerEvent) => void;
    busyRetryMs: number;
    errorRetryMs: number;
    compiled: CompiledDigest;
    mailer: Mailer;
    rate: SendRateGate | undefined;
  },
): Promise<void> {
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
    const { summary: fetch } = await refreshDueFeeds(ctx, {
      now: () => o.clock.now(),
      isDue: (feed) => needsRefreshBeforeSlot(feed, o.clock.now(), ctx.config.schedule.freshForMs, policy),
    });
    if (fetch) o.emit({ type: 'fetched', at: o.clock.now(), summary: fetch });
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
      (r.outcome.kind === 'incomplete' && !o.signal?.aborted);
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

async function nextWake(
  ctx: AppContext,
  states: DigestState[],
  feedIds: Set<number>,
  now: Date,
  policy: ReturnType<typeof backoffPolicy>,
): Promise<Date> {
  let wake = now.getTime() + MAX_SLEEP_MS;
  for (const s of states) {
    const t = s.retryAt ?? nextSlot(s.digest, s.cursor);
    if (t) wake = Math.min(wake, t.getTime() - (s.retryAt ? 0 : (s.digest.review?.deadlineMs ?? 0)));
  }
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
