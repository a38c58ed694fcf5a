// Use case: the confirmation link was opened. Single use, expiring, checked
// against the stored hash; success activates the subscriber with a consent
// record (time, source, IP) and sends the welcome mail.
import { publishEvent } from '../observability/events.js';
import type { Subscriber } from '../shared/types.js';
import type { AppContext } from './open-context.js';
import { suppressionHash } from './import-export.js';
import { hashConfirmationToken } from './subscribe.js';
import { sendWelcomeMail, type SubscriptionMailer } from './subscription-mail.js';

export type ConfirmResult =
  | { ok: true; subscriber: Subscriber; alreadyConfirmed: boolean; welcomeSent: boolean }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export async function confirmSubscription(
  ctx: Pick<AppContext, 'store' | 'config' | 'secret'>,
  sm: SubscriptionMailer,
  r: { token: string | undefined; ip: string | null; now: Date },
): Promise<ConfirmResult> {
  const { store } = ctx;
  // Anything that cannot be one of our tokens never reaches the database.
  if (!r.token || !TOKEN_SHAPE.test(r.token)) return { ok: false, reason: 'unknown' };
  const consumed = await store.subscriptions.consumeConfirmation(hashConfirmationToken(r.token), r.now);
  if (!consumed.ok) {
    // A second click on a link that worked: say so kindly, change nothing.
    if (consumed.reason === 'used' && consumed.subscriberId !== null) {
      const subscriber = await store.subscribers.get(consumed.subscriberId);
      if (subscriber?.status === 'active') return { ok: true, subscriber, alreadyConfirmed: true, welcomeSent: false };
    }
    publishEvent({ type: 'confirmation', subscriberId: consumed.subscriberId, outcome: consumed.reason });
    return { ok: false, reason: consumed.reason };
  }
  const before = await store.subscribers.get(consumed.subscriberId);
  if (!before) return { ok: false, reason: 'unknown' };
  await store.subscriptions.activate(before.id, {
    now: r.now,
    source: consumed.source,
    ip: r.ip,
    preferences: consumed.preferences,
  });
  // A new, confirmed consent outweighs an earlier erasure.
  await store.subscriptions.unsuppress(suppressionHash(before.email));
  const subscriber: Subscriber = { ...before, status: 'active', preferences: consumed.preferences, consentAt: r.now, consentSource: consumed.source };
  const welcome = await sendWelcomeMail(ctx, sm, subscriber, r.now);
  publishEvent({ type: 'confirmation', subscriberId: subscriber.id, outcome: welcome.ok ? 'confirmed' : 'confirmed (welcome mail failed)' });
  return { ok: true, subscriber, alreadyConfirmed: false, welcomeSent: welcome.ok };
}
