// Rates and the thresholds the guard rails act on. Pure.
//
// - bounceRate: hard bounces / messages handed to the relay. Mailbox providers
//   read a high one as a list that was bought or never cleaned.
// - complaintRate: complaints (ARF reports from feedback loops) / messages
//   sent. Gmail and Yahoo (2024) and Outlook.com (2025) reject bulk senders
//   at 0.3 %; they want it kept under 0.1 %.

/** At or above: a warning in `dispatch status` and /healthz. */
export const COMPLAINT_WARN_RATE = 0.001;
/** At or above: the digest pauses until `dispatch digests resume NAME`. */
export const COMPLAINT_PAUSE_RATE = 0.003;
/** The bounce breaker looks at the first this many messages of an edition… */
export const BREAKER_WINDOW = 1000;
/** …and stops the edition when more than this share of them bounced hard. */
export const BREAKER_HARD_RATE = 0.05;
/** Rates shown "over the last 30 days". */
export const RATE_WINDOW_MS = 30 * 24 * 3600_000;

export interface DeliverabilityRates {
  sent: number;
  bounces: { hard: number; soft: number };
  complaints: number;
  /** Hard bounces / sent, 0 when nothing was sent. */
  bounceRate: number;
  softBounceRate: number;
  complaintRate: number;
}

export function deliverabilityRates(c: { sent: number; hardBounces: number; softBounces: number; complaints: number }): DeliverabilityRates {
  const rate = (n: number) => (c.sent > 0 ? Math.round((n / c.sent) * 1e6) / 1e6 : 0);
  return {
    sent: c.sent,
    bounces: { hard: c.hardBounces, soft: c.softBounces },
    complaints: c.complaints,
    bounceRate: rate(c.hardBounces),
    softBounceRate: rate(c.softBounces),
    complaintRate: rate(c.complaints),
  };
}

export type ComplaintLevel = 'ok' | 'warning' | 'pause';

export function complaintLevel(rate: number): ComplaintLevel {
  if (rate >= COMPLAINT_PAUSE_RATE) return 'pause';
  if (rate >= COMPLAINT_WARN_RATE) return 'warning';
  return 'ok';
}

/**
 * The bounce breaker: trips when the hard bounces among an edition's first
 * BREAKER_WINDOW messages exceed BREAKER_HARD_RATE of that window (of the whole
 * edition when it is smaller). Judged against the full window, not the share
 * so far: one bounce among the first ten messages is no reason to stop.
 */
export function breakerTripped(early: { hard: number; deliveries: number }): boolean {
  const window = Math.min(early.deliveries, BREAKER_WINDOW);
  return window > 0 && early.hard > BREAKER_HARD_RATE * window;
}

export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(2)} %`;
}
