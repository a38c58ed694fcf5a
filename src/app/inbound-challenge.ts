// An unsubscribe (or subscribe) mail that did not pass DKIM/SPF alignment may
// be forged, so it changes nothing. Instead the address gets one mail with a
// link that does the job after a click — at most one per address per day, and
// only to addresses already on the list (a forger cannot make us mail strangers).
import { randomBytes } from 'node:crypto';
import { bareAddress, domainOf, formatDate, recipientLinks, type OutgoingMessage } from '../deliver/index.js';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
import type { Subscriber } from '../shared/types.js';
import { suppressionHash } from './import-export.js';
import type { AppContext } from './open-context.js';
import { listTitle, type SubscriptionMailer } from './subscription-mail.js';

export const CHALLENGE_INTERVAL_MS = 24 * 3600_000;

export type ChallengeOutcome = 'challenge-sent' | 'challenge-throttled' | 'send-failed';

export async function sendUnsubscribeChallenge(
  ctx: Pick<AppContext, 'config' | 'store' | 'secret'>,
  sm: Pick<SubscriptionMailer, 'mailer'>,
  subscriber: Subscriber,
  now: Date,
): Promise<ChallengeOutcome> {
  const hash = suppressionHash(subscriber.email);
  const claimed = await ctx.store.deliverability.claimChallenge(hash, now, new Date(now.getTime() - CHALLENGE_INTERVAL_MS));
  if (!claimed) return 'challenge-throttled';
  const { config } = ctx;
  const links = recipientLinks({ publicUrl: config.env.publicUrl, secret: ctx.secret, subscriberId: subscriber.id, unsubscribeMailbox: config.sending.unsubscribeAddress });
  const title = listTitle(config);
  const domain = domainOf(config.sending.from) ?? 'localhost';
  const text =
    `We received a request by mail to unsubscribe ${subscriber.email} from ${title}.\n\n` +
    `To unsubscribe, open this link and press the button:\n${links.unsubscribeUrl}\n\n` +
    `If you did not ask for this, ignore this mail: nothing changes.\n`;
  const html =
    `<p>We received a request by mail to unsubscribe ${escapeHtml(subscriber.email)} from ${escapeHtml(title)}.</p>` +
    `<p>To unsubscribe, open this link and press the button:<br><a href="${escapeHtml(links.unsubscribeUrl)}">${escapeHtml(links.unsubscribeUrl)}</a></p>` +
    `<p>If you did not ask for this, ignore this mail: nothing changes.</p>`;
  const message: OutgoingMessage = {
    envelope: { from: bareAddress(config.sending.from), to: [subscriber.email] },
    messageId: `<challenge.${randomBytes(9).toString('hex')}@${domain}>`,
    headers: [
      { name: 'From', value: config.sending.from },
      { name: 'To', value: subscriber.email },
      { name: 'Subject', value: `Confirm: unsubscribe from ${title}`.replace(/[\r\n]+/g, ' ') },
      { name: 'Date', value: formatDate(now) },
      // RFC 3834: an answer to a mail; no auto-replies to it.
      { name: 'Auto-Submitted', value: 'auto-replied' },
    ],
    text,
    html,
  };
  const outcome = await sm.mailer.send(message);
  return outcome.ok ? 'challenge-sent' : 'send-failed';
}
