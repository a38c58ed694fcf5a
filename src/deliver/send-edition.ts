// Sends one edition from the deliveries ledger. The ledger is the truth: a
// row becomes `sent` only after the relay accepted the message, each outcome
// is written the moment the relay answers, and rows are streamed in keyset
// pages so memory stays flat however long the list. A crash can leave at
// most the messages in flight uncertain: they are still `pending`, so the
// next run sends them again (with the same Message-ID, so receivers that
// dedupe drop the copy).
import type { SendMailOptions } from 'nodemailer';
import type { DeliveryRepository } from '../shared/store.js';
import type { DeliveryTarget } from '../shared/types.js';
import type { Mailer, SendOutcome } from './create-mailer.js';

export interface SendProgress {
  sent: number;
  failed: number;
  skipped: number;
  /** Rows fetched but not finished yet (in flight or waiting for a retry). */
  pending: number;
}

export interface SendSummary {
  /** Accepted by the relay in this run. */
  sent: number;
  /** Marked failed in this run (5xx, or retries used up). */
  failed: number;
  /** Already sent before this run, unsubscribed during it, or nothing to send. */
  skipped: number;
  /** Temporary failures that were retried (or left for the next run). */
  retried: number;
  /** Rows still pending after this run (aborted, stopped, or waiting for a retry). */
  pendingLeft: number;
  /** Set when the run stopped early: aborted, or the relay kept failing. */
  stoppedReason: string | null;
}

export interface SendEditionOptions {
  deliveries: DeliveryRepository;
  editionId: number;
  mailer: Mailer;
  /**
   * Builds the message for one recipient; null = nothing to send to this
   * subscriber (recorded as a non-bounce failure with a "skipped:" reply,
   * counted as skipped). A throw is a bug or bad edition data (a template
   * error, a subject with a line break) that would hit every row: the run
   * stops, that row stays pending, and sendEdition rejects with the error.
   */
  compose: (target: DeliveryTarget) => SendMailOptions | null | Promise<SendMailOptions | null>;
  now: () => Date;
  /** Rows per ledger page. Default 200. */
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
  onProgress?: (p: SendProgress) => void;
  /** Issue 10: called after each hard bounce the relay gave in the session (bounce breaker, reports). */
  onHardBounce?: (target: DeliveryTarget, reply: string) => Promise<void>;
  /** Stops taking new rows; messages already in flight finish and are recorded. */
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

export async function sendEdition(opts: SendEditionOptions): Promise<SendSummary> {
  const { deliveries, editionId, signal } = opts;
  const batchSize = Math.max(1, opts.batchSize ?? 200);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  const backoffMs = opts.backoffMs ?? defaultBackoffMs;
  const concurrency = Math.max(1, opts.concurrency ?? 5);
  const breakerLimit = Math.max(1, opts.stopAfterConsecutiveFailures ?? 25);

  const before = await deliveries.counts(editionId);
  let sent = 0;
  let failed = 0;
  let composeSkipped = 0;
  let retried = 0;
  let inFlight = 0;
  let consecutiveTemporary = 0;
  let stoppedReason: string | null = null;
  let fatal: { error: unknown } | null = null;

  // Keyset paging: the cursor only moves forward, so a row is fetched at most
  // once per run (retries are held in `retries`, never re-read).
  let cursor = 0;
  const page: DeliveryTarget[] = [];
  let exhausted = false;
  let fetching: Promise<void> | null = null;
  const retries: Retry[] = [];

  const stopping = (): boolean => fatal !== null || stoppedReason !== null || signal?.aborted === true;

  const progress = (): void => {
    opts.onProgress?.({ sent, failed, skipped: composeSkipped, pending: inFlight + retries.length + page.length });
  };

  async function nextFresh(): Promise<DeliveryTarget | null> {
    for (;;) {
      const t = page.shift();
      if (t) return t;
      if (exhausted || stopping()) return null;
      // One page fetch at a time; workers that arrive meanwhile wait for it.
      fetching ??= (async () => {
        try {
          // Yield to the event loop once per page: with a synchronous ledger
          // (SQLite) and a fast mailer, timers and signals would otherwise
          // never run until the whole edition is sent.
          await new Promise<void>((resolve) => setImmediate(resolve));
          const rows = await deliveries.nextBatch(editionId, cursor, batchSize);
          const last = rows[rows.length - 1];
          if (last) cursor = last.deliveryId;
          if (rows.length < batchSize) exhausted = true;
          page.push(...rows);
        } finally {
          fetching = null;
        }
      })();
      await fetching;
      if (stopping()) return null;
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

  async function record(target: DeliveryTarget, outcome: SendOutcome, messageId: string): Promise<void> {
    const at = opts.now();
    if (outcome.ok) {
      await deliveries.markSent(target.deliveryId, { messageId: outcome.messageId || messageId, reply: outcome.reply, at });
      sent += 1;
      consecutiveTemporary = 0;
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
    const messageId = typeof msg.messageId === 'string' ? msg.messageId : '';
    const outcome = await opts.mailer.send(msg);
    await record(target, outcome, messageId);
  }

  async function step(): Promise<'continue' | 'done'> {
    let target = takeReadyRetry(Date.now());
    if (!target) target = await nextFresh();
    if (!target) {
      if (stopping() || retries.length === 0) return 'done';
      // Only retries are left: wait for the earliest one.
      const earliest = Math.min(...retries.map((r) => r.readyAt));
      await sleep(earliest - Date.now(), signal);
      return 'continue';
    }
    inFlight += 1;
    try {
      await handle(target);
    } finally {
      inFlight -= 1;
    }
    progress();
    return 'continue';
  }

  async function worker(): Promise<void> {
    while (!stopping()) {
      try {
        if ((await step()) === 'done') return;
      } catch (error) {
        // compose threw or the ledger failed: stop rather than send blind.
        // The other workers finish (and record) what they have in flight.
        fatal ??= { error };
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, () => worker()));
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
