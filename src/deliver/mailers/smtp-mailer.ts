// smtp:// and smtps://: a pool of SMTP connections (smtp-pool.ts) that
// writes the bytes the MIME builder made (built once per copy shape,
// DKIM-signed there, on worker threads when there are cores to spare).
import { checkRelay } from '../check-relay.js';
import { ConfigError } from '../../shared/errors.js';
import { createMimeBuilder } from '../build-mime.js';
import { classifySendError } from '../classify-send-error.js';
import type { CreateMailerOptions, Mailer } from '../mailer.js';
import { createSmtpPool, smtpOptionsFromUrl } from './smtp-pool.js';

function redactUrl(url: URL): string {
  const u = new URL(url.toString());
  if (u.password) u.password = '***';
  u.search = '';
  return u.toString();
}

export function createSmtpMailer(url: URL | null, opts: CreateMailerOptions): Mailer {
  if (!url) throw new ConfigError('DISPATCH_SMTP_URL: expected a URL like smtp://user:pass@host:587');
  const poolOptions = smtpOptionsFromUrl(url, opts.pool);
  const { connections, ratePerSecond: rate } = poolOptions;
  const pool = createSmtpPool(poolOptions);
  const builder = createMimeBuilder(opts);
  // Where the signatures are computed, so an operator sizing a worker sees it (sending.threads).
  const signing = builder.threads > 0 ? `${builder.threads} MIME thread${builder.threads === 1 ? '' : 's'}` : "libuv's thread pool";
  const description =
    `SMTP ${redactUrl(url)} (pool: ${connections} connection${connections === 1 ? '' : 's'}` +
    `${rate ? `, ${rate}/s` : ''}${opts.dkim ? `, DKIM ${opts.dkim.keySelector}._domainkey.${opts.dkim.domainName} signed on ${signing}` : ''})`;
  return {
    kind: 'smtp',
    describe: () => description,
    notice: () => null,
    // One connection up front: a relay that is down is said once, not per message.
    async preflight() {
      const check = await checkRelay(url.href);
      return check.ok ? null : check.reason;
    },
    // Two messages per pooled connection: one on the wire while the next is
    // built and the previous outcome is written to the ledger.
    parallelism: connections * 2,
    async send(msg) {
      let raw: Uint8Array[];
      try {
        raw = await builder.build(msg);
      } catch (err) {
        return { ok: false, temporary: false, reply: `could not build the message: ${(err as Error).message}`, code: null, mailboxMissing: false };
      }
      try {
        const reply = await pool.send(msg.envelope.from, msg.envelope.to, raw, builder.isDotSafe(raw));
        return { ok: true, reply: reply.text, messageId: msg.messageId };
      } catch (err) {
        return classifySendError(err);
      }
    },
    async close() {
      await pool.close();
      await builder.close();
    },
  };
}
