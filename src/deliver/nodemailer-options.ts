// The one place an OutgoingMessage becomes nodemailer's SendMailOptions: the
// reference build the MIME shortcut is checked against, and the slow path
// used when the shortcut is off. Nothing outside src/deliver sees this type.
import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMessage } from './outgoing-message.js';

// Headers nodemailer takes as fields of its own (it formats addresses and dates).
const FIELDS: Record<string, 'from' | 'to' | 'subject' | 'date' | 'replyTo' | 'cc'> = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  subject: 'subject',
  date: 'date',
  'reply-to': 'replyTo',
};

export function toMailOptions(msg: OutgoingMessage): SendMailOptions {
  const out: SendMailOptions = {
    envelope: { from: msg.envelope.from, to: [...msg.envelope.to] },
    messageId: msg.messageId,
    text: msg.text,
    html: msg.html,
  };
  const headers: Array<{ key: string; value: string }> = [];
  for (const h of msg.headers) {
    const field = FIELDS[h.name.toLowerCase()];
    if (field === 'date') out.date = new Date(h.value);
    else if (field) out[field] = h.value;
    else headers.push({ key: h.name, value: h.value });
  }
  out.headers = headers;
  return out;
}
