// The bounce breaker around one send of an edition. Hard bounces come two
// ways: from the relay during the SMTP session (recorded here as reports of
// their own) and later as DSNs at the bounce address (recorded by the inbound
// listener, which holds the edition when the breaker trips). Either way a
// held edition stops: messages in flight finish, the rest stays pending until
// a person runs `dispatch send --edition ID --force`.
import type { AppContext } from './open-context.js';
import { digestPauseReason } from './digest-pause.js';
import { checkBreaker } from './record-report.js';

export interface EditionGuard {
  /** Aborted when the edition is held (or the caller's signal aborts). */
  signal: AbortSignal;
  /** The send loop calls this after each hard bounce the relay gave in the session. */
  onHardBounce(target: { deliveryId: number; subscriberId: number }, reply: string): Promise<void>;
  /** The hold's reason once the breaker stopped this send, else null. */
  stoppedReason(): string | null;
  stop(): void;
}

export type GuardResult = { held: true; reason: string } | { held: false; guard: EditionGuard };

export async function guardEdition(
  ctx: Pick<AppContext, 'store'>,
  edition: { id: number; digest: string },
  opts: { now: () => Date; signal?: AbortSignal; force?: boolean; pollMs?: number },
): Promise<GuardResult> {
  const { deliverability } = ctx.store;
  if (opts.force) {
    await deliverability.releaseEdition(edition.id);
  } else {
    const hold = await deliverability.editionHold(edition.id);
    if (hold) return { held: true, reason: hold.reason };
    // A paused digest (complaint rate) sends nothing, not even an edition already under way.
    const paused = await digestPauseReason(ctx, edition.digest);
    if (paused) return { held: true, reason: `digest ${edition.digest} ${paused}` };
  }
  const abort = new AbortController();
  let reason: string | null = null;
  const onOuter = () => abort.abort();
  if (opts.signal?.aborted) abort.abort();
  opts.signal?.addEventListener('abort', onOuter, { once: true });
  const stopFor = async () => {
    const hold = await deliverability.editionHold(edition.id);
    if (hold && !opts.force && reason === null) {
      reason = hold.reason;
      abort.abort();
    }
  };
  // DSNs arrive at the listener, maybe in another process: look for a hold now and then.
  const timer = setInterval(() => void stopFor().catch(() => undefined), opts.pollMs ?? 5000);
  timer.unref();
  return {
    held: false,
    guard: {
      signal: abort.signal,
      async onHardBounce(target, reply) {
        const d = await deliverability.findDeliveryById(target.deliveryId);
        if (!d) return;
        await deliverability.addReport({
          deliveryId: d.deliveryId,
          editionId: d.editionId,
          subscriberId: d.subscriberId,
          kind: 'hard',
          statusCode: /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(reply)?.[0] ?? /^\d{3}/.exec(reply)?.[0] ?? null,
          diagnostic: reply,
          identifiedBy: 'smtp-session',
          format: 'smtp-session',
          receivedAt: opts.now(),
        });
        // After --force the person has seen the bounces and chose to go on.
        if (!opts.force && (await checkBreaker(ctx, edition.id, opts.now()))) await stopFor();
      },
      stoppedReason: () => reason,
      stop() {
        clearInterval(timer);
        opts.signal?.removeEventListener('abort', onOuter);
      },
    },
  };
}
