// Use case: someone asks to subscribe (sign-up form or a `subscribe` mail).
// Double opt-in: a pending row and a confirmation mail, never a digest until
// the link is opened. The caller shows the same "check your inbox" answer
// whatever happened here, so the list cannot be probed.
import { createHash, randomBytes } from 'node:crypto';
import { publishEvent } from '../observability/events.js';
import { InputError } from '../shared/errors.js';
import type { AppContext } from './open-context.js';
import { cleanPreferences, subscriptionOptions, type PreferencesInput } from './preferences.js';
import { sendConfirmationMail, type SubscriptionMailer } from './subscription-mail.js';
import { normaliseEmail } from './subscribers.js';

/** At most one confirmation mail per address per hour, whatever the rate limiter let through. */
export const CONFIRMATION_MAIL_INTERVAL_MS = 60 * 60 * 1000;

export type SubscribeOutcome =
  | 'confirmation-sent'
  /** A confirmation went to this address less than an hour ago. */
  | 'throttled'
  /** Already confirmed: nothing is sent (and the caller says nothing different). */
  | 'already-active'
  /** The relay refused or was unreachable; the person may try again at once. */
  | 'send-failed';

export interface SubscribeResult {
  /** Known once the request is recorded; 'confirmation-sent' means "handed to the mailer". */
  outcome: SubscribeOutcome;
  email: string;
  /**
   * The confirmation mail on its way, or null when none is sent. Resolves to
   * 'confirmation-sent' or 'send-failed' (after giving the hourly slot back).
   * The web handler does not wait for it, so a new address and a known one
   * take the same time to answer; the mail listener does.
   */
  delivery: Promise<SubscribeOutcome> | null;
}

export interface SubscribeRequest {
  email: string;
  name?: string | null;
  preferences?: PreferencesInput;
  source: 'web' | 'mail';
  ip: string | null;
  now: Date;
}

/** Confirmation tokens are random (not signed) and only their SHA-256 is stored. */
export function hashConfirmationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newConfirmationToken(): string {
  return randomBytes(32).toString('base64url');
}

export function cleanName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new InputError('the name must be on one line');
  if (trimmed.length > 100) throw new InputError('the name is longer than 100 characters');
  return trimmed;
}

/** Throws InputError for a bad address or name; every other outcome is a value. */
export async function requestSubscription(
  ctx: Pick<AppContext, 'store' | 'config'>,
  sm: SubscriptionMailer,
  req: SubscribeRequest,
): Promise<SubscribeResult> {
  const email = normaliseEmail(req.email);
  const name = cleanName(req.name);
  const preferences = cleanPreferences(req.preferences ?? {}, subscriptionOptions(ctx.config));
  const { store, config } = ctx;
  // A new address starts pending; a known one keeps its row (and status)
  // until the new confirmation is used.
  const { subscriber } = await store.subscribers.add({ email, name, status: 'pending', preferences, consentSource: null, now: req.now });
  const observe = (outcome: SubscribeOutcome) => publishEvent({ type: 'signup', email, outcome, source: req.source });
  if (subscriber.status === 'active') return observe('already-active'), { outcome: 'already-active', email, delivery: null };
  // A reader who complained (ARF) is never mailed again, not even a confirmation.
  if (await store.deliverability.hasComplained(subscriber.id)) return observe('throttled'), { outcome: 'throttled', email, delivery: null };

  const claimed = await store.subscriptions.claimConfirmationSlot(
    subscriber.id,
    req.now,
    new Date(req.now.getTime() - CONFIRMATION_MAIL_INTERVAL_MS),
  );
  if (!claimed) return observe('throttled'), { outcome: 'throttled', email, delivery: null };

  const token = newConfirmationToken();
  await store.subscriptions.createConfirmation({
    subscriberId: subscriber.id,
    tokenHash: hashConfirmationToken(token),
    preferences,
    source: req.source,
    requestIp: req.ip,
    expiresAt: new Date(req.now.getTime() + config.subscribe.confirmationTtlMs),
    now: req.now,
  });
  const delivery = sendConfirmationMail(ctx, sm, { email, token, digests: preferences.digests, now: req.now }).then(
    async (sent): Promise<SubscribeOutcome> => {
      if (sent.ok) return observe('confirmation-sent'), 'confirmation-sent';
      // Nobody got the link: let the next attempt through at once.
      await store.subscriptions.releaseConfirmationSlot(subscriber.id);
      return observe('send-failed'), 'send-failed';
    },
  );
  return { outcome: 'confirmation-sent', email, delivery };
}
