// Use cases for managing subscribers from the CLI (the web sign-up flow comes later).
import { InputError } from '../shared/errors.js';
import type { AddSubscriberResult } from '../shared/store.js';
import type { Subscriber } from '../shared/types.js';
import { suppressionHash } from './import-export.js';
import type { AppContext } from './open-context.js';

// Deliberately conservative: an address we accept must be one that every relay
// accepts too, and can never smuggle a header (CR/LF) or a second recipient.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/**
 * Validates and normalises an address: trimmed and lower-cased. RFC 5321 lets
 * the local part be case-sensitive, but no mailbox provider we know treats it
 * so, and keeping case would let "Reader@x" and "reader@x" be two subscribers
 * who get every digest twice.
 */
export function normaliseEmail(input: string): string {
  const email = input.trim();
  if (email.length === 0) throw new InputError('an email address is required');
  if (email.length > 254) throw new InputError('the email address is longer than 254 characters');
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) throw new InputError('the email address needs a name, an "@" and a domain');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) throw new InputError('the part before "@" has characters an address cannot have');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    throw new InputError('the domain after "@" is not a valid domain name (e.g. example.org)');
  }
  return `${local.toLowerCase()}@${domain}`;
}

export async function addSubscriber(
  ctx: AppContext,
  input: { email: string; name?: string | null; now: Date; source?: string },
): Promise<AddSubscriberResult> {
  const email = normaliseEmail(input.email);
  const name = input.name?.trim() || null;
  if (name && /[\r\n]/.test(name)) throw new InputError('the name must be on one line');
  // An erased person (GDPR) comes back only through their own confirmed sign-up.
  if (await ctx.store.subscriptions.isSuppressed(suppressionHash(email))) {
    throw new InputError(`${email} was erased earlier (dispatch subscribers delete); they need to sign up again themselves`);
  }
  // Added by the operator from the CLI: they vouch for consent, so active at once.
  return ctx.store.subscribers.add({ email, name, status: 'active', consentSource: input.source ?? 'cli', now: input.now });
}

export async function removeSubscriber(ctx: AppContext, emailInput: string): Promise<boolean> {
  return ctx.store.subscribers.remove(normaliseEmail(emailInput));
}

export async function listSubscribers(ctx: AppContext): Promise<Subscriber[]> {
  return ctx.store.subscribers.list();
}
