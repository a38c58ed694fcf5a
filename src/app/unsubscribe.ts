// Use cases for leaving the list: from the signed link in every mail (web page
// or RFC 8058 one-click POST) and from a mail to the unsubscribe address.
// Both are idempotent. The sender checks each subscriber's status before
// every batch, so this also stops a send that is already running.
import type { Subscriber } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { subscriberFromToken, type TokenCheck } from './preferences.js';

export type UnsubscribeResult =
  | { ok: true; subscriber: Subscriber; changed: boolean }
  | Extract<TokenCheck, { ok: false }>;

async function leave(ctx: Pick<AppContext, 'store'>, subscriber: Subscriber, now: Date): Promise<UnsubscribeResult> {
  // Bounced stays bounced (never mailed either way); the rest become unsubscribed.
  if (subscriber.status === 'active' || subscriber.status === 'pending') {
    await ctx.store.subscribers.setStatus(subscriber.id, 'unsubscribed', now);
    return { ok: true, subscriber: { ...subscriber, status: 'unsubscribed' }, changed: true };
  }
  return { ok: true, subscriber, changed: false };
}

export async function unsubscribeByToken(
  ctx: Pick<AppContext, 'store' | 'secret'>,
  token: string | undefined,
  now: Date,
): Promise<UnsubscribeResult> {
  const found = await subscriberFromToken(ctx, token, 'unsubscribe', now);
  if (!found.ok) return found;
  return leave(ctx, found.subscriber, now);
}

/** `email` must already be normalised. Unknown addresses are not an error (nothing to do). */
export async function unsubscribeByEmail(
  ctx: Pick<AppContext, 'store'>,
  email: string,
  now: Date,
): Promise<UnsubscribeResult | { ok: false; reason: 'unknown' }> {
  const subscriber = await ctx.store.subscribers.findByEmail(email);
  if (!subscriber) return { ok: false, reason: 'unknown' };
  return leave(ctx, subscriber, now);
}
