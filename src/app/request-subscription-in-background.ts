// The sign-up form's variant of requestSubscription: the input is checked at
// once (a bad address still gets its error page), and everything that depends
// on whether the address is already known (the database work and the mail)
// starts only after the caller has answered. A new address, a pending one and
// an active one therefore answer in the same time: nothing the store does can
// show in the response.
import type { AppContext } from './open-context.js';
import { cleanPreferences, subscriptionOptions } from './preferences.js';
import { cleanName, requestSubscription, type SubscribeOutcome, type SubscribeRequest } from './subscribe.js';
import type { SubscriptionMailer } from './subscription-mail.js';
import { normaliseEmail } from './subscribers.js';

export interface BackgroundSubscription {
  /** The normalised address. */
  email: string;
  /** Resolves with the outcome once the request is recorded and any confirmation mail handed over. */
  done: Promise<SubscribeOutcome>;
}

/** Throws InputError for a bad address, name or preference, before any I/O. */
export function requestSubscriptionInBackground(
  ctx: Pick<AppContext, 'store' | 'config'>,
  sm: SubscriptionMailer,
  req: SubscribeRequest,
): BackgroundSubscription {
  const email = normaliseEmail(req.email);
  cleanName(req.name);
  cleanPreferences(req.preferences ?? {}, subscriptionOptions(ctx.config));
  const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    // setImmediate: after the current turn, so the response is on its way first.
    const r = await requestSubscription(ctx, sm, req);
    return r.delivery ? await r.delivery : r.outcome;
  });
  return { email, done };
}
