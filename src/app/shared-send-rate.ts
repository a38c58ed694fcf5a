// The send rate as the relay sees it: `sending.pool.ratePerSecond` counts
// every message from every process, because relays limit per account. Each
// process draws a few tokens at a time from a per-second counter row in the
// database (store.sendRate) and hands them to its send lanes. A chunk is at
// most a twentieth of the rate and expires 150 ms after it was granted, so a
// process that stops sending cannot sit on a second's worth of tokens, and a
// window is overshot by at most one chunk per process.
import type { Mailer, SendRateGate } from '../deliver/index.js';
import type { AppContext } from './open-context.js';

export function sharedSendRate(ctx: Pick<AppContext, 'config' | 'store'>, mailer?: Pick<Mailer, 'notice'>): SendRateGate | undefined {
  const perSecond = ctx.config.sending.pool.ratePerSecond;
  // Mail that never leaves the machine (the outbox) has no relay to protect.
  if (!perSecond || perSecond <= 0 || (mailer && mailer.notice() !== null)) return undefined;
  return sendRateGate((want) => ctx.store.sendRate.take('relay', want, perSecond), perSecond);
}

export function sendRateGate(
  take: (want: number) => Promise<{ granted: number; waitMs: number }>,
  perSecond: number,
  opts: { tokenLifeMs?: number } = {},
): SendRateGate {
  const chunk = Math.max(1, Math.min(200, Math.ceil(perSecond / 20)));
  // A chunk lives about one rate window (see store/send-rate-repository.ts),
  // so unspent tokens cannot pile up into a burst later.
  const life = opts.tokenLifeMs ?? 150;
  let tokens = 0;
  let expiresAt = 0;
  let fetching: Promise<void> | null = null;
  return {
    async acquire(signal) {
      for (;;) {
        if (signal?.aborted) return;
        if (tokens > 0 && Date.now() < expiresAt) {
          tokens -= 1;
          return;
        }
        fetching ??= (async () => {
          try {
            const r = await take(chunk);
            if (r.granted > 0) {
              tokens = r.granted;
              expiresAt = Date.now() + life;
            } else {
              await new Promise((resolve) => setTimeout(resolve, Math.max(1, r.waitMs)));
            }
          } finally {
            fetching = null;
          }
        })();
        await fetching;
      }
    },
  };
}
