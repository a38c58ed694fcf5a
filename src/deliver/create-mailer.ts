// The adapter registry: the URL's scheme picks the adapter, one file each in
// ./mailers/. Adding an HTTP mail API means one new file and one line here.
import { ConfigError } from '../shared/errors.js';
import type { CreateMailerOptions, Mailer, MailerFactory } from './mailer.js';
import { createOutboxMailer } from './mailers/outbox-mailer.js';
import { createSmtpMailer } from './mailers/smtp-mailer.js';

const BY_SCHEME: Record<string, MailerFactory> = {
  'smtp:': createSmtpMailer,
  'smtps:': createSmtpMailer,
};

export function createMailer(opts: CreateMailerOptions): Mailer {
  if (!opts.smtpUrl) return createOutboxMailer(null, opts);
  let url: URL;
  try {
    url = new URL(opts.smtpUrl);
  } catch {
    throw new ConfigError(`DISPATCH_SMTP_URL: expected a URL like smtp://user:pass@host:587, got something unparseable`);
  }
  const factory = BY_SCHEME[url.protocol];
  if (!factory) {
    const known = Object.keys(BY_SCHEME).map((s) => `${s}//`).join(' or ');
    throw new ConfigError(`DISPATCH_SMTP_URL: expected ${known}, got ${url.protocol}//`);
  }
  return factory(url, opts);
}
