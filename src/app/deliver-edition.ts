// Use case: send (or resume) one edition. The template is compiled once; each
// recipient costs one Handlebars fill plus message assembly. The deliveries
// ledger makes a repeated or resumed send skip everyone already mailed.
import { publishEvent } from '../observability/events.js';
import { watchDeliveries } from '../observability/watch-deliveries.js';
import type { Config } from '../config/index.js';
import {
  createMailer,
  sendEdition,
  type Mailer,
  type SendRateGate,
  type SendSummary,
} from '../deliver/index.js';
import { holderIsDead } from '../schedule/index.js';
import type { CompiledDigest } from '../render/index.js';
import type { DeliveryTarget, Edition } from '../shared/types.js';
import { composeCopy, personaliseModel } from './compose-copy.js';
import { guardEdition } from './edition-guard.js';
import type { AppContext } from './open-context.js';
import { HELD_STATUSES } from './settle-reviews.js';
import { InputError } from '../shared/errors.js';
export { compileTemplates } from './compile-templates.js';
export { recipientView } from './recipient-view.js';

export interface DeliverEditionResult extends SendSummary {
  editionId: number;
  digest: string;
  mailer: string;
}

export function openMailer(config: Config): Mailer {
  return createMailer({
    smtpUrl: config.env.smtpUrl,
    outboxDir: config.outboxDir,
    pool: config.sending.pool,
    dkim: config.sending.dkim,
    threads: config.sending.threads,
  });
}

export async function deliverEdition(
  ctx: AppContext,
  edition: Edition,
  opts: {
    now: () => Date;
    compiled: CompiledDigest;
    mailer: Mailer;
    /** Claim holder id of this process (processHolderId()); default a random one. */
    holder?: string;
    /** The global send rate shared by every process (sharedSendRate). */
    rate?: SendRateGate;
    onProgress?: (p: { sent: number; failed: number; skipped: number; pending: number }) => void;
    signal?: AbortSignal;
    backoffMs?: (attempt: number) => number;
    /** Wait for rows other processes hold (default true; a worker moves on). */
    waitForOthers?: boolean;
    /** Send an edition the bounce breaker stopped (`dispatch send --force`). */
    force?: boolean;
  },
): Promise<DeliverEditionResult> {
  const { store, config } = ctx;
  // Review desk: a draft, an edition approved for later or a skipped draft is never sent.
  const current = await store.editions.get(edition.id);
  if (current && HELD_STATUSES.has(current.status)) {
    throw new InputError(`edition ${edition.id} is held by the review desk (${current.status}); approve it with \`dispatch editions approve ${edition.id}\``);
  }
  // Enqueue is idempotent: a resumed send only adds subscribers who joined
  // since. A worker joining an edition another process started skips it: on
  // a list of a million it is a scan of every subscriber, and the starter did it.
  if (opts.waitForOthers !== false || edition.status === 'built') await store.deliveries.enqueue(edition.id, opts.now());
  if (edition.status === 'built') await store.editions.setStatus(edition.id, 'sending');
  // A relay that is down, refuses the login or fails TLS is said once for the
  // whole edition; every row stays pending for the next run.
  const relayDown = (await opts.mailer.preflight?.()) ?? null;
  if (relayDown) {
    const counts = await store.deliveries.counts(edition.id);
    return { sent: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: counts.pending, stoppedReason: relayDown, editionId: edition.id, digest: edition.digest, mailer: opts.mailer.describe() };
  }
  // Issue 10: an edition the bounce breaker stopped waits for `send --force`.
  const guarded = await guardEdition(ctx, edition, { now: opts.now, signal: opts.signal, force: opts.force });
  if (guarded.held) {
    const counts = await store.deliveries.counts(edition.id);
    return { sent: 0, failed: 0, skipped: 0, retried: 0, pendingLeft: counts.pending, stoppedReason: guarded.reason, editionId: edition.id, digest: edition.digest, mailer: opts.mailer.describe() };
  }

  // The same composition the preview studio shows (see compose-copy.ts).
  // Nothing for this reader's preferences: skipped without rendering anything.
  const compose = (target: DeliveryTarget) =>
    personaliseModel(edition.model, target.preferences) === null
      ? null
      : composeCopy(ctx, edition, target, { compiled: opts.compiled, date: opts.now() }).message;

  const started = Date.now();
  publishEvent({ type: 'send-started', digest: edition.digest, editionId: edition.id, mailer: opts.mailer.describe() });
  const summary = await sendEdition({
    deliveries: watchDeliveries(store.deliveries, edition.digest),
    editionId: edition.id,
    mailer: opts.mailer,
    compose,
    now: opts.now,
    holder: opts.holder,
    // A claim lasts as long as a lease: a dead process's rows wait at most that long.
    claimTtlMs: config.schedule.leaseTtlMs,
    maxAttempts: config.sending.maxAttempts,
    groupCommit: config.sending.groupCommit,
    // The adapter knows what is worth having in flight (SMTP: two per pooled connection).
    concurrency: opts.mailer.parallelism,
    rate: opts.rate,
    // A sender that died on this host (kill -9, OOM) leaves its rows claimed:
    // free them now instead of waiting out the claim.
    isDead: holderIsDead,
    waitForOthers: opts.waitForOthers,
    onProgress: opts.onProgress,
    signal: guarded.guard.signal,
    onHardBounce: (t, reply) => guarded.guard.onHardBounce(t, reply),
    backoffMs: opts.backoffMs,
  }).finally(() => guarded.guard.stop());
  summary.stoppedReason = guarded.guard.stoppedReason() ?? summary.stoppedReason;
  if (summary.pendingLeft === 0) await store.editions.setStatus(edition.id, 'sent');
  publishEvent({ type: 'send-finished', digest: edition.digest, editionId: edition.id, sent: summary.sent, failed: summary.failed, skipped: summary.skipped, retried: summary.retried, pendingLeft: summary.pendingLeft, durationMs: Date.now() - started });
  return { ...summary, editionId: edition.id, digest: edition.digest, mailer: opts.mailer.describe() };
}

