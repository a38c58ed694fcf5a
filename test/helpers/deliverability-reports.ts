// Bounce and complaint reports written for the tests from the specifications
// (RFC 3464 delivery status notifications, RFC 5965 ARF) and from the plain-
// text layouts Exim, qmail and Exchange use. Not copied from real mail: each
// builder only fills in the fields the formats define.

export interface OriginalRef {
  /** The original message's Message-ID, with brackets. */
  messageId: string;
  /** The envelope sender of the original (VERP address), when the report quotes it. */
  returnPath?: string;
  to?: string;
  subject?: string;
}

const CRLF = '\r\n';
const join = (lines: string[]) => lines.join(CRLF);

function originalHeaders(o: OriginalRef): string[] {
  return [
    ...(o.returnPath ? [`Return-Path: <${o.returnPath}>`] : []),
    'From: Daily Brief <brief@news.example.org>',
    `To: ${o.to ?? 'reader@example.com'}`,
    `Subject: ${o.subject ?? 'Daily Foreign Policy Brief'}`,
    `Message-ID: ${o.messageId}`,
    'Date: Tue, 01 Dec 2026 07:00:00 +0000',
    'List-Id: Daily Foreign Policy Brief <daily.news.example.org>',
  ];
}

/** RFC 3464: multipart/report; report-type=delivery-status with a message/delivery-status part. */
export function rfc3464Dsn(opts: {
  to: string;
  recipient: string;
  action: 'failed' | 'delayed';
  status: string;
  diagnostic: string;
  original: OriginalRef;
  /** text/rfc822-headers (default) or the whole message/rfc822. */
  returned?: 'headers' | 'message';
}): string {
  const b = 'dsn-boundary-7f3a';
  const returned =
    opts.returned === 'message'
      ? ['Content-Type: message/rfc822', '', ...originalHeaders(opts.original), '', 'Hello reader.']
      : ['Content-Type: text/rfc822-headers', '', ...originalHeaders(opts.original)];
  return join([
    'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
    `To: <${opts.to}>`,
    `Subject: ${opts.action === 'failed' ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
    'Date: Tue, 01 Dec 2026 07:05:00 +0000',
    'Message-ID: <dsn.1@mx.example.net>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    opts.action === 'failed' ? 'Your message could not be delivered to one or more recipients.' : 'Delivery is delayed; we keep trying.',
    '',
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    'Arrival-Date: Tue, 01 Dec 2026 07:00:01 +0000',
    '',
    `Final-Recipient: rfc822; ${opts.recipient}`,
    `Original-Recipient: rfc822;${opts.recipient}`,
    `Action: ${opts.action}`,
    `Status: ${opts.status}`,
    'Remote-MTA: dns; mail.example.com',
    `Diagnostic-Code: smtp; ${opts.diagnostic}`,
    '',
    `--${b}`,
    ...returned,
    '',
    `--${b}--`,
    '',
  ]);
}

/** RFC 5965 ARF: multipart/report; report-type=feedback-report; the recipient usually redacted. */
export function arfComplaint(opts: { to: string; original: OriginalRef; originalRcptTo?: string; originalMailFrom?: string; feedbackType?: string }): string {
  const b = 'arf-boundary-19c2';
  return join([
    'From: Feedback Loop <fbl@isp.example.net>',
    `To: ${opts.to}`,
    'Subject: FW: Daily Foreign Policy Brief',
    'Date: Tue, 01 Dec 2026 09:00:00 +0000',
    'Message-ID: <arf.1@isp.example.net>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.10.',
    '',
    `--${b}`,
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${opts.feedbackType ?? 'abuse'}`,
    'User-Agent: ExampleFBL/1.0',
    'Version: 1',
    ...(opts.originalMailFrom ? [`Original-Mail-From: <${opts.originalMailFrom}>`] : []),
    ...(opts.originalRcptTo ? [`Original-Rcpt-To: <${opts.originalRcptTo}>`] : []),
    'Arrival-Date: Tue, 01 Dec 2026 07:00:02 +0000',
    'Source-IP: 192.0.2.10',
    'Reported-Domain: news.example.org',
    '',
    `--${b}`,
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    ...originalHeaders({ ...opts.original, to: opts.original.to ?? 'redacted@isp.example.net' }),
    '',
    'Hello reader.',
    '',
    `--${b}--`,
    '',
  ]);
}

/** Exim's plain-text bounce ("Mail delivery failed: returning message to sender"). */
export function eximBounce(opts: { to: string; recipient: string; smtpLine: string; original: OriginalRef }): string {
  return join([
    'Return-path: <>',
    'From: Mail Delivery System <Mailer-Daemon@relay.example.net>',
    `To: ${opts.to}`,
    'Subject: Mail delivery failed: returning message to sender',
    'Date: Tue, 01 Dec 2026 07:06:00 +0000',
    'Message-Id: <E1exim-0001@relay.example.net>',
    'Auto-Submitted: auto-replied',
    '',
    'This message was created automatically by mail delivery software.',
    '',
    'A message that you sent could not be delivered to one or more of its',
    'recipients. This is a permanent error. The following address(es) failed:',
    '',
    `  ${opts.recipient}`,
    '    host mail.example.com [192.0.2.25]',
    `    SMTP error from remote mail server after RCPT TO:<${opts.recipient}>:`,
    `    ${opts.smtpLine}`,
    '',
    '------ This is a copy of the message, including all the headers. ------',
    '',
    ...originalHeaders(opts.original),
    '',
    'Hello reader.',
    '',
  ]);
}

/** Exim's delay warning: a soft bounce. */
export function eximDelay(opts: { to: string; recipient: string; original: OriginalRef }): string {
  return join([
    'From: Mail Delivery System <Mailer-Daemon@relay.example.net>',
    `To: ${opts.to}`,
    'Subject: Warning: message 1exim-0002 delayed 24 hours',
    'Auto-Submitted: auto-replied',
    '',
    'This message was created automatically by mail delivery software.',
    'A message that you sent has not yet been delivered to one or more of its',
    'recipients after more than 24 hours on the queue on relay.example.net.',
    '',
    `  ${opts.recipient}`,
    '    Delay reason: SMTP error from remote mail server after RCPT TO:',
    '    451 4.2.0 Mailbox temporarily unavailable',
    '',
    'No action is required on your part. Delivery attempts will continue for',
    'some time, and this warning may be repeated at intervals if the message',
    'remains undelivered.',
    '',
    '------ This is a copy of the message\'s headers. ------',
    '',
    ...originalHeaders(opts.original),
    '',
  ]);
}

/** qmail-send's "failure notice" (QSBMF). */
export function qmailBounce(opts: { to: string; recipient: string; original: OriginalRef }): string {
  return join([
    'From: MAILER-DAEMON@mx.example.net',
    `To: ${opts.to}`,
    'Subject: failure notice',
    'Date: 1 Dec 2026 07:07:00 -0000',
    '',
    'Hi. This is the qmail-send program at mx.example.net.',
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    "This is a permanent error; I've given up. Sorry it didn't work out.",
    '',
    `<${opts.recipient}>:`,
    'Sorry, no mailbox here by that name. (#5.1.1)',
    '',
    '--- Below this line is a copy of the message.',
    '',
    ...originalHeaders(opts.original),
    '',
    'Hello reader.',
    '',
  ]);
}

/** An Exchange non-delivery report in its plain-text layout (no delivery-status part). */
export function exchangeNdr(opts: { to: string; recipient: string; original: OriginalRef }): string {
  return join([
    'From: Microsoft Outlook <postmaster@corp.example.com>',
    `To: ${opts.to}`,
    'Subject: Undeliverable: Daily Foreign Policy Brief',
    'Date: Tue, 01 Dec 2026 07:08:00 +0000',
    'Content-Type: text/plain; charset="us-ascii"',
    'Auto-Submitted: auto-replied',
    '',
    'Delivery has failed to these recipients or groups:',
    '',
    opts.recipient,
    "The email address you entered couldn't be found.",
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: EX01.corp.example.com',
    '',
    opts.recipient,
    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
    '',
    'Original message headers:',
    '',
    ...originalHeaders(opts.original),
    '',
  ]);
}

/** An out-of-office answer: automated, but not a bounce. */
export function autoReply(opts: { to: string; from?: string }): string {
  return join([
    `From: ${opts.from ?? 'Reader <reader@example.com>'}`,
    `To: ${opts.to}`,
    'Subject: Automatic reply: Daily Foreign Policy Brief',
    'Auto-Submitted: auto-replied',
    'X-Autoreply: yes',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'I am out of the office until Monday and will read your message when I return.',
    '',
  ]);
}
