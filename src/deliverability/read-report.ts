// Reads a mail that arrived at the bounce or complaints address: what it
// reports (hard or soft bounce, complaint, an auto-reply that is not a
// bounce), the status code and diagnostic, and what identifies the original
// delivery. MIME is parsed by mailparser (and its splitter, @zone-eu/mailsplit,
// for originals attached inline, whose headers mailparser folds into the text);
// the standard parts are read the way the RFCs lay them out:
// - RFC 3464: multipart/report; report-type=delivery-status, one
//   message/delivery-status part with per-recipient field groups;
// - RFC 5965 (ARF): report-type=feedback-report with message/feedback-report;
// and the common non-standard layouts by their fixed sentences: Exim, qmail
// (QSBMF) and Exchange's plain-text non-delivery reports.
import { Headers, Splitter } from '@zone-eu/mailsplit';
import type { ParsedMail } from 'mailparser';

export type ReportKind = 'hard' | 'soft' | 'complaint' | 'auto-reply' | 'other';
export type ReportFormat = 'dsn' | 'arf' | 'exim' | 'qmail' | 'exchange' | 'auto-reply' | 'unknown';

export interface InboundReport {
  kind: ReportKind;
  format: ReportFormat;
  /** Enhanced status code (RFC 3463) such as `5.1.1`, or a basic SMTP code, or null. */
  statusCode: string | null;
  diagnostic: string | null;
  /** The recipient the report is about (Final-Recipient, Original-Rcpt-To, the failed address), when given. */
  recipient: string | null;
  /** Message-IDs found in the returned original (text/rfc822-headers, message/rfc822, quoted headers). */
  originalMessageIds: string[];
  /** ARF Original-Mail-From (often our VERP address), when given. */
  originalMailFrom: string | null;
  /** The report's own From address (the MTA or feedback loop that sent it). */
  reporter: string | null;
}

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const BASIC = /\b([45]\d\d)[ -]/;
const MESSAGE_ID_LINE = /^[ \t>]*Message-I[Dd]:[ \t]*(<[^<>\s]+@[^<>\s]+>)/gim;

function bareAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  // "rfc822; reader@example.com" (RFC 3464 address type) or "<reader@example.com>"
  const v = value.replace(/^\s*rfc822\s*;/i, '').trim();
  const m = /<?([^\s<>;"]+@[^\s<>;"]+?)>?$/.exec(v);
  return m?.[1]?.toLowerCase() ?? null;
}

/** Header groups of a message/delivery-status or message/feedback-report body, read with mailsplit's header parser. */
function fieldGroups(body: string): Headers[] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((g) => g.trim())
    .filter((g) => g !== '')
    .map((g) => new Headers(`${g.replace(/\n/g, '\r\n')}\r\n\r\n`));
}

/** Message-IDs of originals embedded as message/rfc822 parts, inline or attached. */
async function embeddedMessageIds(raw: Buffer): Promise<string[]> {
  const ids: string[] = [];
  await new Promise<void>((resolve) => {
    const splitter = new Splitter();
    splitter.on('data', (chunk: { type: string; parentNode?: unknown; headers?: Headers | false }) => {
      if (chunk.type !== 'node') return;
      const parent = chunk.parentNode as { rfc822?: boolean } | false | undefined;
      if (parent && parent.rfc822 && chunk.headers) {
        const id = chunk.headers.getFirst('message-id');
        if (id) ids.push(id);
      }
    });
    // The splitter is a Transform stream; its typings only list 'data'.
    const events = splitter as unknown as NodeJS.EventEmitter;
    events.on('end', () => resolve());
    events.on('error', () => resolve());
    splitter.end(raw);
  });
  return ids;
}

function headerText(mail: ParsedMail, name: string): string {
  const v = mail.headers.get(name);
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text;
  return String(v);
}

function codeFrom(text: string): string | null {
  const e = ENHANCED.exec(text);
  if (e) return e[0];
  return BASIC.exec(text)?.[1] ?? null;
}

function kindFromCode(code: string | null, fallback: 'hard' | 'soft'): 'hard' | 'soft' {
  if (!code) return fallback;
  if (code.startsWith('5')) return 'hard';
  if (code.startsWith('4')) return 'soft';
  return fallback;
}

/** The line of a plain-text bounce that carries the SMTP reply, for the diagnostic. */
function diagnosticLine(text: string): string | null {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const hit = lines.find((l) => ENHANCED.test(l) && /\d{3}|#/.test(l)) ?? lines.find((l) => BASIC.test(l));
  return hit ? hit.slice(0, 500) : null;
}

function firstAddressAfter(text: string, marker: RegExp): string | null {
  const i = text.search(marker);
  if (i < 0) return null;
  const m = /<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?/.exec(text.slice(i).replace(marker, ''));
  return m?.[1]?.toLowerCase() ?? null;
}

export async function readReport(input: Buffer | string): Promise<InboundReport> {
  const raw = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  // keepDeliveryStatus: the message/delivery-status part stays a part of its
  // own instead of being folded into the text.
  // Loaded here, not with the module: a sending process (which imports this
  // stage for its message extras) never reads a report, and mailparser is ~30 MB.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { keepDeliveryStatus: true } as Parameters<typeof simpleParser>[1]);
  const ct = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = ct?.value === 'multipart/report' ? (ct.params?.['report-type'] ?? '').toLowerCase() : '';
  const text = mail.text ?? '';

  const ids = new Set<string>();
  for (const a of mail.attachments) {
    if (a.contentType === 'text/rfc822-headers' || a.contentType === 'message/rfc822') {
      // The header block only: up to the first empty line.
      const head = a.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
      const id = new Headers(`${head.trimEnd().replace(/\r?\n/g, '\r\n')}\r\n\r\n`).getFirst('message-id');
      if (id) ids.add(id);
    }
  }
  for (const id of await embeddedMessageIds(raw)) ids.add(id);
  // Plain-text bounces quote the original's headers in the body.
  for (const m of text.matchAll(MESSAGE_ID_LINE)) if (m[1]) ids.add(m[1]);
  const originalMessageIds = [...ids].filter((id) => id !== mail.messageId);
  const reporter = mail.from?.value[0]?.address?.toLowerCase() || null;
  const base = { originalMessageIds, originalMailFrom: null as string | null, reporter };

  if (reportType === 'feedback-report') {
    const part = mail.attachments.find((a) => a.contentType === 'message/feedback-report');
    const fields = part ? fieldGroups(part.content.toString('utf8'))[0] : undefined;
    const feedbackType = (fields?.getFirst('feedback-type') || 'abuse').toLowerCase();
    return {
      ...base,
      // RFC 6430 "not-spam" is the opposite of a complaint.
      kind: feedbackType === 'not-spam' ? 'other' : 'complaint',
      format: 'arf',
      statusCode: null,
      diagnostic: `feedback-type: ${feedbackType}`,
      recipient: bareAddress(fields?.getFirst('original-rcpt-to')),
      originalMailFrom: bareAddress(fields?.getFirst('original-mail-from')),
    };
  }

  if (reportType === 'delivery-status') {
    const part = mail.attachments.find((a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/global-delivery-status');
    const groups = part ? fieldGroups(part.content.toString('utf8')).slice(1) : [];
    // One recipient per message is what we send; take the first that failed or is delayed.
    const g =
      groups.find((h) => /^(failed|delayed)$/i.test(h.getFirst('action'))) ??
      groups.find((h) => h.getFirst('final-recipient') !== '');
    if (!g) return { ...base, kind: 'other', format: 'dsn', statusCode: null, diagnostic: 'delivery-status report without a recipient', recipient: null };
    const action = g.getFirst('action').toLowerCase();
    const status = ENHANCED.exec(g.getFirst('status'))?.[0] ?? null;
    const diagnostic = g.getFirst('diagnostic-code').replace(/^\s*smtp\s*;\s*/i, '') || null;
    const recipient = bareAddress(g.getFirst('final-recipient')) ?? bareAddress(g.getFirst('original-recipient'));
    let kind: ReportKind;
    if (action === 'failed') kind = kindFromCode(status, 'hard');
    else if (action === 'delayed') kind = 'soft';
    else kind = 'other'; // delivered, relayed, expanded: not a problem
    return { ...base, kind, format: 'dsn', statusCode: status ?? codeFrom(diagnostic ?? ''), diagnostic, recipient };
  }

  const subject = mail.subject ?? '';
  if (/This message was created automatically by mail delivery software/i.test(text)) {
    const delayed = /has not yet been delivered|delay(ed)? reason|Delivery attempts will continue/i.test(text);
    const diagnostic = diagnosticLine(text.split(/^-{3,}.*copy of the message/im)[0] ?? text);
    const code = codeFrom(diagnostic ?? '');
    return {
      ...base,
      kind: delayed ? 'soft' : /permanent error/i.test(text) ? 'hard' : kindFromCode(code, 'hard'),
      format: 'exim',
      statusCode: code,
      diagnostic,
      recipient: firstAddressAfter(text, delayed ? /recipients after more than[^\n]*\n/i : /address\(es\) failed:/i),
    };
  }
  if (/This is the qmail-send program/i.test(text)) {
    const report = text.split(/^--- Below this line is a copy of the message\./im)[0] ?? text;
    const qs = /\(#(\d\.\d{1,3}\.\d{1,3})\)/.exec(report)?.[1] ?? codeFrom(report);
    const permanent = /permanent error/i.test(report);
    return {
      ...base,
      kind: permanent ? 'hard' : kindFromCode(qs, 'soft'),
      format: 'qmail',
      statusCode: qs,
      diagnostic: diagnosticLine(report),
      recipient: firstAddressAfter(report, /following addresses\.[^\n]*\n/i),
    };
  }
  if (/Delivery has failed to these recipients or groups/i.test(text) || /^Undeliverable:/i.test(subject)) {
    const report = text.split(/^Original message headers:/im)[0] ?? text;
    const code = codeFrom(report);
    return {
      ...base,
      kind: kindFromCode(code, 'hard'),
      format: 'exchange',
      statusCode: code,
      diagnostic: diagnosticLine(report),
      recipient: firstAddressAfter(report, /Delivery has failed to these recipients or groups:/i),
    };
  }
  const autoSubmitted = headerText(mail, 'auto-submitted').toLowerCase();
  if (
    (autoSubmitted !== '' && !autoSubmitted.startsWith('no')) ||
    headerText(mail, 'x-autoreply') !== '' ||
    headerText(mail, 'x-autorespond') !== '' ||
    /^(auto(matic)?[ -]?reply|out of (the )?office|abwesenheit)/i.test(subject)
  ) {
    return { ...base, kind: 'auto-reply', format: 'auto-reply', statusCode: null, diagnostic: subject.slice(0, 200) || null, recipient: null };
  }
  return { ...base, kind: 'other', format: 'unknown', statusCode: null, diagnostic: null, recipient: null };
}
