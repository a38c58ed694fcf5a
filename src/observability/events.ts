// What happened, for logs and metrics. Use cases publish plain event objects
// on one node:diagnostics_channel; the logger and the metrics registry
// subscribe when `serve`, `worker` or `run` turn them on. Publishing with no
// subscriber costs one boolean check, so the hooks in the use cases stay
// one line each and the pure stages never see a logger.
// Rejected: passing a logger through every use case's options (dozens of
// signatures touched, and a branch rewriting the send path would lose them).
import { channel } from 'node:diagnostics_channel';

export type DispatchEvent =
  | { type: 'signup'; email: string; outcome: string; source: string }
  /** Every POST /subscribe, including those refused with 429 before any use case ran. */
  | { type: 'signup-request'; outcome: string }
  | { type: 'confirmation'; subscriberId: number | null; outcome: string }
  | { type: 'unsubscribe'; email: string | null; subscriberId: number | null; how: string; outcome: string }
  | { type: 'preferences'; subscriberId: number; digests: number; regions: number; topics: number }
  | { type: 'inbound-mail'; from: string | null; action: string; outcome: string }
  | { type: 'edition-built'; digest: string; editionId: number; items: number; subject: string }
  /** One ledger row's outcome, the moment it is written. */
  | { type: 'delivery'; digest: string; outcome: 'sent' | 'failed' | 'deferred' | 'skipped'; bounce: boolean }
  | { type: 'send-started'; digest: string; editionId: number; mailer: string }
  | {
      type: 'send-finished';
      digest: string;
      editionId: number;
      sent: number;
      failed: number;
      skipped: number;
      retried: number;
      pendingLeft: number;
      durationMs: number;
    }
  | { type: 'bounce'; digest: string | null; email: string | null; reason: string }
  | { type: 'complaint'; digest: string | null; email: string | null }
  | { type: 'slot'; digest: string; slot: string; status: string; reason: string | null; editionId: number | null; line?: string | null }
  | { type: 'feed-fetched'; name: string; url: string; status: 'ok' | 'not-modified' | 'failed'; error: string | null; ms: number }
  | { type: 'scheduler-error'; digest: string | null; message: string };

const events = channel('dispatch:events');

export function publishEvent(event: DispatchEvent): void {
  if (events.hasSubscribers) events.publish(event);
}

/** Returns the function that unsubscribes. */
export function subscribeEvents(listener: (event: DispatchEvent) => void): () => void {
  const handler = (message: unknown) => {
    try {
      listener(message as DispatchEvent);
    } catch {
      // An observer must never break the work it watches.
    }
  };
  events.subscribe(handler);
  return () => events.unsubscribe(handler);
}
