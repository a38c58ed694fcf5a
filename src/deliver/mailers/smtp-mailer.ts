// smtp:// and smtps://: a nodemailer connection pool. The message bytes come
// from the MIME builder (built once per copy shape, DKIM-signed there), so the
// pool only moves bytes: nodemailer's own composer and signer are not used.
import nodemailer from 'nodemailer';
import { ConfigError } from '../../shared/errors.js';
import { classifySendError } from '../classify-send-error.js';
import type { CreateMailerOptions, Mailer } from '../mailer.js';
import { createMimeBuilder } from '../build-mime.js';

function redactUrl(url: URL): string {
  const u = new URL(url.toString());
  if (u.password) u.password = '***';
  u.search = '';
  return u.toString();
}

export function createSmtpMailer(url: URL | null, opts: CreateMailerOptions): Mailer {
  if (!url) throw new ConfigError('DISPATCH_SMTP_URL: expected a URL like smtp://user:pass@host:587');
  const connections = Math.max(1, Math.floor(opts.pool?.connections ?? 5));
  const rate = opts.pool?.ratePerSecond;
  const transport = nodemailer.createTransport({
    pool: true,
    url: url.toString(),
    maxConnections: connections,
    maxMessages: opts.pool?.messagesPerConnection ?? 100,
    // The ledger owns retries (each attempt is recorded and backed off), so the
    // pool must not silently resend a message whose connection dropped.
    maxRequeues: 0,
    // nodemailer counts messages per window: 50/s → 50 per 1000 ms; 0.5/s → 1 per 2000 ms.
    ...(rate && rate > 0
      ? rate >= 1
        ? { rateDelta: 1000, rateLimit: Math.floor(rate) }
        : { rateDelta: Math.round(1000 / rate), rateLimit: 1 }
      : {}),
  });
  const builder = createMimeBuilder(opts);
  const description =
    `SMTP ${redactUrl(url)} (pool: ${connections} connection${connections === 1 ? '' : 's'}` +
    `${rate ? `, ${rate}/s` : ''}${opts.dkim ? `, DKIM ${opts.dkim.keySelector}._domainkey.${opts.dkim.domainName}` : ''})`;
  return {
    kind: 'smtp',
    describe: () => description,
    notice: () => null,
    // Two messages per pooled connection: one on the wire while the next is
    // built and the previous outcome is written to the ledger.
    parallelism: connections * 2,
    async send(msg) {
      let raw: Buffer;
      try {
        raw = await builder.build(msg);
      } catch (err) {
        return { ok: false, temporary: false, reply: `could not build the message: ${(err as Error).message}`, code: null, mailboxMissing: false };
      }
      try {
        const info = await transport.sendMail({ envelope: { from: msg.envelope.from, to: [...msg.envelope.to] }, raw });
        if (info.rejected.length > 0) {
          // Single-recipient messages: a rejected address normally fails the
          // whole send, but be explicit if the relay accepted a partial envelope.
          return classifySendError({ responseCode: 550, response: `recipient rejected: ${info.rejected.join(', ')}` });
        }
        return { ok: true, reply: info.response, messageId: msg.messageId };
      } catch (err) {
        return classifySendError(err);
      }
    },
    async close() {
      transport.close();
      await builder.close();
    },
  };
}
