// The transport adapter: nodemailer's SMTP pool when DISPATCH_SMTP_URL is set,
// otherwise `.eml` files in the outbox folder. Either way `send` never throws
// for a delivery problem: it answers with a SendOutcome the ledger can record.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { ConfigError } from '../shared/errors.js';
import { writeFileAtomically } from './write-file-atomically.js';

export type SendOutcome =
  | { ok: true; reply: string; messageId: string }
  | {
      ok: false;
      /** True for 4xx replies and dropped connections/timeouts: try again later. */
      temporary: boolean;
      reply: string;
      code: number | null;
      /** A permanent reply that says the mailbox does not exist: the address should be marked bounced. */
      mailboxMissing: boolean;
    };

export type SendFailure = Extract<SendOutcome, { ok: false }>;

export interface Mailer {
  kind: 'smtp' | 'outbox';
  /** One line for the operator, without credentials. */
  describe(): string;
  send(msg: SendMailOptions): Promise<SendOutcome>;
  close(): Promise<void>;
}

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  /** PEM text of the private key (the config layer reads the key file). */
  privateKey: string;
}

export interface CreateMailerOptions {
  smtpUrl?: string | null;
  outboxDir: string;
  pool?: { connections: number; messagesPerConnection?: number; ratePerSecond?: number };
  dkim?: DkimOptions | null;
}

/**
 * Headers covered by the DKIM signature. Spelled out instead of relying on
 * nodemailer's default, because RFC 8058 one-click only counts when
 * List-Unsubscribe AND List-Unsubscribe-Post are signed, and older nodemailer
 * defaults left the latter out.
 */
export const DKIM_SIGNED_HEADERS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-ID',
  'Content-Description',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Help',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'List-Subscribe',
  'List-Post',
  'List-Owner',
  'List-Archive',
].join(':');

// Errors without an SMTP reply where the message itself is at fault (a bad
// address, an unreadable attachment): retrying cannot help. Every other
// reply-less error (dropped connection, timeout, DNS, auth, TLS) is about the
// relay, not the recipient, so the row stays retryable.
const MESSAGE_ERROR_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'ESTREAM', 'EFILEACCESS', 'EURLACCESS']);

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/** Maps a nodemailer/socket error to a ledger outcome. Exported for tests. */
export function classifySendError(err: unknown): SendFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = typeof e.response === 'string' && e.response
    ? e.response
    : typeof e.message === 'string' ? e.message : String(err);
  if (code !== null && code >= 400 && code < 500) {
    return { ok: false, temporary: true, reply, code, mailboxMissing: false };
  }
  // 503 is "bad sequence of commands": the session was confused, not the message refused.
  if (code !== null && code >= 500 && code < 600 && code !== 503) {
    const saysMissing = /\b5\.1\.[0-3]\b|user unknown|unknown user|no such (user|mailbox)|does not exist|mailbox not found/i.test(reply);
    // A 550 for policy reasons (spam, blocklist, 5.7.x) is not a dead
    // mailbox: failing the row is right, bouncing the subscriber is not.
    const saysPolicy = /\b5\.7\.\d+\b|spam|policy|block|reputation|relay/i.test(reply);
    const mailboxMissing = saysMissing || ([550, 551, 553].includes(code) && !saysPolicy);
    return { ok: false, temporary: false, reply, code, mailboxMissing };
  }
  const errCode = typeof e.code === 'string' ? e.code : '';
  // No SMTP reply at all: the connection broke or timed out. Nothing was
  // accepted, so it is safe to try again.
  const temporary = code !== null || !MESSAGE_ERROR_CODES.has(errCode);
  return { ok: false, temporary, reply: errCode && !reply.includes(errCode) ? `${errCode}: ${reply}` : reply, code, mailboxMissing: false };
}

function redactUrl(smtpUrl: string): string {
  try {
    const u = new URL(smtpUrl);
    if (u.password) u.password = '***';
    u.search = '';
    return u.toString();
  } catch {
    return '(unparseable SMTP URL)';
  }
}

function idOf(msg: SendMailOptions, fallback: string | undefined): string {
  return typeof msg.messageId === 'string' ? msg.messageId : (fallback ?? '');
}

function createSmtpMailer(smtpUrl: string, opts: CreateMailerOptions): Mailer {
  let parsed: URL;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    throw new ConfigError(`DISPATCH_SMTP_URL: expected a URL like smtp://user:pass@host:587, got something unparseable`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new ConfigError(`DISPATCH_SMTP_URL: expected smtp:// or smtps://, got ${parsed.protocol}//`);
  }
  const connections = Math.max(1, Math.floor(opts.pool?.connections ?? 5));
  const rate = opts.pool?.ratePerSecond;
  const transport = nodemailer.createTransport({
    pool: true,
    url: smtpUrl,
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
    ...(opts.dkim ? { dkim: { ...opts.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
  });
  const description =
    `SMTP ${redactUrl(smtpUrl)} (pool: ${connections} connection${connections === 1 ? '' : 's'}` +
    `${rate ? `, ${rate}/s` : ''}${opts.dkim ? `, DKIM ${opts.dkim.keySelector}._domainkey.${opts.dkim.domainName}` : ''})`;
  return {
    kind: 'smtp',
    describe: () => description,
    async send(msg) {
      try {
        const info = await transport.sendMail(msg);
        if (info.rejected.length > 0) {
          // Single-recipient messages: a rejected address normally fails the
          // whole send, but be explicit if the relay accepted a partial envelope.
          return classifySendError({ responseCode: 550, response: `recipient rejected: ${info.rejected.join(', ')}` });
        }
        return { ok: true, reply: info.response, messageId: idOf(msg, info.messageId) };
      } catch (err) {
        return classifySendError(err);
      }
    },
    async close() {
      transport.close();
    },
  };
}

function createOutboxMailer(opts: CreateMailerOptions): Mailer {
  const dir = path.resolve(opts.outboxDir);
  mkdirSync(dir, { recursive: true });
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    ...(opts.dkim ? { dkim: { ...opts.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
  });
  let seq = 0;
  const runTag = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    kind: 'outbox',
    describe: () => `outbox folder ${dir} (DISPATCH_SMTP_URL not set: messages are written as .eml files, nothing is sent)`,
    async send(msg) {
      try {
        const info = await transport.sendMail(msg);
        const buf = Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
        // Sortable (time, then sequence) and unique across processes (runTag).
        seq += 1;
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
        const name = `${stamp}-${runTag}-${String(seq).padStart(6, '0')}.eml`;
        const file = path.join(dir, name);
        // Write then rename, so a crash never leaves half a message behind;
        // a failed write (a full disk) removes its temporary file.
        await writeFileAtomically(file, buf);
        return { ok: true, reply: `written to ${file}`, messageId: idOf(msg, info.messageId) };
      } catch (err) {
        const reply = err instanceof Error ? err.message : String(err);
        return { ok: false, temporary: true, reply: `outbox write failed: ${reply}`, code: null, mailboxMissing: false };
      }
    },
    async close() {
      transport.close();
    },
  };
}

export function createMailer(opts: CreateMailerOptions): Mailer {
  return opts.smtpUrl ? createSmtpMailer(opts.smtpUrl, opts) : createOutboxMailer(opts);
}
