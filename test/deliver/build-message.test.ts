import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  domainOf,
  HeaderInjectionError,
  messageIdFor,
  recipientLinks,
  renderMime,
  headerOf,
  type BuildMessageInput,
} from '../../src/deliver/index.js';
import { verifyToken } from '../../src/shared/tokens.js';
import { fieldsNamed } from '../helpers/deliver-raw-mail.js';

const NOW = new Date('2026-11-25T07:00:00Z');

function input(over: Partial<BuildMessageInput> = {}): BuildMessageInput {
  return {
    from: '"Daily Brief" <brief@dispatch.example.org>',
    to: 'reader@example.net',
    subject: 'Daily Brief: 3 stories',
    html: '<p>Hello</p>',
    text: 'Hello',
    listId: 'Daily Brief <daily.dispatch.example.org>',
    unsubscribeHttpUrl: 'https://dispatch.example.org/unsubscribe?token=abc.def',
    unsubscribeMailto: 'mailto:unsubscribe@dispatch.example.org?subject=unsubscribe%20abc.def',
    messageId: '<e1.s2.0123456789abcdef@dispatch.example.org>',
    date: NOW,
    ...over,
  };
}

/** Renders a message to the bytes a mailer would send, without any network. */
async function render(msg: ReturnType<typeof buildMessage>): Promise<Buffer> {
  return renderMime(msg);
}

describe('buildMessage', () => {
  it('sets the list headers as plain headers, both unsubscribe targets in one field', async () => {
    const msg = buildMessage(input());
    expect(msg.headers.map((h) => h.name)).toEqual(['From', 'To', 'Subject', 'Date', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post']);
    expect(Object.fromEntries(msg.headers.map((h) => [h.name, h.value]))).toMatchObject({
      'List-Id': 'Daily Brief <daily.dispatch.example.org>',
      'List-Unsubscribe':
        '<https://dispatch.example.org/unsubscribe?token=abc.def>, <mailto:unsubscribe@dispatch.example.org?subject=unsubscribe%20abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(msg.envelope).toEqual({ from: 'brief@dispatch.example.org', to: ['reader@example.net'] });
    const raw = await render(msg);
    const unsub = fieldsNamed(raw, 'List-Unsubscribe');
    expect(unsub).toHaveLength(1);
    expect(unsub[0]?.value).toBe(
      '<https://dispatch.example.org/unsubscribe?token=abc.def>, <mailto:unsubscribe@dispatch.example.org?subject=unsubscribe%20abc.def>',
    );
    expect(fieldsNamed(raw, 'List-Unsubscribe-Post').map((f) => f.value)).toEqual(['List-Unsubscribe=One-Click']);
    expect(fieldsNamed(raw, 'Message-ID').map((f) => f.value)).toEqual(['<e1.s2.0123456789abcdef@dispatch.example.org>']);
    expect(fieldsNamed(raw, 'Date').map((f) => f.value)).toEqual(['Wed, 25 Nov 2026 07:00:00 +0000']);
    expect(fieldsNamed(raw, 'Content-Type')[0]?.value).toMatch(/^multipart\/alternative;/);
  });

  it('encodes a recipient display name instead of trusting it', async () => {
    const raw = (await render(buildMessage(input({ toName: 'Zoë "Z" <evil@x>' })))).toString('latin1');
    expect(fieldsNamed(raw, 'To')[0]?.value).toMatch(/^=\?UTF-8\?Q\?.*\?= <reader@example\.net>$/);
  });

  it('folds control characters in a display name to spaces instead of refusing the copy', async () => {
    const msg = buildMessage(input({ toName: 'Reader\r\nBcc: victim@example.com' }));
    expect(headerOf(msg, 'To')).toBe('"Reader Bcc: victim@example.com" <reader@example.net>');
    const raw = await render(msg);
    expect(fieldsNamed(raw, 'Bcc')).toHaveLength(0);
    expect(fieldsNamed(raw, 'To')).toHaveLength(1);
  });

  it('adds a bracketed Message-ID when given a bare one', () => {
    expect(buildMessage(input({ messageId: 'abc@example.org' })).messageId).toBe('<abc@example.org>');
  });

  it.each([
    ['subject', { subject: 'Hello\r\nBcc: victim@example.com' }],
    ['subject (bare LF)', { subject: 'Hello\nBcc: victim@example.com' }],
    ['from', { from: 'a@example.org\r\nX-Evil: 1' }],
    ['to', { to: 'reader@example.net\r\nBcc: x@example.com' }],
    ['list id', { listId: 'x <y>\nX: 1' }],
    ['unsubscribe url', { unsubscribeHttpUrl: 'https://x.org/u?t=1\r\nX: 1' }],
    ['message id', { messageId: '<a@b>\r\nX: 1' }],
    ['extra header value', { headers: { 'X-Edition': '1\r\nBcc: x@example.com' } }],
    ['extra header name', { headers: { 'X-Edition\r\nBcc': '1' } }],
  ])('rejects a line break in the %s (header injection)', (_label, over) => {
    expect(() => buildMessage(input(over as Partial<BuildMessageInput>))).toThrow(HeaderInjectionError);
  });

  it('refuses unsubscribe targets that are not https/mailto URLs', () => {
    expect(() => buildMessage(input({ unsubscribeHttpUrl: 'javascript:alert(1)' }))).toThrow(/http/);
    expect(() => buildMessage(input({ unsubscribeMailto: 'https://x.org/' }))).toThrow(/mailto/);
    expect(() => buildMessage(input({ unsubscribeHttpUrl: 'https://x.org/a>b' }))).toThrow(/percent-encoded/);
  });
});

describe('messageIdFor', () => {
  it('is the same for the same (edition, subscriber) and differs otherwise', () => {
    const a = messageIdFor({ editionId: 12, subscriberId: 34, domain: 'Dispatch.Example.org', salt: 'daily' });
    expect(a).toMatch(/^<e12\.s34\.[0-9a-f]{16}@dispatch\.example\.org>$/);
    expect(messageIdFor({ editionId: 12, subscriberId: 34, domain: 'dispatch.example.org', salt: 'daily' })).toBe(a);
    expect(messageIdFor({ editionId: 12, subscriberId: 35, domain: 'dispatch.example.org', salt: 'daily' })).not.toBe(a);
    expect(messageIdFor({ editionId: 12, subscriberId: 34, domain: 'dispatch.example.org', salt: 'other' })).not.toBe(a);
  });

  it('takes the domain from a From address', () => {
    expect(domainOf('"Daily Brief" <brief@Dispatch.Example.org>')).toBe('dispatch.example.org');
    expect(domainOf('brief@example.org')).toBe('example.org');
    expect(domainOf('nobody')).toBeNull();
  });
});

describe('recipientLinks', () => {
  it('carries signed tokens that verify for their own purpose only', () => {
    const links = recipientLinks({
      publicUrl: 'https://dispatch.example.org/news/',
      secret: 's3cret',
      subscriberId: 77,
      unsubscribeMailbox: 'unsubscribe@dispatch.example.org',
    });
    const unsub = new URL(links.unsubscribeUrl);
    expect(unsub.origin + unsub.pathname).toBe('https://dispatch.example.org/news/unsubscribe');
    const token = unsub.searchParams.get('token') ?? '';
    expect(verifyToken('s3cret', token, 'unsubscribe', NOW.getTime())).toEqual({ ok: true, sub: 77, exp: null });
    expect(verifyToken('s3cret', token, 'preferences', NOW.getTime()).ok).toBe(false);
    const prefs = new URL(links.preferencesUrl).searchParams.get('token') ?? '';
    expect(verifyToken('s3cret', prefs, 'preferences', NOW.getTime())).toEqual({ ok: true, sub: 77, exp: null });
    expect(links.unsubscribeMailto).toBe(`mailto:unsubscribe@dispatch.example.org?subject=unsubscribe%20${token}`);
  });
});
