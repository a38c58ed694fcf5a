// Use case: a mail arrived at the bounce or complaints address. Read it, find
// the delivery it is about (VERP token first, then — because some relays
// rewrite the envelope sender — the original's Message-ID; for authenticated
// complaints also Original-Rcpt-To), store the report against that delivery, and act:
// - hard bounce: the subscriber becomes `bounced`, never mailed again;
// - soft bounce: counted; `bounced` after sending.bounces.softCount of them
//   within the reader's last sending.bounces.softEditions editions;
// - complaint: unsubscribed at once, and never mailed again, not even a
//   confirmation; the digest pauses when its complaint rate reaches 0.3 %.
// Each hard bounce also feeds the bounce breaker of its edition.
import { publishEvent } from '../observability/events.js';
import {
  BREAKER_HARD_RATE,
  BREAKER_WINDOW,
  RATE_WINDOW_MS,
  breakerTripped,
  complaintLevel,
  deliverabilityRates,
  formatRate,
  parseVerpToken,
  readReport,
  type InboundReport,
} from '../deliverability/index.js';
import type { ReportedDelivery } from '../shared/store.js';
import type { AppContext } from './open-context.js';

export type ReportOutcome =
  | {
      recorded: true;
      kind: 'hard' | 'soft' | 'complaint';
      format: string;
      deliveryId: number;
      editionId: number;
      email: string;
      identifiedBy: string;
      /** What changed: the subscriber's new status, a paused digest, a held edition. */
      effects: string[];
    }
  | { recorded: false; kind: string; format: string; reason: string };

async function identify(
  ctx: Pick<AppContext, 'store' | 'secret'>,
  report: InboundReport,
  envelopeTo: string[],
  verifyReporter: ((reporterDomain: string) => Promise<boolean>) | undefined,
): Promise<{ delivery: ReportedDelivery; by: string } | null> {
  const { deliverability } = ctx.store;
  for (const address of [...envelopeTo, report.originalMailFrom ?? '']) {
    const d = address ? parseVerpToken(address, ctx.secret) : null;
    if (d) {
      const found = await deliverability.findDelivery(d.editionId, d.subscriberId);
      if (found) return { delivery: found, by: 'verp' };
    }
  }
  // The VERP token and our Message-IDs carry secrets a forger cannot know;
  // an address can be typed by anyone. So a complaint found only by
  // Original-Rcpt-To counts only when the report itself is authenticated
  // (DKIM/SPF aligned with its From domain, as feedback loops send them).
  for (const id of report.originalMessageIds) {
    const found = await deliverability.findDeliveryByMessageId(id);
    if (found) return { delivery: found, by: 'message-id' };
  }
  if (report.kind === 'complaint' && report.recipient && report.reporter && verifyReporter) {
    const found = await deliverability.findLatestDeliveryTo(report.recipient);
    if (found && (await verifyReporter(report.reporter.slice(report.reporter.lastIndexOf('@') + 1)))) return { delivery: found, by: 'rcpt-to' };
  }
  return null;
}

export async function recordInboundReport(
  ctx: Pick<AppContext, 'store' | 'secret' | 'config'>,
  input: {
    raw: Buffer | string;
    envelopeTo: string[];
    now: Date;
    /** Whether the report really comes from this domain (DKIM/SPF); without it, Original-Rcpt-To alone identifies nothing. */
    verifyReporter?: (reporterDomain: string) => Promise<boolean>;
  },
): Promise<ReportOutcome> {
  const report = await readReport(input.raw);
  if (report.kind !== 'hard' && report.kind !== 'soft' && report.kind !== 'complaint') {
    return { recorded: false, kind: report.kind, format: report.format, reason: report.kind === 'auto-reply' ? 'an auto-reply, not a bounce' : 'not a bounce or complaint report' };
  }
  const found = await identify(ctx, report, input.envelopeTo, input.verifyReporter);
  if (!found) return { recorded: false, kind: report.kind, format: report.format, reason: 'no delivery matches its VERP token or Message-ID (nor, for an authenticated complaint, its Original-Rcpt-To)' };
  const { delivery, by } = found;
  await ctx.store.deliverability.addReport({
    deliveryId: delivery.deliveryId,
    editionId: delivery.editionId,
    subscriberId: delivery.subscriberId,
    kind: report.kind,
    statusCode: report.statusCode,
    diagnostic: report.diagnostic,
    identifiedBy: by,
    format: report.format,
    receivedAt: input.now,
  });
  const effects = await applyReport(ctx, delivery, report.kind, input.now);
  // Logs and metrics: dispatch_complaints_total and dispatch_bounces_total count reports that arrive later too.
  if (report.kind === 'complaint') publishEvent({ type: 'complaint', digest: delivery.digest, email: delivery.email });
  else publishEvent({ type: 'bounce', digest: delivery.digest, email: delivery.email, reason: `${report.kind} bounce (${report.format})${report.statusCode ? ` ${report.statusCode}` : ''}` });
  return { recorded: true, kind: report.kind, format: report.format, deliveryId: delivery.deliveryId, editionId: delivery.editionId, email: delivery.email, identifiedBy: by, effects };
}

/** The consequences of one stored report; shared with bounces the relay gave during the SMTP session. */
export async function applyReport(
  ctx: Pick<AppContext, 'store' | 'config'>,
  delivery: ReportedDelivery,
  kind: 'hard' | 'soft' | 'complaint',
  now: Date,
): Promise<string[]> {
  const { store, config } = ctx;
  const effects: string[] = [];
  const subscriber = await store.subscribers.get(delivery.subscriberId);
  const mailable = subscriber && (subscriber.status === 'active' || subscriber.status === 'pending');
  if (kind === 'hard') {
    if (mailable) {
      await store.subscribers.setStatus(delivery.subscriberId, 'bounced', now);
      effects.push('subscriber bounced');
    }
    if (await checkBreaker(ctx, delivery.editionId, now)) effects.push(`edition ${delivery.editionId} stopped by the bounce breaker`);
  } else if (kind === 'soft') {
    const { softCount, softEditions } = config.sending.bounces;
    const n = await store.deliverability.softBouncedEditions(delivery.subscriberId, softEditions);
    if (mailable && n >= softCount) {
      await store.subscribers.setStatus(delivery.subscriberId, 'bounced', now);
      effects.push(`subscriber bounced after ${n} soft bounces in their last ${softEditions} editions`);
    }
  } else {
    if (subscriber && subscriber.status !== 'unsubscribed') {
      // A bounced reader who complains is unsubscribed: the complaint is the stronger statement.
      await store.subscribers.setStatus(delivery.subscriberId, 'unsubscribed', now);
      effects.push('subscriber unsubscribed (complaint)');
    }
    const since = new Date(now.getTime() - RATE_WINDOW_MS);
    const rates = deliverabilityRates(await store.deliverability.windowCounts(since, now, delivery.digest));
    if (complaintLevel(rates.complaintRate) === 'pause') {
      const reason = `complaint rate ${formatRate(rates.complaintRate)} over the last 30 days (${rates.complaints} of ${rates.sent}) is at or above 0.3 %`;
      if (await store.deliverability.pauseDigest(delivery.digest, reason, now)) effects.push(`digest ${delivery.digest} paused: ${reason}`);
    }
  }
  return effects;
}

/** Holds the edition (rest stays pending until `send --force`) when the breaker trips; true when it did now. */
export async function checkBreaker(ctx: Pick<AppContext, 'store'>, editionId: number, now: Date): Promise<boolean> {
  const early = await ctx.store.deliverability.earlyHardBounces(editionId, BREAKER_WINDOW);
  if (!breakerTripped(early)) return false;
  const reason =
    `bounce breaker: ${early.hard} of the first ${Math.min(early.deliveries, BREAKER_WINDOW)} messages bounced hard ` +
    `(more than ${BREAKER_HARD_RATE * 100} %): a bad import or a misconfigured relay? ` +
    `The rest stays pending until \`dispatch send --edition ${editionId} --force\``;
  return ctx.store.deliverability.holdEdition(editionId, reason, now);
}
