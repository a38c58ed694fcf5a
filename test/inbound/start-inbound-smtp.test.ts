// The subscribe-by-mail listener with a real SMTP client (nodemailer) on
// loopback: subscribe starts the double opt-in for the sender, unsubscribe
// (with the mailto token, or for the sender) unsubscribes, and anything else,
// or anything a machine sent, gets no answer at all. Token-less requests act
// only when DKIM aligned with the From domain passes: the test signs mail from
// example.org with a key its own loopback DNS server publishes.
import { generateKeyPairSync } from 'node:crypto';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientLinks } from '../../src/deliver/index.js';
import { startInboundSmtp, type InboundEvent, type RunningInbound } from '../../src/inbound/index.js';
import { startTestDns, type TestDns } from '../helpers/deliverability-dns.js';
import { PUBLIC_URL, SECRET, startWebStack, type WebStack } from '../helpers/web-stack.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('inbound SMTP listener', () => {
  let s: WebStack;
  let inbound: RunningInbound;
  let events: InboundEvent[];
  let waiters: Array<() => void>;
  let transport: Transporter;
  /** Unsigned: what a forger sends. */
  let forged: Transporter;
  let dns: TestDns;

  beforeEach(async () => {
    dns = await startTestDns({
      TXT: {
        'test._domainkey.example.org': [`v=DKIM1; k=rsa; p=${publicKey}`],
        '_dmarc.example.org': ['v=DMARC1; p=reject'],
      },
    });
    s = await startWebStack();
    events = [];
    waiters = [];
    inbound = await startInboundSmtp({
      ctx: s.ctx,
      mail: s.mail,
      listen: '127.0.0.1:0',
      now: () => new Date(s.clock.now),
      resolver: dns.resolve,
      onEvent: (e) => {
        events.push(e);
        for (const w of waiters.splice(0)) w();
      },
    });
    const smtp = { host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true };
    transport = nodemailer.createTransport({ ...smtp, dkim: { domainName: 'example.org', keySelector: 'test', privateKey } });
    forged = nodemailer.createTransport(smtp);
  });
  afterEach(async () => {
    transport.close();
    forged.close();
    await dns.close();
    await inbound.close();
    await s.close();
  });

  async function send(msg: SendMailOptions, via: Transporter = transport): Promise<InboundEvent> {
    const before = events.length;
    await via.sendMail(msg);
    while (events.length <= before) await new Promise<void>((r) => waiters.push(r));
    return events[before] as InboundEvent;
  }

  it('listens for the request addresses', () => {
    expect(inbound.addresses).toEqual(['unsubscribe@news.example.org', 'subscribe@news.example.org']);
  });

  it('"subscribe" in the subject starts the double opt-in for the sender', async () => {
    const e = await send({ from: 'Reader <reader@example.org>', to: 'subscribe@news.example.org', subject: 'subscribe', text: 'please' });
    expect(e).toMatchObject({ type: 'subscribe', email: 'reader@example.org', outcome: 'confirmation-sent' });
    expect(e.type === 'subscribe' && e.auth).toMatch(/dmarc=pass/);
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
    const e = await send({ from: 'forwarder@example.net', to: 'unsubscribe@news.example.org', subject }, forged);
    expect(e).toEqual({ type: 'unsubscribe', email: 'ada@example.org', changed: true, auth: 'token' });
    expect((await s.subscriber('ada@example.org'))?.status).toBe('unsubscribed');
    expect(s.sink.accepted()).toBe(0); // no reply mail
  });

  it('a plain "unsubscribe" with an aligned DKIM signature unsubscribes the sender (Re: prefixes are fine)', async () => {
    await s.ctx.store.subscribers.add({ email: 'bo@example.org', status: 'active', now: new Date(s.clock.now) });
    const e = await send({ from: 'bo@example.org', to: 'unsubscribe@news.example.org', subject: 'Re: unsubscribe' });
    expect(e).toMatchObject({ type: 'unsubscribe', email: 'bo@example.org', changed: true });
    expect((await s.subscriber('bo@example.org'))?.status).toBe('unsubscribed');
  });

  it('a forged plain "unsubscribe" changes nothing: the reader gets one confirmation link per day', async () => {
    const readers = ['r1@example.org', 'r2@example.org', 'r3@example.org'];
    for (const email of readers) await s.ctx.store.subscribers.add({ email, status: 'active', now: new Date(s.clock.now) });
    // The forger's burst: three readers, twice each.
    for (const email of [...readers, ...readers]) await send({ from: email, to: 'unsubscribe@news.example.org', subject: 'unsubscribe' }, forged);
    const outcomes = events.map((e) => (e.type === 'challenge' ? e.outcome : e.type));
    expect(outcomes).toEqual(['challenge-sent', 'challenge-sent', 'challenge-sent', 'challenge-throttled', 'challenge-throttled', 'challenge-throttled']);
    expect(events[0]).toMatchObject({ type: 'challenge', auth: expect.stringMatching(/dmarc=fail/) });
    for (const email of readers) expect((await s.subscriber(email))?.status).toBe('active');
    await s.settle();
    const mails = await s.mailsTo('r1@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`${PUBLIC_URL}/unsubscribe?token=`);
    // A day later the reader can be asked again.
    s.clock.now += 24 * 3600_000 + 1;
    await send({ from: 'r1@example.org', to: 'unsubscribe@news.example.org', subject: 'unsubscribe' }, forged);
    expect(events.at(-1)).toMatchObject({ type: 'challenge', outcome: 'challenge-sent' });
  });

  it('a forged request for an address not on the list mails nobody', async () => {
    for (const subject of ['unsubscribe', 'subscribe']) {
      const e = await send({ from: 'stranger@example.org', to: 'unsubscribe@news.example.org', subject }, forged);
      expect(e.type).toBe('ignored');
    }
    expect(s.sink.accepted()).toBe(0);
    expect(await s.ctx.store.subscribers.list()).toHaveLength(0);
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
