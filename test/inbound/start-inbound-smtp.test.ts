// The subscribe-by-mail listener with a real SMTP client (nodemailer) on
// loopback: subscribe starts the double opt-in for the sender, unsubscribe
// (with the mailto token, or for the sender) unsubscribes, and anything else,
// or anything a machine sent, gets no answer at all.
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientLinks } from '../../src/deliver/index.js';
import { startInboundSmtp, type InboundEvent, type RunningInbound } from '../../src/inbound/index.js';
import { PUBLIC_URL, SECRET, startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('inbound SMTP listener', () => {
  let s: WebStack;
  let inbound: RunningInbound;
  let events: InboundEvent[];
  let waiters: Array<() => void>;
  let transport: Transporter;

  beforeEach(async () => {
    s = await startWebStack();
    events = [];
    waiters = [];
    inbound = await startInboundSmtp({
      ctx: s.ctx,
      mail: s.mail,
      listen: '127.0.0.1:0',
      now: () => new Date(s.clock.now),
      onEvent: (e) => {
        events.push(e);
        for (const w of waiters.splice(0)) w();
      },
    });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
  });
  afterEach(async () => {
    transport.close();
    await inbound.close();
    await s.close();
  });

  async function send(msg: SendMailOptions): Promise<InboundEvent> {
    const before = events.length;
    await transport.sendMail(msg);
    while (events.length <= before) await new Promise<void>((r) => waiters.push(r));
    return events[before] as InboundEvent;
  }

  it('listens for the request addresses', () => {
    expect(inbound.addresses).toEqual(['unsubscribe@news.example.org', 'subscribe@news.example.org']);
  });

  it('"subscribe" in the subject starts the double opt-in for the sender', async () => {
    const e = await send({ from: 'Reader <reader@example.org>', to: 'subscribe@news.example.org', subject: 'subscribe', text: 'please' });
    expect(e).toEqual({ type: 'subscribe', email: 'reader@example.org', outcome: 'confirmation-sent' });
    expect((await s.subscriber('reader@example.org'))?.status).toBe('pending');
    const token = await s.confirmToken('reader@example.org');
    expect((await s.postForm('/confirm', { token })).status).toBe(200);
    expect(await s.subscriber('reader@example.org')).toMatchObject({ status: 'active', consentSource: 'mail' });
  });

  it('"subscribe" as the first line of the body works too (quoted-printable, multipart)', async () => {
    const e = await send({
      from: 'body@example.org',
      to: 'unsubscribe@news.example.org',
      subject: 'hello',
      text: '\n  Subscribe  \n\nthanks ünïcödé',
      html: '<p>Subscribe</p>',
    });
    expect(e).toMatchObject({ type: 'subscribe', email: 'body@example.org' });
  });

  it('"unsubscribe <token>" from the List-Unsubscribe mailto unsubscribes that subscriber, whoever sends it', async () => {
    const { subscriber } = await s.ctx.store.subscribers.add({ email: 'ada@example.org', status: 'active', now: new Date(s.clock.now) });
    const links = recipientLinks({ publicUrl: PUBLIC_URL, secret: SECRET, subscriberId: subscriber.id, unsubscribeMailbox: 'unsubscribe@news.example.org' });
    const subject = decodeURIComponent(new URL(links.unsubscribeMailto).searchParams.get('subject') ?? '');
    const e = await send({ from: 'forwarder@example.net', to: 'unsubscribe@news.example.org', subject });
    expect(e).toEqual({ type: 'unsubscribe', email: 'ada@example.org', changed: true });
    expect((await s.subscriber('ada@example.org'))?.status).toBe('unsubscribed');
    expect(s.sink.accepted()).toBe(0); // no reply mail
  });

  it('a plain "unsubscribe" unsubscribes the sender (Re: prefixes are fine)', async () => {
    await s.ctx.store.subscribers.add({ email: 'bo@example.org', status: 'active', now: new Date(s.clock.now) });
    const e = await send({ from: 'bo@example.org', to: 'unsubscribe@news.example.org', subject: 'Re: unsubscribe' });
    expect(e).toEqual({ type: 'unsubscribe', email: 'bo@example.org', changed: true });
    expect((await s.subscriber('bo@example.org'))?.status).toBe('unsubscribed');
  });

  it.each([
    ['anything else', { subject: 'Question about your newsletter', text: 'Hi, how do I subscribe?' }],
    ['an auto-reply', { subject: 'subscribe', headers: { 'Auto-Submitted': 'auto-replied' } }],
    ['a list mail', { subject: 'subscribe', headers: { Precedence: 'bulk' } }],
    ['a forged sender with script', { from: '"<script>" <x@y>', subject: 'subscribe' }],
  ])('ignores %s and sends nothing back', async (_label, extra) => {
    const e = await send({ from: 'someone@example.org', to: 'subscribe@news.example.org', ...extra });
    expect(e.type).toBe('ignored');
    expect(s.sink.accepted()).toBe(0);
    expect(await s.ctx.store.subscribers.list()).toHaveLength(0);
  });

  it('ignores a bounce (empty envelope sender)', async () => {
    const e = await send({ envelope: { from: '', to: ['subscribe@news.example.org'] }, from: 'MAILER-DAEMON@example.org', to: 'subscribe@news.example.org', subject: 'subscribe' });
    expect(e.type).toBe('ignored');
    expect(s.sink.accepted()).toBe(0);
  });

  it('refuses other recipients during the session (no bounce of ours)', async () => {
    await expect(transport.sendMail({ from: 'a@example.org', to: 'postmaster@news.example.org', subject: 'subscribe' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(transport.sendMail({ from: 'a@example.org', to: 'subscribe@evil.example', subject: 'subscribe' })).rejects.toMatchObject({
      responseCode: 550,
    });
  });

  it('refuses an oversized message with 552', async () => {
    await expect(
      transport.sendMail({ from: 'a@example.org', to: 'subscribe@news.example.org', subject: 'subscribe', text: 'x'.repeat(300 * 1024) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await s.ctx.store.subscribers.list()).toHaveLength(0);
  });

  it('sends at most one confirmation per hour to an address that keeps asking', async () => {
    for (let i = 0; i < 3; i++) await send({ from: 'eager@example.org', to: 'subscribe@news.example.org', subject: 'subscribe' });
    expect(events.map((e) => (e.type === 'subscribe' ? e.outcome : e.type))).toEqual(['confirmation-sent', 'throttled', 'throttled']);
    expect(await s.mailsTo('eager@example.org')).toHaveLength(1);
  });
});
