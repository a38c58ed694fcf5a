// Sends one edition from the deliveries ledger, side by side with any number
// of other processes. The ledger is the truth: rows are CLAIMED in batches
// (holder + expiry, renewed while sending; `FOR UPDATE SKIP LOCKED` on
// PostgreSQL), so two processes never hold the same row; a row becomes `sent`
// only after the relay accepted the message. Failures and retries are written
// the moment the relay answers; accepted messages are committed in groups of
// at most `groupCommit.rows` (64) and never later than `groupCommit.ms`
// (100 ms) after the relay's 250, because one commit per row (an fsync on
// SQLite, a round trip and a WAL flush on PostgreSQL) was the largest cost
// per message. Just before a message is handed to the relay, its
// row is re-checked (reader still active, claim still ours) with one query
// for every row this process holds, at most every `recheckMs`.
//
// A crash can leave at most the messages in flight uncertain (handed to the
// relay, outcome not committed yet: at most `concurrency` + 2 × `groupCommit.rows`,
// one group being written and the next filling up):
// they are still `pending`, and once the dead process's claim runs out another
// process sends them again, with the same Message-ID, so receivers that dedupe
// drop the copy.
import type { DeliveryRepository } from '../shared/store.js';
import type { DeliveryTarget } from '../shared/types.js';
import type { Mailer, SendOutcome } from './mailer.js';
import type { OutgoingMessage } from './outgoing-message.js';

export interface SendProgress {
  /** Accepted by the relay (the ledger commit may follow within groupCommit.ms). */
  sent: number;
  failed: number;
  skipped: number;
  /** Rows held by this process but not finished yet (in flight, claimed, or waiting for a retry). */
  pending: number;
}

export interface SendSummary {
  /** Accepted by the relay in this run (by this process). */
  sent: number;
  /** Marked failed in this run (5xx, or retries used up). */
  failed: number;
  /** Already sent before this run, unsubscribed during it, or nothing to send. */
  skipped: number;
  /** Temporary failures that were retried (or left for the next run). */
  retried: number;
  /** Rows of the edition still pending after this run (aborted, stopped, or held by another process). */
  pendingLeft: number;
  /** Set when the run stopped early: aborted, or the relay kept failing. */
  stoppedReason: string | null;
}

/** A send rate shared with other processes: resolves when one message may go. */
export interface SendRateGate {
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface SendEditionOptions {
  deliveries: DeliveryRepository;
  editionId: number;
  mailer: Pick<Mailer, 'send'>;
  /**
   * Builds the message for one recipient; null = nothing to send to this
   * subscriber (recorded as skipped). A throw is a bug or bad edition data (a
   * template error, a subject with a line break) that would hit every row:
   * the run stops, its claims are released, and sendEdition rejects.
   */
  compose: (target: DeliveryTarget) => OutgoingMessage | null | Promise<OutgoingMessage | null>;
  now: () => Date;
  /** Claim holder id of this process (see processHolderId); default a random one. */
  holder?: string;
  /** How long a claim lasts unless renewed (`schedule.lease`). Default 2 min; renewed every third. */
  claimTtlMs?: number;
  /** Rows per claim. Default 200. */
  batchSize?: number;
  /** Total attempts per row across runs before it is marked failed. Default 5. */
  maxAttempts?: number;
  /** Delay before retry number `attempt` (1 = after the first failure). Default 1 s·2^(n−1), max 60 s. */
  backoffMs?: (attempt: number) => number;
  /** Messages in flight at once; match the SMTP pool's connections. Default 5. */
  concurrency?: number;
  /**
   * Stop the run (rows stay pending) after this many temporary failures in a
   * row with no success between them: the relay is down or misconfigured, and
   * burning every row's attempts on it would fail the whole list. Default 25.
   */
  stopAfterConsecutiveFailures?: number;
  /**
   * When nothing is left to claim but other processes still hold rows: wait
   * for them to finish (or for their claims to run out, then take the rows)
   * so the edition is complete when this returns. Default true; a worker
   * passes false and moves on.
   */
  waitForOthers?: boolean;
  /** How often to look again while waiting for others. Default 1 s (at most a quarter of the claim). */
  pollMs?: number;
  /**
   * Group commit of accepted messages: at most `rows` rows (1–64) and `ms`
   * milliseconds (0–100) between the relay's 250 and the commit. Default 64
   * and 100; `rows: 1` commits every row on its own.
   */
  groupCommit?: { rows?: number; ms?: number };
  /** Re-check rows (reader still active, claim ours) at most this often. Default 250 ms. */
  recheckMs?: number;
  /**
   * Whether another holder is certainly dead (same host, pid gone): its
   * claims are released at once instead of waited out. Default: never.
   */
  isDead?: (holder: string) => boolean;
  /** The global send rate (`sending.pool.ratePerSecond` across all workers). Default: none. */
  rate?: SendRateGate;
  onProgress?: (p: SendProgress) => void;
  /** Called after each hard bounce the relay gave in the session (bounce breaker, reports). */
  onHardBounce?: (target: DeliveryTarget, reply: string) => Promise<void>;
  /** Stops taking new rows; messages already in flight finish and are recorded; unsent claims are released. */
  signal?: AbortSignal;
}

export const defaultBackoffMs = (attempt: number): number => Math.min(1000 * 2 ** Math.max(0, attempt - 1), 60_000);

interface Retry {
  target: DeliveryTarget;
  readyAt: number;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

let anonymous = 0;

export async function sendEdition(opts: SendEditionOptions): Promise<SendSummary> {
  const { deliveries, editionId, signal } = opts;
  const holder = opts.holder ?? `send#${process.pid}#${Date.now().toString(36)}#${++anonymous}`;
  const claimTtlMs = Math.max(100, opts.claimTtlMs ?? 120_000);
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  const backoffMs = opts.backoffMs ?? defaultBackoffMs;
  const concurrency = Math.max(1, opts.concurrency ?? 5);
  const breakerLimit = Math.max(1, opts.stopAfterConsecutiveFailures ?? 25);
  const waitForOthers = opts.waitForOthers ?? true;
  const pollMs = Math.max(10, Math.min(opts.pollMs ?? 1000, Math.floor(claimTtlMs / 4)));
  const recheckMs = Math.max(0, opts.recheckMs ?? 250);
  const commitRows = Math.min(64, Math.max(1, Math.floor(opts.groupCommit?.rows ?? 64)));
  const commitMs = Math.min(100, Math.max(0, opts.groupCommit?.ms ?? 100));

  const before = await deliveries.counts(editionId);
  let sent = 0;
  let accepted = 0;
  let failed = 0;
  let composeSkipped = 0;
  let retried = 0;
  let inFlight = 0;
  let consecutiveTemporary = 0;
  let stoppedReason: string | null = null;
  let fatal: { error: unknown } | null = null;

  const queue: DeliveryTarget[] = [];
  const retries: Retry[] = [];
  let exhausted = false;
  let claiming: Promise<void> | null = null;

  // Rows this process holds and has not handed to the relay yet, with when
  // their reader's status was last read (a claim reads it too).
  const checkedAt = new Map<number, number>();
  let rechecking: Promise<void> | null = null;

  const stopping = (): boolean => fatal !== null || stoppedReason !== null || signal?.aborted === true;

  // Accepted by the relay, not committed yet (see groupCommit). One commit at
  // a time, in order; a failed commit stops the run like any ledger failure.
  let uncommitted: Array<{ deliveryId: number; messageId: string; reply: string; at: Date }> = [];
  let commitTimer: NodeJS.Timeout | null = null;
  let committing: Promise<void> = Promise.resolve();

  function commitSent(): Promise<void> {
    if (commitTimer) {
      clearTimeout(commitTimer);
      commitTimer = null;
    }
    if (uncommitted.length === 0) return committing;
    const rows = uncommitted;
    uncommitted = [];
    // Even after another failure stopped the run: what the relay accepted
    // must be recorded, or the next run sends it again.
    committing = committing.then(async () => {
      try {
        await deliveries.markSentMany(rows);
        sent += rows.length;
      } catch (error) {
        fatal ??= { error };
      }
    });
    return committing;
  }

  // Progress counts what the relay accepted, committed or not yet: that is
  // what a reader got. The summary counts committed rows (the same at the end).
  const progress = (): void => {
    opts.onProgress?.({ sent: accepted, failed, skipped: composeSkipped, pending: inFlight + retries.length + queue.length });
  };

  // Renew while sending: a claim outlives a slow relay, but not a dead process.
  const renewTimer = setInterval(() => {
    deliveries.renewClaims(holder, opts.now(), claimTtlMs).catch(() => undefined);
  }, Math.max(50, Math.floor(claimTtlMs / 3)));
  renewTimer.unref();

  async function claimMore(): Promise<void> {
    // One claim at a time; workers that arrive meanwhile wait for it.
    claiming ??= (async () => {
      try {
        // Yield once per batch: with a synchronous ledger (SQLite) and a fast
        // mailer, timers and signals would otherwise never run.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (stopping()) return;
        const rows = await deliveries.claimBatch(editionId, holder, batchSize, opts.now(), claimTtlMs);
        const at = Date.now();
        for (const r of rows) checkedAt.set(r.deliveryId, at);
        queue.push(...rows);
        exhausted = rows.length === 0;
      } finally {
        claiming = null;
      }
    })();
    await claiming;
  }

  async function nextFresh(): Promise<DeliveryTarget | null> {
    for (;;) {
      const t = queue.shift();
      if (t) return t;
      if (exhausted || stopping()) return null;
      await claimMore();
    }
  }

  function takeReadyRetry(nowMs: number): DeliveryTarget | null {
    let best = -1;
    for (let i = 0; i < retries.length; i++) {
      const r = retries[i];
      if (r && r.readyAt <= nowMs && (best < 0 || r.readyAt < (retries[best]?.readyAt ?? Infinity))) best = i;
    }
    if (best < 0) return null;
    const [r] = retries.splice(best, 1);
    return r?.target ?? null;
  }

  /** True when the row may still go to the relay; re-reads every held row at most every recheckMs. */
  async function stillSendable(target: DeliveryTarget): Promise<boolean> {
    const seen = checkedAt.get(target.deliveryId) ?? 0;
    if (Date.now() - seen >= recheckMs) {
      rechecking ??= (async () => {
        try {
          const ids = [...checkedAt.keys()];
          const started = Date.now();
          const ok = await deliveries.recheck(holder, ids);
          for (const id of ids) {
            if (ok.has(id)) checkedAt.set(id, started);
            else checkedAt.set(id, -1);
          }
        } finally {
          rechecking = null;
        }
      })();
      // A row claimed while the query ran was read by its claim.
      await rechecking;
    }
    return (checkedAt.get(target.deliveryId) ?? -1) >= 0;
  }

  async function record(target: DeliveryTarget, outcome: SendOutcome, messageId: string): Promise<void> {
    const at = opts.now();
    if (outcome.ok) {
      consecutiveTemporary = 0;
      accepted += 1;
      uncommitted.push({ deliveryId: target.deliveryId, messageId: outcome.messageId || messageId, reply: outcome.reply, at });
      // A full group is committed before this lane takes the next row; while
      // it is written the next one fills, so at most two groups (and what the
      // other lanes hold) ever wait for the ledger.
      if (uncommitted.length >= commitRows) await commitSent();
      else commitTimer ??= setTimeout(() => void commitSent(), commitMs);
      return;
    }
    if (!outcome.temporary) {
      await deliveries.markFailed(target.deliveryId, { reply: outcome.reply, at, bounce: outcome.mailboxMissing });
      failed += 1;
      if (outcome.mailboxMissing) await opts.onHardBounce?.(target, outcome.reply);
      consecutiveTemporary = 0;
      return;
    }
    const attempts = target.attempts + 1;
    consecutiveTemporary += 1;
    if (attempts >= maxAttempts) {
      await deliveries.markFailed(target.deliveryId, {
        reply: `gave up after ${attempts} attempts: ${outcome.reply}`,
        at,
        bounce: false,
      });
      failed += 1;
    } else {
      await deliveries.recordAttempt(target.deliveryId, { reply: outcome.reply, at });
      retried += 1;
      checkedAt.set(target.deliveryId, 0);
      retries.push({ target: { ...target, attempts }, readyAt: Date.now() + backoffMs(attempts) });
    }
    if (consecutiveTemporary >= breakerLimit && stoppedReason === null) {
      stoppedReason = `stopped after ${consecutiveTemporary} temporary failures in a row; last reply: ${outcome.reply}`;
    }
  }

  async function handle(target: DeliveryTarget): Promise<void> {
    // A throw here propagates to the worker, which stops the run: failing
    // the row instead would burn the whole list on one rendering bug.
    const msg = await opts.compose(target);
    if (msg === null) {
      await deliveries.markSkipped(target.deliveryId, { reason: 'nothing to send to this subscriber', at: opts.now() });
      composeSkipped += 1;
      return;
    }
    if (opts.rate) {
      await opts.rate.acquire(signal);
      // Stopped while waiting for the rate: the row stays claimed until released below.
      if (signal?.aborted) return;
    }
    // Just before the hand-over: unsubscribed, removed, bounced, or the claim
    // was lost (this process stalled past its expiry and another took over).
    if (!(await stillSendable(target))) return;
    const outcome = await opts.mailer.send(msg);
    await record(target, outcome, msg.messageId);
  }

  async function step(): Promise<'continue' | 'done'> {
    let target = takeReadyRetry(Date.now());
    if (!target) target = await nextFresh();
    if (!target) {
      if (stopping()) return 'done';
      if (retries.length > 0) {
        // Only retries are left: wait for the earliest one.
        const earliest = Math.min(...retries.map((r) => r.readyAt));
        await sleep(earliest - Date.now(), signal);
        return 'continue';
      }
      if (inFlight > 0) {
        // Another of our own lanes is still sending and may yet schedule a retry.
        await sleep(Math.min(pollMs, 50), signal);
        return 'continue';
      }
      await commitSent();
      if (!waitForOthers) return 'done';
      // Nothing claimable, nothing of ours left: other processes hold the
      // rest. Wait for them to finish, or for their claims to run out.
      const counts = await deliveries.counts(editionId);
      if (counts.pending === 0) return 'done';
      let freed = 0;
      if (opts.isDead) {
        for (const h of await deliveries.claimHolders(editionId, opts.now())) {
          if (h !== holder && opts.isDead(h)) freed += await deliveries.releaseClaims(h, editionId);
        }
      }
      if (freed === 0) await sleep(pollMs, signal);
      exhausted = false;
      return 'continue';
    }
    inFlight += 1;
    try {
      await handle(target);
    } catch (error) {
      // The row was not recorded: it stays pending (released below).
      checkedAt.delete(target.deliveryId);
      throw error;
    } finally {
      inFlight -= 1;
    }
    if (!retries.some((r) => r.target.deliveryId === target.deliveryId)) checkedAt.delete(target.deliveryId);
    progress();
    return 'continue';
  }

  async function lane(): Promise<void> {
    while (!stopping()) {
      try {
        if ((await step()) === 'done') return;
      } catch (error) {
        // compose threw or the ledger failed: stop rather than send blind.
        // The other lanes finish (and record) what they have in flight.
        fatal ??= { error };
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: concurrency }, () => lane()));
  } finally {
    clearInterval(renewTimer);
    // Commit what the relay accepted before giving claims back: a released
    // row that was accepted but not recorded would be sent again.
    await commitSent();
    // Whatever this process claimed and did not finish goes back at once,
    // so other workers (or the next run) need not wait for the expiry.
    // Only this edition's: the same holder may be sending another edition
    // right now (the scheduler runs digests side by side), and releasing its
    // rows would let them be claimed and sent a second time.
    await deliveries.releaseClaims(holder, editionId).catch(() => undefined);
  }
  if (fatal) throw (fatal as { error: unknown }).error;

  const after = await deliveries.counts(editionId);
  if (stoppedReason === null && signal?.aborted) stoppedReason = 'aborted';
  return {
    sent,
    failed,
    skipped: before.sent + (after.skipped - before.skipped),
    retried,
    pendingLeft: after.pending,
    stoppedReason,
  };
}
