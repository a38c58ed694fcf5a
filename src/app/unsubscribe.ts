// Use cases for leaving the list: from the signed link in every mail (web page
// or RFC 8058 one-click POST) and from a mail to the unsubscribe address.
// Both are idempotent. The sender checks each subscriber's status before
// every batch, so this also stops a send that is already running.
import { publishEvent } from '../observability/events.js';
import type { Subscriber } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { subscriberFromToken, type TokenCheck } from './preferences.js';

export type UnsubscribeResult =
  | { ok: true; subscriber: Subscriber; changed: boolean }
  | Extract<TokenCheck, { ok: false }>;

/** How someone left, for logs and metrics: 'one-click' (RFC 8058), 'page', 'mail-token', 'mail-sender', 'link'. */
export type UnsubscribeHow = string;

async function leave(ctx: Pick<AppContext, 'store'>, subscriber: Subscriber, now: Date, how: UnsubscribeHow): Promise<UnsubscribeResult> {
  // Bounced stays bounced (never mailed either way); the rest become unsubscribed.
  const changed = subscriber.status === 'active' || subscriber.status === 'pending';
  if (changed) await ctx.store.subscribers.setStatus(subscriber.id, 'unsubscribed', now);
  publishEvent({ type: 'unsubscribe', email: subscriber.email, subscriberId: subscriber.id, how, outcome: changed ? 'unsubscribed' : `already ${subscriber.status}` });
  return changed ? { ok: true, subscriber: { ...subscriber, status: 'unsubscribed' }, changed: true } : { ok: true, subscriber, changed: false };
}

export async function unsubscribeByToken(
  ctx: Pick<AppContext, 'store' | 'secret'>,
  token: string | undefined,
  now: Date,
  how: UnsubscribeHow = 'link',
): Promise<UnsubscribeResult> {
  const found = await subscriberFromToken(ctx, token, 'unsubscribe', now);
  if (!found.ok) {
    publishEvent({ type: 'unsubscribe', email: null, subscriberId: null, how, outcome: `bad token (${found.reason})` });
    return found;
  }
  return leave(ctx, found.subscriber, now, how);
}

/** `email` must already be normalised. Unknown addresses are not an error (nothing to do). */
export async function unsubscribeByEmail(
  ctx: Pick<AppContext, 'store'>,
  email: string,
  now: Date,
  how: UnsubscribeHow = 'mail-sender',
): Promise<UnsubscribeResult | { ok: false; reason: 'unknown' }> {
  const subscriber = await ctx.store.subscribers.findByEmail(email);
  if (!subscriber) {
    publishEvent({ type: 'unsubscribe', email, subscriberId: null, how, outcome: 'not on the list' });
    return { ok: false, reason: 'unknown' };
  }
  return leave(ctx, subscriber, now, how);
}
