import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, sendEdition, type Mailer, type SendEditionOptions } from '../../src/deliver/index.js';
import type { DeliveryRepository } from '../../src/shared/store.js';
import { ledgerRows, makeCompose, makeLedger, makeTempDir, NOW, type LedgerFixture } from '../helpers/deliver-fixtures.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(count: number): Promise<{ sink: SmtpSink; ledger: LedgerFixture; mailer: () => Mailer }> {
  const sink = await startSmtpSink();
  const ledger = await makeLedger(count);
  const outbox = makeTempDir();
  cleanups.push(() => sink.close(), () => ledger.cleanup(), outbox.cleanup);
  const mailer = (): Mailer => {
    const m = createMailer({ smtpUrl: sink.url, outboxDir: outbox.dir, pool: { connections: 3 } });
    cleanups.push(() => m.close());
    return m;
  };
  return { sink, ledger, mailer };
}

function run(ledger: LedgerFixture, mailer: Mailer, over: Partial<SendEditionOptions> = {}) {
  return sendEdition({
    deliveries: ledger.store.deliveries,
    editionId: ledger.editionId,
    mailer,
    compose: makeCompose(ledger.editionId),
    now: () => NOW,
    batchSize: 4,
    concurrency: 3,
    backoffMs: () => 20,
    ...over,
  });
}

function expectExactlyOneEach(sink: SmtpSink, emails: string[]): void {
  const counts = sink.copyCounts();
  expect([...counts.keys()].sort()).toEqual([...emails].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

describe('sendEdition', () => {
  it('mails every active subscriber once and records each row as sent with its Message-ID', async () => {
    const { sink, ledger, mailer } = await setup(11);
    const progress: number[] = [];
    const summary = await run(ledger, mailer(), { onProgress: (p) => progress.push(p.sent) });
    expect(summary).toEqual({ sent: 11, failed: 0, skipped: 0, retried: 0, pendingLeft: 0, stoppedReason: null });
    expectExactlyOneEach(sink, ledger.emails);
    expect(await ledger.store.deliveries.counts(ledger.editionId)).toEqual({ pending: 0, sent: 11, failed: 0, skipped: 0 });
    const rows = ledgerRows(ledger.dataDir, ledger.editionId);
    expect(rows.every((r) => r.status === 'sent' && /^250 /.test(r.lastReply ?? '') && /^<e\d+\.s\d+\./.test(r.messageId ?? ''))).toBe(true);
    expect(progress.at(-1)).toBe(11);
  });

  it('never mails anyone twice when run again', async () => {
    const { sink, ledger, mailer } = await setup(7);
    await run(ledger, mailer());
    const again = await run(ledger, mailer());
    expect(again).toMatchObject({ sent: 0, failed: 0, skipped: 7, pendingLeft: 0 });
    expect(sink.messages).toHaveLength(7);
    expectExactlyOneEach(sink, ledger.emails);
  });

  it('claims the ledger in batches no larger than batchSize and releases nothing it finished', async () => {
    const { ledger, mailer } = await setup(10);
    const calls: Array<{ limit: number; got: number[] }> = [];
    const real = ledger.store.deliveries;
    const spy: DeliveryRepository = {
      ...real,
      claimBatch: async (editionId, holder, limit, now, ttl) => {
        const rows = await real.claimBatch(editionId, holder, limit, now, ttl);
        calls.push({ limit, got: rows.map((r) => r.deliveryId) });
        return rows;
      },
    };
    await run(ledger, mailer(), { deliveries: spy, batchSize: 3, holder: 'test#1' });
    expect(calls.every((c) => c.limit === 3 && c.got.length <= 3)).toBe(true);
    const all = calls.flatMap((c) => c.got);
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
    expect(calls.map((c) => c.got.length)).toEqual([3, 3, 3, 1, 0]);
    // Final rows keep their sender; nothing is left claimed and pending.
    const held = await ledger.store.deliveries.renewClaims('test#1', NOW, 1000);
    expect(held).toBe(0);
  });

  it('retries a 451 with backoff and delivers exactly once', async () => {
    const { sink, ledger, mailer } = await setup(6);
    const slow = ledger.emails[2]!;
    sink.faults.tempFailOnce = [slow];
    const summary = await run(ledger, mailer());
    expect(summary).toMatchObject({ sent: 6, failed: 0, retried: 1, pendingLeft: 0 });
    expectExactlyOneEach(sink, ledger.emails);
    const row = ledgerRows(ledger.dataDir, ledger.editionId).find((r) => r.email === slow);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a 550 user-unknown row failed, bounces the subscriber, and goes on', async () => {
    const { sink, ledger, mailer } = await setup(6);
    const gone = ledger.emails[1]!;
    sink.faults.rejectUnknown = [gone];
    const summary = await run(ledger, mailer());
    expect(summary).toMatchObject({ sent: 5, failed: 1, retried: 0, pendingLeft: 0 });
    expectExactlyOneEach(sink, ledger.emails.filter((e) => e !== gone));
    const row = ledgerRows(ledger.dataDir, ledger.editionId).find((r) => r.email === gone);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastReply).toMatch(/550 5\.1\.1/);
    expect((await ledger.store.subscribers.findByEmail(gone))?.status).toBe('bounced');
    // A rerun does not try the failed row again.
    expect(await run(ledger, mailer())).toMatchObject({ sent: 0, failed: 0 });
    expect(sink.copiesFor(gone)).toBe(0);
  });

  it('retries after a connection dropped mid-transaction and delivers exactly once', async () => {
    const { sink, ledger, mailer } = await setup(8);
    sink.faults.dropOnce = [ledger.emails[0]!, ledger.emails[5]!];
    const summary = await run(ledger, mailer());
    expect(summary).toMatchObject({ sent: 8, failed: 0, retried: 2, pendingLeft: 0 });
    expectExactlyOneEach(sink, ledger.emails);
  });

  it('copes with all faults in one run', async () => {
    const { sink, ledger, mailer } = await setup(12);
    const [a, b, c, d] = [ledger.emails[0]!, ledger.emails[3]!, ledger.emails[7]!, ledger.emails[11]!];
    sink.faults = { tempFailOnce: [a, d], rejectUnknown: [b], dropOnce: [c] };
    const summary = await run(ledger, mailer());
    expect(summary).toMatchObject({ sent: 11, failed: 1, retried: 3, pendingLeft: 0, stoppedReason: null });
    expectExactlyOneEach(sink, ledger.emails.filter((e) => e !== b));
  });

  it('gives up after maxAttempts temporary failures without bouncing the subscriber', async () => {
    const { sink, ledger, mailer } = await setup(4);
    const stuck = ledger.emails[2]!;
    sink.faults.tempFailAlways = [stuck];
    const summary = await run(ledger, mailer(), { maxAttempts: 3 });
    expect(summary).toMatchObject({ sent: 3, failed: 1, retried: 2, pendingLeft: 0 });
    const row = ledgerRows(ledger.dataDir, ledger.editionId).find((r) => r.email === stuck);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row?.lastReply).toMatch(/^gave up after 3 attempts: .*451/);
    expect((await ledger.store.subscribers.findByEmail(stuck))?.status).toBe('active');
  });

  it('counts attempts across runs: a row that failed before gets only the remaining tries', async () => {
    const { sink, ledger, mailer } = await setup(2);
    const stuck = ledger.emails[0]!;
    sink.faults.tempFailAlways = [stuck];
    // First run stopped by the breaker after one failure: one attempt recorded, both rows still pending.
    const first = await run(ledger, mailer(), { maxAttempts: 3, concurrency: 1, stopAfterConsecutiveFailures: 1 });
    expect(first).toMatchObject({ sent: 0, retried: 1, pendingLeft: 2 });
    expect(first.stoppedReason).toMatch(/temporary failures in a row/);
    const second = await run(ledger, mailer(), { maxAttempts: 3 });
    expect(second).toMatchObject({ sent: 1, failed: 1, retried: 1, pendingLeft: 0 });
    expect(ledgerRows(ledger.dataDir, ledger.editionId).find((r) => r.email === stuck)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('stops (rows left pending) when the relay is unreachable instead of failing the whole list', async () => {
    const ledger = await makeLedger(6);
    const outbox = makeTempDir();
    cleanups.push(() => ledger.cleanup(), outbox.cleanup);
    // A port with nobody listening: take one from a sink, then close it.
    const gone = await startSmtpSink();
    await gone.close();
    const mailer = createMailer({ smtpUrl: gone.url, outboxDir: outbox.dir, pool: { connections: 2 } });
    cleanups.push(() => mailer.close());
    const summary = await run(ledger, mailer, { stopAfterConsecutiveFailures: 4, maxAttempts: 5 });
    expect(summary.sent).toBe(0);
    expect(summary.failed).toBe(0);
    expect(summary.pendingLeft).toBe(6);
    expect(summary.stoppedReason).toMatch(/temporary failures in a row/);
  });

  it('skips a subscriber who unsubscribes during the send', async () => {
    const { sink, ledger, mailer } = await setup(9);
    const leaver = ledger.emails[8]!;
    const leaverId = (await ledger.store.subscribers.findByEmail(leaver))!.id;
    let done = false;
    const summary = await run(ledger, mailer(), {
      batchSize: 2,
      concurrency: 1,
      onProgress: (p) => {
        if (p.sent === 1 && !done) {
          done = true;
          void ledger.store.subscribers.setStatus(leaverId, 'unsubscribed', NOW);
        }
      },
    });
    expect(summary).toMatchObject({ sent: 8, skipped: 1, pendingLeft: 0 });
    expect(sink.copiesFor(leaver)).toBe(0);
    expect(await ledger.store.deliveries.counts(ledger.editionId)).toMatchObject({ sent: 8, skipped: 1 });
  });

  it('counts compose returning null as skipped and sends nothing to that subscriber', async () => {
    const { sink, ledger, mailer } = await setup(5);
    const compose = makeCompose(ledger.editionId);
    const summary = await run(ledger, mailer(), { compose: (t) => (t.email === ledger.emails[0] ? null : compose(t)) });
    expect(summary).toMatchObject({ sent: 4, failed: 0, skipped: 1, pendingLeft: 0 });
    expect(sink.copiesFor(ledger.emails[0]!)).toBe(0);
    expect(ledgerRows(ledger.dataDir, ledger.editionId)[0]).toMatchObject({ status: 'skipped', lastReply: 'nothing to send to this subscriber' });
  });

  it('stops the run when compose throws (a rendering bug must not fail the whole list), leaving the row pending', async () => {
    const { sink, ledger, mailer } = await setup(9);
    const compose = makeCompose(ledger.editionId);
    const bad = ledger.emails[4]!;
    await expect(
      run(ledger, mailer(), {
        concurrency: 1,
        compose: (t) => {
          if (t.email === bad) throw new Error('digest.mjml:12: unknown helper');
          return compose(t);
        },
      }),
    ).rejects.toThrow(/unknown helper/);
    expect(await ledger.store.deliveries.counts(ledger.editionId)).toEqual({ pending: 5, sent: 4, failed: 0, skipped: 0 });
    expect(sink.copiesFor(bad)).toBe(0);
    // Once fixed, a rerun finishes the edition.
    expect(await run(ledger, mailer())).toMatchObject({ sent: 5, skipped: 4, pendingLeft: 0 });
    expectExactlyOneEach(sink, ledger.emails);
  });

  it('stops taking rows on abort, leaves the rest pending, and a rerun completes with one copy each', async () => {
    const { sink, ledger, mailer } = await setup(20);
    const controller = new AbortController();
    const first = await run(ledger, mailer(), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.sent >= 5) controller.abort();
      },
    });
    expect(first.stoppedReason).toBe('aborted');
    expect(first.sent).toBeGreaterThanOrEqual(5);
    expect(first.sent).toBeLessThan(20);
    expect(first.pendingLeft).toBe(20 - first.sent);
    expect(sink.messages).toHaveLength(first.sent);

    const second = await run(ledger, mailer());
    expect(second).toMatchObject({ sent: 20 - first.sent, skipped: first.sent, pendingLeft: 0, stoppedReason: null });
    expectExactlyOneEach(sink, ledger.emails);
  });

  it('writes the edition to the outbox when no SMTP URL is set', async () => {
    const ledger = await makeLedger(3);
    const outbox = makeTempDir();
    cleanups.push(() => ledger.cleanup(), outbox.cleanup);
    const mailer = createMailer({ smtpUrl: undefined, outboxDir: outbox.dir });
    const summary = await run(ledger, mailer);
    expect(summary).toMatchObject({ sent: 3, failed: 0 });
    expect(ledgerRows(ledger.dataDir, ledger.editionId).every((r) => r.lastReply?.startsWith(`written to ${outbox.dir}`))).toBe(true);
  });
});
