// Reads what a subscribe/unsubscribe request mail asks for: the sender's
// address, the command (from the subject, or else the first line of the
// plain-text body), the token a List-Unsubscribe mailto link put in the
// subject, and whether the mail was sent by a machine (bounces, auto-replies,
// lists), which must never get an answer. MIME, encoded words in any charset
// and transfer encodings are mailparser's job; this file only interprets.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export type RequestCommand = 'subscribe' | 'unsubscribe';

export interface RequestMail {
  /** Address in the From header, or null when there is none we can read. */
  from: string | null;
  command: RequestCommand | null;
  /** Token after the command word (`unsubscribe <token>`), if any. */
  token: string | null;
  /** Auto-Submitted, Precedence bulk/junk/list, or a delivery report: not a person asking. */
  automated: boolean;
}

const COMMAND = /^\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)*(subscribe|unsubscribe)(?:\s+([A-Za-z0-9._~-]{1,400}))?\s*$/i;

function header(mail: ParsedMail, name: string): string | undefined {
  const v = mail.headers.get(name);
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'value' in v && typeof v.value === 'string') return v.value;
  if (typeof v === 'object' && v !== null && 'text' in v && typeof (v as AddressObject).text === 'string') return (v as AddressObject).text;
  return String(v);
}

function matchCommand(text: string | null | undefined): { command: RequestCommand; token: string | null } | null {
  if (!text) return null;
  const m = COMMAND.exec(text);
  if (!m?.[1]) return null;
  return { command: m[1].toLowerCase() as RequestCommand, token: m[2] ?? null };
}

function fromAddress(mail: ParsedMail): string | null {
  const first = mail.from?.value[0];
  const address = first?.address;
  return address && address.includes('@') ? address : null;
}

export async function parseRequestMail(raw: string | Buffer): Promise<RequestMail> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const autoSubmitted = (header(mail, 'auto-submitted') ?? 'no').toLowerCase();
  const precedence = (header(mail, 'precedence') ?? '').toLowerCase();
  const type = (header(mail, 'content-type') ?? '').toLowerCase();
  const automated =
    !autoSubmitted.startsWith('no') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) ||
    /multipart\/report|message\/delivery-status/.test(type) ||
    // List-* headers are folded into one structured 'list' entry by mailparser: look at the raw lines.
    mail.headerLines.some((h) => h.key === 'x-autoreply' || h.key === 'list-id');

  let found = matchCommand(mail.subject ?? '');
  if (!found) {
    const first = (mail.text ?? '').split(/\r?\n/).find((l) => l.trim() !== '');
    found = matchCommand(first);
  }
  return { from: fromAddress(mail), command: found?.command ?? null, token: found?.token ?? null, automated };
}
