// Maps a relay's error (nodemailer/socket) to the outcome the ledger records.
import type { SendFailure } from './mailer.js';

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
