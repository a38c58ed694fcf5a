import { describe, expect, it } from 'vitest';
import { readReport } from '../../src/deliverability/index.js';
import { arfComplaint, autoReply, eximBounce, eximDelay, exchangeNdr, qmailBounce, rfc3464Dsn } from '../helpers/deliverability-reports.js';

const original = { messageId: '<e7.s3.0123456789abcdef@news.example.org>', returnPath: 'bounces+7-3-aaaaaaaaaa@news.example.org' };
const to = 'bounces@news.example.org';

describe('readReport', () => {
  it('reads an RFC 3464 failure with text/rfc822-headers', async () => {
    const r = await readReport(
      rfc3464Dsn({ to, recipient: 'gone@example.com', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <gone@example.com>: User unknown', original }),
    );
    expect(r).toMatchObject({ kind: 'hard', format: 'dsn', statusCode: '5.1.1', recipient: 'gone@example.com' });
    expect(r.diagnostic).toContain('User unknown');
    expect(r.originalMessageIds).toEqual([original.messageId]);
  });

  it('reads an RFC 3464 delay with the whole message/rfc822 returned as a soft bounce', async () => {
    const r = await readReport(
      rfc3464Dsn({ to, recipient: 'full@example.com', action: 'delayed', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full', original, returned: 'message' }),
    );
    expect(r).toMatchObject({ kind: 'soft', format: 'dsn', statusCode: '4.2.2', recipient: 'full@example.com' });
    expect(r.originalMessageIds).toContain(original.messageId);
  });

  it('reads an ARF complaint with a redacted recipient and the original inline', async () => {
    const r = await readReport(arfComplaint({ to: 'fbl@news.example.org', original }));
    expect(r).toMatchObject({ kind: 'complaint', format: 'arf', recipient: null });
    expect(r.originalMessageIds).toEqual([original.messageId]);
  });

  it('reads Original-Rcpt-To and Original-Mail-From from an ARF report', async () => {
    const r = await readReport(arfComplaint({ to, original, originalRcptTo: 'Reader@Example.com', originalMailFrom: original.returnPath }));
    expect(r.recipient).toBe('reader@example.com');
    expect(r.originalMailFrom).toBe(original.returnPath);
  });

  it('does not count an RFC 6430 not-spam report as a complaint', async () => {
    expect((await readReport(arfComplaint({ to, original, feedbackType: 'not-spam' }))).kind).toBe('other');
  });

  it('reads an Exim bounce and an Exim delay warning', async () => {
    const hard = await readReport(eximBounce({ to, recipient: 'gone@example.com', smtpLine: '550 5.1.1 No such user here', original }));
    expect(hard).toMatchObject({ kind: 'hard', format: 'exim', statusCode: '5.1.1', recipient: 'gone@example.com' });
    expect(hard.originalMessageIds).toEqual([original.messageId]);
    const soft = await readReport(eximDelay({ to, recipient: 'slow@example.com', original }));
    expect(soft).toMatchObject({ kind: 'soft', format: 'exim', statusCode: '4.2.0', recipient: 'slow@example.com' });
  });

  it('reads a qmail failure notice', async () => {
    const r = await readReport(qmailBounce({ to, recipient: 'gone@example.com', original }));
    expect(r).toMatchObject({ kind: 'hard', format: 'qmail', statusCode: '5.1.1', recipient: 'gone@example.com' });
    expect(r.originalMessageIds).toEqual([original.messageId]);
  });

  it('reads an Exchange plain-text NDR', async () => {
    const r = await readReport(exchangeNdr({ to, recipient: 'gone@corp.example.com', original }));
    expect(r).toMatchObject({ kind: 'hard', format: 'exchange', statusCode: '5.1.10', recipient: 'gone@corp.example.com' });
    expect(r.originalMessageIds).toEqual([original.messageId]);
  });

  it('tells an out-of-office reply from a bounce', async () => {
    const r = await readReport(autoReply({ to }));
    expect(r.kind).toBe('auto-reply');
  });

  it('calls a person\'s ordinary mail "other"', async () => {
    const r = await readReport('From: a@example.com\r\nTo: bounces@news.example.org\r\nSubject: hello\r\n\r\nJust saying hi.\r\n');
    expect(r.kind).toBe('other');
  });
});
