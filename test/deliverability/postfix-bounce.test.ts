// A real MTA in the loop: Dispatch → Postfix (its own instance on loopback) →
// a local recipient that does not exist → Postfix's own DSN → transport map →
// Dispatch's inbound listener → the subscriber is bounced. Skipped, saying
// why, where Postfix is not installed or cannot be started.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSubscriptionMails, compileTemplates, deliverEdition, openContext, openMailer, type AppContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { Mailer } from '../../src/deliver/index.js';
import { startInboundSmtp, type InboundEvent, type RunningInbound } from '../../src/inbound/index.js';
import { TEST_SECRET } from '../helpers/cli-run.js';
import { freePort, postfixSkipReason, startTestPostfix, type TestPostfix } from '../helpers/deliverability-postfix.js';
import { makeEditionModel } from '../helpers/store-builders.js';

const skip = postfixSkipReason();

describe.skipIf(skip !== null)(`Postfix bounces a message to Dispatch${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let postfix: TestPostfix;
  let inbound: RunningInbound;
  let ctx: AppContext;
  let mailer: Mailer;
  const events: InboundEvent[] = [];

  beforeAll(async () => {
    const inboundPort = await freePort();
    postfix = await startTestPostfix({ transport: { 'news.example.org': `smtp:[127.0.0.1]:${inboundPort}` } });
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-pf-'));
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      'digests:\n  - name: daily\n    title: Daily\nsending:\n  from: "Daily <brief@news.example.org>"\n  bounceAddress: bounces@news.example.org\n  unsubscribeAddress: unsubscribe@news.example.org\n',
    );
    const config = loadConfig({
      cwd: dir,
      env: { DISPATCH_SECRET: TEST_SECRET, DISPATCH_SMTP_URL: `smtp://127.0.0.1:${postfix.port}`, DISPATCH_PUBLIC_URL: 'https://news.example.org' },
    });
    ctx = await openContext(config);
    mailer = openMailer(config);
    inbound = await startInboundSmtp({
      ctx,
      mail: { mailer, ...(await compileSubscriptionMails(config)) },
      listen: `127.0.0.1:${inboundPort}`,
      onEvent: (e) => events.push(e),
    });
  }, 60_000);

  afterAll(async () => {
    await inbound?.close();
    await mailer?.close();
    await ctx?.close();
    await postfix?.stop();
  });

  it('marks the reader bounced from Postfix\'s own DSN, identified by the VERP token', async () => {
    const now = new Date();
    await ctx.store.subscribers.add({ email: 'nobody-here@dest.test', status: 'active', now });
    await ctx.store.subscribers.add({ email: 'also-gone@dest.test', status: 'active', now });
    const { edition } = await ctx.store.editions.create({
      digest: 'daily', slot: 'pf-1', windowStart: new Date(now.getTime() - 86_400_000), windowEnd: now, subject: 'Daily', itemIds: [], model: makeEditionModel(), now,
    });
    const r = await deliverEdition(ctx, edition, { now: () => new Date(), compiled: await compileTemplates(ctx.config), mailer });
    // Postfix accepted both (250): the relay says yes, the bounce comes later.
    expect(r).toMatchObject({ sent: 2, failed: 0 });

    const until = Date.now() + 45_000;
    while (events.filter((e) => e.type === 'report').length < 2 && Date.now() < until) await new Promise((res) => setTimeout(res, 200));
    const reports = events.filter((e): e is Extract<InboundEvent, { type: 'report' }> => e.type === 'report');
    expect(reports, `postfix log:\n${postfix.log()}`).toHaveLength(2);
    for (const e of reports) expect(e.outcome).toMatchObject({ recorded: true, kind: 'hard', format: 'dsn', identifiedBy: 'verp' });
    for (const email of ['nobody-here@dest.test', 'also-gone@dest.test']) {
      const s = await ctx.store.subscribers.findByEmail(email);
      expect(s?.status).toBe('bounced');
      const d = await ctx.store.deliverability.findDelivery(edition.id, s?.id ?? 0);
      const [stored] = await ctx.store.deliverability.reportsFor(d?.deliveryId ?? 0);
      expect(stored).toMatchObject({ kind: 'hard', statusCode: '5.1.1', format: 'dsn' });
      expect(stored?.diagnostic ?? '').toMatch(/unknown user/i);
    }
  }, 60_000);
});
