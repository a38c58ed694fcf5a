// Turns one rendered copy into an OutgoingMessage with every header a bulk
// mail needs (RFC 2369 List-*, RFC 8058 one-click). Pure: the date and the
// Message-ID come in as arguments.
import { createHash } from 'node:crypto';
import { DispatchError } from '../shared/errors.js';
import { formatAddress, formatDate, bareAddress, type MessageHeader, type OutgoingMessage, type SplicedBody } from './outgoing-message.js';

/** A header value carried CR or LF (or another control character): refusing beats sending a forged header. */
export class HeaderInjectionError extends DispatchError {
  constructor(readonly header: string) {
    super(`refusing to send: the ${header} header contains a line break or control character`);
  }
}

export interface BuildMessageInput {
  /** `"Daily Brief" <brief@example.org>` or a bare address. */
  from: string;
  /** Recipient address (already validated and normalised). */
  to: string;
  /**
   * Display name of the recipient. Unlike the other fields it is person-entered
   * data, so control characters are folded to spaces rather than refused (one
   * odd name must not stop an edition); nodemailer then quotes/encodes it.
   */
  toName?: string | null;
  subject: string;
  html: string;
  text: string;
  /** RFC 2919 List-Id value, e.g. `Daily Brief <daily.dispatch.example.org>`. */
  listId: string;
  /** https URL that accepts the RFC 8058 one-click POST. */
  unsubscribeHttpUrl: string;
  unsubscribeMailto: string;
  /** With or without angle brackets; see messageIdFor. */
  messageId: string;
  date: Date;
  /** Extra headers (e.g. X-Dispatch-Edition, Reply-To). Same injection checks. */
  headers?: Record<string, string>;
  /** The same html/text as a shared shape plus this recipient's values (the MIME fast path). */
  spliced?: { text: SplicedBody; html: SplicedBody };
}

// Anything below 0x20 except TAB, and DEL. CR and LF are the injection vector;
// the rest have no business in a header either.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const HEADER_NAME = /^[!-9;-~]+$/;

function checkValue(header: string, value: string): string {
  if (typeof value !== 'string' || CONTROL.test(value)) throw new HeaderInjectionError(header);
  return value;
}

function checkUrl(header: string, value: string, protocols: string[]): string {
  checkValue(header, value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DispatchError(`the ${header} URL is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new DispatchError(`the ${header} URL must use ${protocols.join(' or ')}, got ${url.protocol}`);
  }
  // Angle brackets and spaces would break the <…>, <…> list syntax.
  if (/[<>\s,]/.test(value)) throw new DispatchError(`the ${header} URL must be percent-encoded: ${JSON.stringify(value)}`);
  return value;
}

/**
 * Deterministic Message-ID for (edition, subscriber): a resend after a crash
 * carries the same id, so receivers that dedupe by Message-ID drop the copy.
 * The hash (salted, e.g. with the digest name and slot) keeps ids from two
 * installations that share a domain from colliding.
 */
export function messageIdFor(opts: { editionId: number; subscriberId: number; domain: string; salt?: string }): string {
  checkValue('Message-ID', opts.domain);
  if (!/^[A-Za-z0-9.-]+$/.test(opts.domain)) {
    throw new DispatchError(`Message-ID domain must be a plain host name, got ${JSON.stringify(opts.domain)}`);
  }
  const hash = createHash('sha256')
    .update(`${opts.salt ?? ''}\u0000${opts.editionId}\u0000${opts.subscriberId}`)
    .digest('hex')
    .slice(0, 16);
  return `<e${opts.editionId}.s${opts.subscriberId}.${hash}@${opts.domain.toLowerCase()}>`;
}

/** The domain of an address or `Name <address>` string, lower-cased; null when none. */
export function domainOf(address: string): string | null {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address.trim());
  return m?.[1]?.toLowerCase() ?? null;
}

export function buildMessage(input: BuildMessageInput): OutgoingMessage {
  const from = checkValue('From', input.from);
  const to = checkValue('To', input.to);
  const subject = checkValue('Subject', input.subject);
  const listId = checkValue('List-Id', input.listId);
  const httpUrl = checkUrl('List-Unsubscribe', input.unsubscribeHttpUrl, ['https:', 'http:']);
  const mailto = checkUrl('List-Unsubscribe', input.unsubscribeMailto, ['mailto:']);
  const rawId = checkValue('Message-ID', input.messageId).trim();
  const messageId = rawId.startsWith('<') ? rawId : `<${rawId}>`;
  if (!/^<[^<>\s@]+@[^<>\s@]+>$/.test(messageId)) {
    throw new DispatchError(`Message-ID must look like <local@domain>, got ${JSON.stringify(input.messageId)}`);
  }
  if (!(input.date instanceof Date) || Number.isNaN(input.date.getTime())) {
    throw new DispatchError('message date is not a valid Date');
  }

  const headers: MessageHeader[] = [
    { name: 'From', value: from },
    // The display name is person-entered: formatAddress folds control characters and quotes it.
    { name: 'To', value: formatAddress(to, input.toName) },
    { name: 'Subject', value: subject },
    { name: 'Date', value: formatDate(input.date) },
  ];
  const extra: MessageHeader[] = [];
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (!HEADER_NAME.test(name)) throw new HeaderInjectionError(JSON.stringify(name));
    const v = checkValue(name, value);
    if (name.toLowerCase() === 'reply-to') headers.push({ name: 'Reply-To', value: v });
    else extra.push({ name, value: v });
  }
  headers.push(
    { name: 'List-Id', value: listId },
    // Both targets in ONE header field (RFC 2369).
    { name: 'List-Unsubscribe', value: `<${httpUrl}>, <${mailto}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ...extra,
  );
  return {
    envelope: { from: bareAddress(from), to: [to] },
    messageId,
    headers,
    text: input.text,
    html: input.html,
    ...(input.spliced ? { spliced: input.spliced } : {}),
  };
}
