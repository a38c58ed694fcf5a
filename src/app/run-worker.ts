// Use case behind `dispatch worker`: until stopped, send whatever editions
// have pending rows, by joining them through runDigest (claims; no lease, no
// building). Any number of workers on any machines share the database; each
// claims its own batches, so adding a worker adds sending capacity.
import type { Mailer, SendRateGate } from '../deliver/index.js';
import type { CompiledDigest } from '../render/index.js';
import type { DeliverEditionResult } from './deliver-edition.js';
import type { AppContext } from './open-context.js';
import { runDigest } from './run-digest.js';

export interface WorkerOptions {
  now: () => Date;
  compiled: CompiledDigest;
  mailer: Mailer;
  holder: string;
  /** Abort = graceful stop: messages in flight finish and are recorded, unsent claims are released. */
  signal: AbortSignal;
  rate?: SendRateGate;
  /** How long to wait when there is nothing to claim. Default 1 s. */
  pollMs?: number;
  /** How long to leave the relay alone after a run stopped on repeated temporary failures. Default 30 s. */
  relayBackoffMs?: number;
  onSendProgress?: (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) => void;
  onRound?: (results: DeliverEditionResult[]) => void;
}

export interface WorkerSummary {
  holder: string;
  /** Accepted by the relay, by this worker. */
  sent: number;
  /** Marked failed by this worker (5xx, or retries used up). */
  failed: number;
  /** Temporary failures retried. */
  retried: number;
  /** Editions this worker sent something of. */
  editions: number[];
  /** Rows still pending in those editions when it stopped (held by others, or released by this one). */
  pendingLeft: number;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function runWorker(ctx: AppContext, opts: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { holder: opts.holder, sent: 0, failed: 0, retried: 0, editions: [], pendingLeft: 0 };
  const pending = new Map<number, number>();
  const pollMs = opts.pollMs ?? 1000;
  while (!opts.signal.aborted) {
    const digests = [...new Set((await ctx.store.editions.unfinished()).map((e) => e.digest))];
    const round: DeliverEditionResult[] = [];
    for (const digest of digests) {
      if (opts.signal.aborted) break;
      const r = await runDigest(ctx, digest, opts, { build: false, waitForOthers: false });
      round.push(...r.resumed);
    }
    let worked = false;
    let relayTrouble = false;
    for (const r of round) {
      summary.sent += r.sent;
      summary.failed += r.failed;
      summary.retried += r.retried;
      if (r.sent + r.failed > 0) {
        worked = true;
        if (!summary.editions.includes(r.editionId)) summary.editions.push(r.editionId);
      }
      pending.set(r.editionId, r.pendingLeft);
      if (r.stoppedReason && r.stoppedReason !== 'aborted') relayTrouble = true;
    }
    opts.onRound?.(round);
    if (relayTrouble) await pause(opts.relayBackoffMs ?? 30_000, opts.signal);
    else if (!worked) await pause(pollMs, opts.signal);
  }
  summary.pendingLeft = [...pending.values()].reduce((a, b) => a + b, 0);
  return summary;
}
