// The two transactional mails of the sign-up flow (confirmation, welcome),
// compiled once at startup and sent through the same Mailer as the digests.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.js';
import { bareAddress, buildMessage, domainOf, formatDate, recipientLinks, type Mailer, type OutgoingMessage, type SendOutcome } from '../deliver/index.js';
import { builtinTemplatesDir, compileMail, loadMailTemplates, type CompiledMail } from '../render/index.js';
import type { Subscriber } from '../shared/types.js';
import type { AppContext } from './open-context.js';

export interface ConfirmMailData {
  listTitle: string;
  email: string;
  confirmUrl: string;
  expiresIn: string;
  digests: Array<{ title: string }>;
  siteUrl: string;
}

export interface WelcomeMailData {
  listTitle: string;
  email: string;
  digests: Array<{ title: string }>;
  preferencesUrl: string;
  unsubscribeUrl: string;
  siteUrl: string;
}

/** What the sign-up use cases need to send mail: the transport and the compiled templates. */
export interface SubscriptionMailer {
  mailer: Mailer;
  confirm: CompiledMail<ConfirmMailData>;
  welcome: CompiledMail<WelcomeMailData>;
}

/** Runs MJML for both mails once; call at startup, not per request. */
export async function compileSubscriptionMails(config: Config): Promise<Pick<SubscriptionMailer, 'confirm' | 'welcome'>> {
  const opts = { builtinDir: builtinTemplatesDir(), overrideDir: config.templatesDir };
  const [confirm, welcome] = await Promise.all([
    loadMailTemplates(opts, 'confirm').then((t) => compileMail<ConfirmMailData>(t, 'confirm')),
    loadMailTemplates(opts, 'welcome').then((t) => compileMail<WelcomeMailData>(t, 'welcome')),
  ]);
  return { confirm, welcome };
}

/** The list's name in mails and pages: the From display name, else the first digest's title. */
export function listTitle(config: Pick<Config, 'sending' | 'digests'>): string {
  const m = /^\s*"?([^"<]+?)"?\s*</.exec(config.sending.from);
  return m?.[1]?.trim() || config.digests[0]?.title || 'Dispatch';
}

function digestTitles(config: Pick<Config, 'digests'>, chosen: readonly string[] | undefined): Array<{ title: string }> {
  const list = chosen?.length ? config.digests.filter((d) => chosen.includes(d.name)) : config.digests;
  return list.map((d) => ({ title: d.title }));
}

function humanDuration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

// Control characters in a header value would let it grow new headers; the
// values here come from the config, but a config is typed by a person too.
// eslint-disable-next-line no-control-regex
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

export async function sendConfirmationMail(
  ctx: Pick<AppContext, 'config'>,
  sm: SubscriptionMailer,
  r: { email: string; token: string; digests: readonly string[] | undefined; now: Date },
): Promise<SendOutcome> {
  const { config } = ctx;
  const title = listTitle(config);
  const confirmUrl = `${config.env.publicUrl}/confirm?token=${encodeURIComponent(r.token)}`;
  const { html, text } = sm.confirm.render({
    listTitle: title,
    email: r.email,
    confirmUrl,
    expiresIn: humanDuration(config.subscribe.confirmationTtlMs),
    digests: digestTitles(config, r.digests),
    siteUrl: config.env.publicUrl,
  });
  const domain = domainOf(config.sending.from) ?? 'localhost';
  const message: OutgoingMessage = {
    envelope: { from: bareAddress(config.sending.from), to: [r.email] },
    messageId: `<confirm.${randomBytes(9).toString('base64url')}@${domain}>`,
    headers: [
      { name: 'From', value: config.sending.from },
      { name: 'To', value: r.email },
      { name: 'Subject', value: oneLine(`Confirm your subscription to ${title}`) },
      { name: 'Date', value: formatDate(r.now) },
      ...(config.sending.replyTo ? [{ name: 'Reply-To', value: oneLine(config.sending.replyTo) }] : []),
      // RFC 3834: no vacation replies or other auto-answers to this mail.
      { name: 'Auto-Submitted', value: 'auto-generated' },
    ],
    text,
    html,
  };
  return sm.mailer.send(message);
}

export async function sendWelcomeMail(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  sm: SubscriptionMailer,
  subscriber: Pick<Subscriber, 'id' | 'email' | 'name' | 'preferences'>,
  now: Date,
): Promise<SendOutcome> {
  const { config } = ctx;
  const title = listTitle(config);
  const links = recipientLinks({
    publicUrl: config.env.publicUrl,
    secret: ctx.secret,
    subscriberId: subscriber.id,
    unsubscribeMailbox: config.sending.unsubscribeAddress,
  });
  const { html, text } = sm.welcome.render({
    listTitle: title,
    email: subscriber.email,
    digests: digestTitles(config, subscriber.preferences.digests),
    preferencesUrl: links.preferencesUrl,
    unsubscribeUrl: links.unsubscribeUrl,
    siteUrl: config.env.publicUrl,
  });
  const domain = domainOf(config.sending.from) ?? 'localhost';
  const message = buildMessage({
    from: config.sending.from,
    to: subscriber.email,
    toName: subscriber.name,
    subject: oneLine(`Welcome to ${title}`),
    html,
    text,
    listId: `${oneLine(title)} <list.${domain}>`,
    unsubscribeHttpUrl: links.unsubscribeUrl,
    unsubscribeMailto: links.unsubscribeMailto,
    messageId: `<welcome.${subscriber.id}.${randomBytes(6).toString('base64url')}@${domain}>`,
    date: now,
    headers: {
      'Auto-Submitted': 'auto-generated',
      ...(config.sending.replyTo ? { 'Reply-To': oneLine(config.sending.replyTo) } : {}),
    },
  });
  return sm.mailer.send(message);
}
