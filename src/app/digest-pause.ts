// Paused digests (issue 10): at a complaint rate of 0.3 % a digest stops
// sending until a person runs `dispatch digests resume NAME`. Scheduled slots
// meanwhile are recorded as `paused`; nothing is built or sent.
import type { AppContext } from './open-context.js';

/** Why the digest is paused, for the slot record and the output; null when it is not. */
export async function digestPauseReason(ctx: Pick<AppContext, 'store'>, digest: string): Promise<string | null> {
  const p = await ctx.store.deliverability.digestPause(digest);
  return p ? `paused since ${p.pausedAt.toISOString()}: ${p.reason} (resume with \`dispatch digests resume ${digest}\`)` : null;
}

export async function resumeDigest(ctx: Pick<AppContext, 'store' | 'config'>, digest: string): Promise<boolean> {
  return ctx.store.deliverability.resumeDigest(digest);
}
