// The deliverability loop end to end on loopback: an edition goes out through
// a real SMTP server with VERP envelope senders and Feedback-ID; reports come
// back to the inbound listener as a relay would deliver them (DSNs, Exim,
// ARF); subscribers, reports, the complaint-rate pause and the bounce breaker
// follow. SQLite store, real listener, real SMTP client.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compileSubscriptionMails,
  compileTemplates,
  deliverEdition,
  deliverabilityHealth,
  healthReport,
  openContext,
  openMailer,
  requestSubscription,
  resumeDigest,
  type AppContext,
} from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { Mailer } from '../../src/deliver/index.js';
import { parseVerpToken } from '../../src/deliverability/index.js';
import { startInboundSmtp, type InboundEvent, type RunningInbound } from '../../src/inbound/index.js';
import type { CompiledDigest } from '../../src/render/index.js';
import type { Edition } from '../../src/shared/types.js';
import { TEST_SECRET } from '../helpers/cli-run.js';
import { startTestDns, type TestDns } from '../helpers/deliverability-dns.js';
import { arfComplaint, autoReply, eximBounce, rfc3464Dsn } from '../helpers/deliverability-reports.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { makeEditionModel } from '../helpers/store-builders.js';

const BOUNCES = 'bounces@news.example.org';
// The feedback loop's DKIM key, published by the test's DNS server.
const fblKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const fblPrivate = fblKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const fblPublic = fblKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('the deliverability loop', () => {
  let dir: string;
  let ctx: AppContext;
  let sink: SmtpSink;
  let mailer: Mailer;
  let compiled: CompiledDigest;
  let inbound: RunningInbound;
  let client: Transporter;
  /** Sends as the feedback loop of isp.example.net would: DKIM-signed. */
  let fbl: Transporter;
  let dns: TestDns;
  let events: InboundEvent[];
  let wake: Array<() => void>;
  let clock: number;
  const now = () => new Date(clock);

  beforeEach(async () => {
    clock = Date.parse('2026-12-01T07:00:00Z');
    dns = await startTestDns({ TXT: { 'fbl._domainkey.isp.example.net': [`v=DKIM1; k=rsa; p=${fblPublic}`] } });
    dir = mkdtempSync(join(tmpdir(), 'dispatch-bounce-'));
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      [
        'digests:',
        '  - name: daily',
        '    title: Daily Brief',
        'sending:',
        '  from: "Daily Brief <brief@news.example.org>"',
        '  unsubscribeAddress: "Unsubscribe <unsubscribe@news.example.org>"',
        `  bounceAddress: ${BOUNCES}`,
        '  complaintsAddress: fbl@news.example.org',
        '  bounces: { softCount: 2, softEditions: 3 }',
        '  pool: { connections: 1 }',
        '',
      ].join('\n'),
    );
    sink = await startSmtpSink();
    const config = loadConfig({
      cwd: dir,
      env: { DISPATCH_SECRET: TEST_SECRET, DISPATCH_SMTP_URL: sink.url, DISPATCH_PUBLIC_URL: 'https://news.example.org' },
    });
    ctx = await openContext(config);
    mailer = openMailer(config);
    compiled = await compileTemplates(config);
    events = [];
    wake = [];
    inbound = await startInboundSmtp({
      ctx,
      mail: { mailer, ...(await compileSubscriptionMails(config)) },
      listen: '127.0.0.1:0',
      now,
      resolver: dns.resolve,
      onEvent: (e) => {
        events.push(e);
        for (const w of wake.splice(0)) w();
      },
    });
    client = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    fbl = nodemailer.createTransport({
      host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true,
      dkim: { domainName: 'isp.example.net', keySelector: 'fbl', privateKey: fblPrivate },
    });
  });

  afterEach(async () => {
    client.close();
    fbl.close();
    await dns.close();
    await inbound.close();
    await mailer.close();
    await sink.close();
    await ctx.close();
  });

  async function subscribe(emails: string[]): Promise<void> {
    for (const email of emails) await ctx.store.subscribers.add({ email, status: 'active', now: now() });
  }

  async function newEdition(n: number): Promise<Edition> {
    const { edition } = await ctx.store.editions.create({
      digest: 'daily', slot: `slot-${n}`, windowStart: new Date(clock - 86_400_000), windowEnd: now(), subject: `Daily ${n}`, itemIds: [], model: makeEditionModel(), now: now(),
    });
    return edition;
  }

  /** Delivers a report the way a relay would: null envelope sender, to the given mailbox. */
  async function report(to: string, raw: string, via: Transporter = client): Promise<InboundEvent> {
    const before = events.length;
    await via.sendMail({ envelope: { from: via === fbl ? 'fbl@isp.example.net' : '', to: [to] }, raw });
    while (events.length <= before) await new Promise<void>((r) => wake.push(r));
    return events[before] as InboundEvent;
  }

  function sent(email: string) {
    const m = sink.messages.filter((x) => x.to.includes(email)).at(-1);
    if (!m) throw new Error(`nothing was sent to ${email}`);
    return m;
  }

  async function messageId(email: string): Promise<string> {
    return (await sink.parse(sent(email))).messageId ?? '';
  }

  it('sends with a VERP envelope sender and Feedback-ID, and records a hard bounce by VERP token', async () => {
    await subscribe(['gone@example.com', 'fine@example.com']);
    const edition = await newEdition(1);
    const r = await deliverEdition(ctx, edition, { now, compiled, mailer });
    expect(r.sent).toBe(2);

    const msg = sent('gone@example.com');
    expect(msg.from).toMatch(/^bounces\+[0-9a-z]+-[0-9a-z]+-[0-9a-f]{10}@news\.example\.org$/);
    const gone = await ctx.store.subscribers.findByEmail('gone@example.com');
    expect(parseVerpToken(msg.from, TEST_SECRET)).toEqual({ editionId: edition.id, subscriberId: gone?.id });
    const parsed = await sink.parse(msg);
    expect(parsed.headers.get('feedback-id')).toBe(`${edition.id}:daily:dispatch:news.example.org`);
    expect(parsed.from?.text).toBe('"Daily Brief" <brief@news.example.org>');
    // The List-Unsubscribe mailto carries the bare address, even though the config gave a display name.
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain('mailto:unsubscribe@news.example.org?');

    const e = await report(msg.from, rfc3464Dsn({
      to: msg.from, recipient: 'gone@example.com', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown',
      original: { messageId: parsed.messageId ?? '' },
    }));
    expect(e).toMatchObject({ type: 'report', outcome: { recorded: true, kind: 'hard', identifiedBy: 'verp', email: 'gone@example.com' } });
    expect((await ctx.store.subscribers.findByEmail('gone@example.com'))?.status).toBe('bounced');
    const d = await ctx.store.deliverability.findDelivery(edition.id, gone?.id ?? 0);
    const reports = await ctx.store.deliverability.reportsFor(d?.deliveryId ?? 0);
    expect(reports).toMatchObject([{ kind: 'hard', statusCode: '5.1.1', format: 'dsn', identifiedBy: 'verp', receivedAt: now() }]);
    expect(reports[0]?.diagnostic).toContain('User unknown');
    expect((await ctx.store.subscribers.findByEmail('fine@example.com'))?.status).toBe('active');

    // A forged token (right shape, wrong signature) identifies nothing.
    const forged = msg.from.replace(/-[0-9a-f]{10}@/, '-0000000000@');
    const f = await report(forged, rfc3464Dsn({ to: forged, recipient: 'fine@example.com', action: 'failed', status: '5.1.1', diagnostic: '550 gone', original: { messageId: '<nope@x>' } }));
    expect(f).toMatchObject({ type: 'report', outcome: { recorded: false } });
    expect((await ctx.store.subscribers.findByEmail('fine@example.com'))?.status).toBe('active');
  });

  it('identifies a report without VERP by the returned Message-ID (a relay that rewrote the envelope)', async () => {
    await subscribe(['gone@example.com']);
    await deliverEdition(ctx, await newEdition(1), { now, compiled, mailer });
    const e = await report(BOUNCES, eximBounce({ to: BOUNCES, recipient: 'gone@example.com', smtpLine: '550 5.1.1 No such user', original: { messageId: await messageId('gone@example.com') } }));
    expect(e).toMatchObject({ type: 'report', outcome: { recorded: true, kind: 'hard', format: 'exim', identifiedBy: 'message-id' } });
    expect((await ctx.store.subscribers.findByEmail('gone@example.com'))?.status).toBe('bounced');
  });

  it('counts soft bounces and suppresses after softCount of them within softEditions editions; auto-replies change nothing', async () => {
    await subscribe(['full@example.com']);
    for (let n = 1; n <= 2; n++) {
      await deliverEdition(ctx, await newEdition(n), { now, compiled, mailer });
      const from = sent('full@example.com').from;
      const e = await report(from, rfc3464Dsn({ to: from, recipient: 'full@example.com', action: 'delayed', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full', original: { messageId: await messageId('full@example.com') } }));
      expect(e).toMatchObject({ type: 'report', outcome: { recorded: true, kind: 'soft' } });
      expect((await ctx.store.subscribers.findByEmail('full@example.com'))?.status).toBe(n === 1 ? 'active' : 'bounced');
      const a = await report(from, autoReply({ to: from }));
      expect(a).toMatchObject({ type: 'report', outcome: { recorded: false, kind: 'auto-reply' } });
    }
  });

  it('a complaint unsubscribes at once, is counted apart from bounces, and pauses the digest at 0.3 %', async () => {
    const readers = Array.from({ length: 20 }, (_, i) => `r${i}@example.com`);
    await subscribe(readers);
    const edition = await newEdition(1);
    await deliverEdition(ctx, edition, { now, compiled, mailer });
    // Redacted recipient: only the attached original's Message-ID names the reader.
    const e = await report('fbl@news.example.org', arfComplaint({ to: 'fbl@news.example.org', original: { messageId: await messageId('r3@example.com') } }));
    expect(e).toMatchObject({ type: 'report', outcome: { recorded: true, kind: 'complaint', identifiedBy: 'message-id', email: 'r3@example.com' } });
    expect((await ctx.store.subscribers.findByEmail('r3@example.com'))?.status).toBe('unsubscribed');
    expect(await ctx.store.deliverability.editionCounts(edition.id)).toEqual({ sent: 20, hardBounces: 0, softBounces: 0, complaints: 1 });
    // Signing up again on the web sends nothing either.
    const mailsBefore = sink.messages.length;
    const again = await requestSubscription(ctx, { mailer, ...(await compileSubscriptionMails(ctx.config)) }, { email: 'r3@example.com', source: 'web', ip: null, now: now() });
    expect(again).toMatchObject({ outcome: 'throttled', delivery: null });
    expect(sink.messages.length).toBe(mailsBefore);

    // 1 of 20 = 5 % ≥ 0.3 %: paused. Health says why; a new edition is not sent.
    const health = await healthReport(ctx, now());
    expect(health.ok).toBe(false);
    expect(health.problems.join('\n')).toMatch(/daily: paused .*complaint rate 5\.00 %/);
    expect(health.deliverability.digests[0]?.last30Days).toMatchObject({ sent: 20, complaints: 1, complaintRate: 0.05, bounces: { hard: 0, soft: 0 } });
    const second = await deliverEdition(ctx, await newEdition(2), { now, compiled, mailer });
    expect(second).toMatchObject({ sent: 0, pendingLeft: 19 });
    expect(second.stoppedReason).toMatch(/paused/);

    // By Original-Rcpt-To too, but only from a report that authenticates (an address is easy to type).
    const arf = arfComplaint({ to: 'fbl@news.example.org', originalRcptTo: 'r4@example.com', original: { messageId: '<unknown@elsewhere>' } });
    const forged = await report('fbl@news.example.org', arf);
    expect(forged).toMatchObject({ type: 'report', outcome: { recorded: false } });
    expect((await ctx.store.subscribers.findByEmail('r4@example.com'))?.status).toBe('active');
    const e2 = await report('fbl@news.example.org', arf, fbl);
    expect(e2).toMatchObject({ type: 'report', outcome: { recorded: true, identifiedBy: 'rcpt-to', email: 'r4@example.com' } });

    expect(await resumeDigest(ctx, 'daily')).toBe(true);
    const resumed = await deliverEdition(ctx, await ctx.store.editions.get(second.editionId) as Edition, { now, compiled, mailer });
    expect(resumed).toMatchObject({ sent: 18, pendingLeft: 0 });
  });

  it('the bounce breaker stops an edition with more than 5 % hard bounces; send --force sends the rest', async () => {
    const readers = Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(2, '0')}@example.com`);
    await subscribe(readers);
    // A bad import: the relay says the first three mailboxes do not exist (3 of 40 = 7.5 %).
    sink.faults.rejectUnknown = readers.slice(0, 3);
    const edition = await newEdition(1);
    const r = await deliverEdition(ctx, edition, { now, compiled, mailer });
    expect(r.failed).toBe(3);
    expect(r.stoppedReason).toMatch(/bounce breaker: 3 of the first 40 messages bounced hard/);
    expect(r.pendingLeft).toBeGreaterThan(0);
    const held = (await deliverabilityHealth(ctx, now())).problems.join('\n');
    expect(held).toMatch(/edition \d+ stopped/);

    // Resuming without --force does nothing.
    const again = await deliverEdition(ctx, edition, { now, compiled, mailer });
    expect(again).toMatchObject({ sent: 0, pendingLeft: r.pendingLeft });
    const forced = await deliverEdition(ctx, edition, { now, compiled, mailer, force: true });
    expect(forced.pendingLeft).toBe(0);
    expect(sink.messages).toHaveLength(37);
    const counts = await ctx.store.deliverability.editionCounts(edition.id);
    expect(counts).toMatchObject({ hardBounces: 3, sent: 40 });
  });
});
