// The scheduler loop driven by a manual clock against a real SQLite store, a
// local feed file and a real SMTP sink: slots fire at their instants (across
// DST), each slot is sent once (also across a restart), missed slots are
// caught up inside the grace period and skipped outside it, a graceful stop
// leaves the rest pending for the next start, failing feeds back off, and
// neither feeds nor another digest wait for an edition that sends for minutes.
import { afterEach, describe, expect, it } from 'vitest';
import { formatSchedulerEvent, healthReport, refreshFeeds } from '../../src/app/index.js';
import type { Mailer } from '../../src/deliver/index.js';
import type { Clock } from '../../src/schedule/index.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { runScheduler, type RunningScheduler } from '../helpers/schedule-run.js';
import { DAILY_BERLIN, makeWorld, startDeskFeedServer, type World } from '../helpers/schedule-world.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world(opts: Parameters<typeof makeWorld>[0] & { sink?: boolean } = {}): Promise<{ w: World; sink: SmtpSink | null }> {
  const sink = opts.sink ? await startSmtpSink() : null;
  if (sink) cleanups.push(() => sink.close());
  const w = await makeWorld({ ...opts, smtpUrl: sink?.url });
  cleanups.push(() => w.cleanup());
  return { w, sink };
}

async function scheduler(w: World, startIso: string, opts: Parameters<typeof runScheduler>[2] = {}): Promise<RunningScheduler> {
  const s = await runScheduler(w.ctx, startIso, opts);
  cleanups.push(() => s.stop());
  return s;
}

function expectOneCopyEach(sink: SmtpSink, emails: string[]): void {
  const copies = sink.copyCounts();
  expect([...copies.keys()].sort()).toEqual([...emails].sort());
  expect([...copies.values()].every((n) => n === 1)).toBe(true);
}

const DST_DIGESTS = `  - name: early
    title: Early Brief
    schedule: "30 2 * * *"
    timezone: Europe/Berlin
  - name: weekday
    title: Weekday Brief
    schedule: "0 7 * * 1-5"
    timezone: Europe/Berlin
`;

describe('scheduler: slot instants', () => {
  it.each([
    {
      when: 'spring forward (29 Mar 2026)',
      start: '2026-03-27T00:00:00.000Z',
      end: '2026-03-31T12:00:00.000Z',
      early: ['2026-03-27T01:30:00.000Z', '2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z'],
      weekday: ['2026-03-27T06:00:00.000Z', '2026-03-30T05:00:00.000Z', '2026-03-31T05:00:00.000Z'],
    },
    {
      when: 'fall back (25 Oct 2026)',
      start: '2026-10-23T00:00:00.000Z',
      end: '2026-10-27T12:00:00.000Z',
      early: ['2026-10-23T00:30:00.000Z', '2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z'],
      weekday: ['2026-10-23T05:00:00.000Z', '2026-10-26T06:00:00.000Z', '2026-10-27T06:00:00.000Z'],
    },
  ])('fires each Europe/Berlin slot at its instant across $when, once, and records "nothing new"', async ({ start, end, early, weekday }) => {
    const { w } = await world({ digestsYaml: DST_DIGESTS });
    const s = await scheduler(w, start);
    await s.advanceTo(end);
    const due = s.of('slot-due');
    // Woken at exactly the slot instant, never early, never twice.
    for (const e of due) expect(e.at.toISOString()).toBe(e.slot);
    expect(due.filter((e) => e.digest === 'early').map((e) => e.slot)).toEqual(early);
    expect(due.filter((e) => e.digest === 'weekday').map((e) => e.slot)).toEqual(weekday);
    expect(s.of('slot-done').every((e) => e.outcome.kind === 'skipped')).toBe(true);
    const runs = await w.ctx.store.slotRuns.list({ digest: 'early' });
    expect(runs.map((r) => r.slot).reverse()).toEqual(early);
    expect(runs.every((r) => r.status === 'skipped' && /^nothing new: no new items/.test(r.reason ?? ''))).toBe(true);
  });
});

describe('scheduler: sending', () => {
  it('fetches on its own interval, sends the slot edition once, and a restart does not redo the slot', async () => {
    const { w, sink } = await world({ items: 4, subscribers: 3, sink: true });
    // Mon 2 Mar 2026; the slot is 07:00 Berlin = 06:00Z.
    const s = await scheduler(w, '2026-03-02T05:00:00.000Z');
    await s.advanceTo('2026-03-02T06:40:00.000Z');
    expect(s.of('fetched').map((e) => e.at.toISOString().slice(11, 16))).toEqual(['05:00', '05:15', '05:30', '05:45', '06:00', '06:15', '06:30']);
    const done = s.of('slot-done');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ slot: '2026-03-02T06:00:00.000Z', outcome: { kind: 'sent', delivery: { sent: 3, failed: 0 } } });
    expectOneCopyEach(sink!, w.emails);
    await s.stop();
    expect(await w.ctx.store.leases.list()).toEqual([]);

    // Restart 10 minutes later: the slot is done; the next day has nothing new.
    const again = await scheduler(w, '2026-03-02T06:50:00.000Z');
    await again.advanceTo('2026-03-03T06:05:00.000Z');
    expect(again.of('slot-due').map((e) => e.slot)).toEqual(['2026-03-03T06:00:00.000Z']);
    expect(again.of('slot-done')[0]?.outcome).toMatchObject({ kind: 'skipped', reason: expect.stringMatching(/^nothing new/) });
    expect(sink!.messages).toHaveLength(3);
    const editions = await w.ctx.store.editions.list({ digest: 'daily' });
    expect(editions.map((e) => [e.slot, e.status])).toEqual([['2026-03-02T06:00:00.000Z', 'sent']]);

    const health = await healthReport(w.ctx, again.clock.now());
    expect(health.ok).toBe(true);
    expect(health.digests[0]).toMatchObject({
      name: 'daily',
      lastRun: { slot: '2026-03-03T06:00:00.000Z', status: 'skipped' },
      nextRun: '2026-03-04T06:00:00.000Z',
      lastEdition: { slot: '2026-03-02T06:00:00.000Z', status: 'sent', deliveries: { sent: 3, failed: 0, pending: 0 } },
      lease: null,
    });
  });

  it('after downtime sends a missed slot once inside the grace period', async () => {
    const { w, sink } = await world({ items: 3, subscribers: 2, sink: true });
    await w.ctx.store.slotRuns.update({ digest: 'daily', slot: '2026-03-02T06:00:00.000Z', status: 'skipped', reason: 'nothing new', now: new Date('2026-03-02T06:00:00Z') });
    // The items arrived before the process went down.
    await refreshFeeds(w.ctx, { now: () => new Date('2026-03-03T05:00:00Z') });
    // Down from before Tuesday's 06:00Z slot until 09:00Z: 3 h late, grace is 6 h.
    const s = await scheduler(w, '2026-03-03T09:00:00.000Z');
    await s.advanceTo('2026-03-03T09:30:00.000Z');
    expect(s.of('slot-due').map((e) => [e.slot, e.at.toISOString()])).toEqual([['2026-03-03T06:00:00.000Z', '2026-03-03T09:00:00.000Z']]);
    expect(s.of('slot-done')[0]?.outcome.kind).toBe('sent');
    expect(s.of('slot-missed')).toEqual([]);
    expectOneCopyEach(sink!, w.emails);
  });

  it('after downtime skips and records a slot outside the grace period, then sends the next one on time', async () => {
    const { w, sink } = await world({ items: 3, subscribers: 2, sink: true });
    await w.ctx.store.slotRuns.update({ digest: 'daily', slot: '2026-03-02T06:00:00.000Z', status: 'skipped', reason: 'nothing new', now: new Date('2026-03-02T06:00:00Z') });
    const s = await scheduler(w, '2026-03-03T12:30:00.000Z'); // 6.5 h late
    await s.advanceTo('2026-03-03T20:00:00.000Z');
    expect(s.of('slot-missed').map((e) => e.slot)).toEqual(['2026-03-03T06:00:00.000Z']);
    expect(sink!.messages).toHaveLength(0);
    expect(await w.ctx.store.slotRuns.get('daily', '2026-03-03T06:00:00.000Z')).toMatchObject({ status: 'missed', reason: expect.stringMatching(/more than 6h late/) });
    await s.advanceTo('2026-03-04T06:00:00.000Z');
    expect(s.of('slot-done').map((e) => [e.slot, e.at.toISOString(), e.outcome.kind])).toEqual([['2026-03-04T06:00:00.000Z', '2026-03-04T06:00:00.000Z', 'sent']]);
    expectOneCopyEach(sink!, w.emails);
  });

  it('stops gracefully mid-send (rows stay pending, lease released) and the next start finishes the slot: one copy each', async () => {
    const { w, sink } = await world({ items: 3, subscribers: 12, sink: true });
    const s = await scheduler(w, '2026-03-02T05:59:00.000Z', {
      onSendProgress: (p) => {
        if (p.sent >= 4) s.controller.abort();
      },
    });
    // The abort comes from inside the send; the stopped loop never sleeps again.
    await Promise.race([s.clock.advanceTo(new Date('2026-03-02T06:01:00Z')), s.done]);
    await s.done;
    expect(s.of('slot-done')[0]?.outcome).toMatchObject({ kind: 'incomplete' });
    const edition = (await w.ctx.store.editions.list({ digest: 'daily' }))[0]!;
    const counts = await w.ctx.store.deliveries.counts(edition.id);
    expect(counts.sent).toBeGreaterThanOrEqual(4);
    expect(counts.pending).toBeGreaterThan(0);
    expect(counts.sent + counts.pending).toBe(12);
    expect(sink!.messages).toHaveLength(counts.sent);
    expect(await w.ctx.store.leases.list()).toEqual([]);
    expect(await w.ctx.store.slotRuns.get('daily', '2026-03-02T06:00:00.000Z')).toMatchObject({ status: 'running', editionId: edition.id });

    const again = await scheduler(w, '2026-03-02T06:05:00.000Z');
    await again.advanceTo('2026-03-02T06:10:00.000Z');
    expect(again.of('slot-done')[0]).toMatchObject({ slot: '2026-03-02T06:00:00.000Z', outcome: { kind: 'already' } });
    expect(again.of('slot-done')[0]?.resumed[0]).toMatchObject({ editionId: edition.id, sent: 12 - counts.sent, pendingLeft: 0 });
    expectOneCopyEach(sink!, w.emails);
    expect(await w.ctx.store.slotRuns.get('daily', '2026-03-02T06:00:00.000Z')).toMatchObject({ status: 'sent' });
  });

  it('waits while another process holds the digest lease, says who, and runs the slot once it is free', async () => {
    const { w, sink } = await world({ items: 3, subscribers: 2, sink: true });
    await w.ctx.store.leases.acquire('digest:daily', 'other-host#42', new Date('2026-03-02T05:59:00Z'), 3600_000);
    const s = await scheduler(w, '2026-03-02T05:59:30.000Z', { busyRetryMs: 30_000 });
    await s.advanceTo('2026-03-02T06:00:45.000Z');
    const busy = s.of('slot-done').map((e) => e.outcome);
    expect(busy.map((o) => o.kind)).toEqual(['busy', 'busy']);
    expect(busy[0]).toMatchObject({ heldBy: { holder: 'other-host#42' } });
    expect(formatSchedulerEvent(s.of('slot-done')[0]!)).toBe(
      'daily slot 2026-03-02T06:00:00.000Z: another process holds the lease: other-host#42 (until 2026-03-02T06:59:00.000Z); will try again',
    );
    expect(sink!.messages).toHaveLength(0);
    await w.ctx.store.leases.release('digest:daily', 'other-host#42');
    await s.advanceTo('2026-03-02T06:01:05.000Z');
    expect(s.of('slot-done').map((e) => [e.at.toISOString(), e.outcome.kind])).toEqual([
      ['2026-03-02T06:00:00.000Z', 'busy'],
      ['2026-03-02T06:00:30.000Z', 'busy'],
      ['2026-03-02T06:01:00.000Z', 'sent'],
    ]);
    expectOneCopyEach(sink!, w.emails);
  });
});

/**
 * The config's mailer, slowed down in the scheduler's time: every message
 * waits `perMessageMs` on the clock before it goes to the relay, so an
 * edition takes minutes of (manual) time to send. One message at a time: the
 * manual clock counts who it woke, and one sending lane stands in for the
 * loop that is sending.
 */
function slowMailer(inner: Mailer, clock: Clock, perMessageMs: number): Mailer {
  return {
    kind: inner.kind,
    describe: () => inner.describe(),
    notice: () => inner.notice(),
    preflight: inner.preflight ? () => inner.preflight?.() ?? Promise.resolve(null) : undefined,
    parallelism: 1,
    async send(msg) {
      await clock.sleepUntil(new Date(clock.now().getTime() + perMessageMs));
      return inner.send(msg);
    },
    close: () => inner.close(),
  };
}

const hhmmss = (d: Date): string => d.toISOString().slice(11, 19);

describe('scheduler: slow editions', () => {
  it('keeps refetching feeds on their interval while an edition takes minutes to send', async () => {
    let now = (): Date => new Date();
    const feed = await startDeskFeedServer(4, () => now());
    cleanups.push(() => feed.close());
    const { w, sink } = await world({ feedUrl: feed.url, subscribers: 5, sink: true, extraYaml: 'schedule:\n  fetchEvery: 1m\n  freshFor: 1m\n  lease: 1h\n' });
    // Five readers, a minute each: the 06:00 edition sends until 06:05.
    const s = await scheduler(w, '2026-03-02T05:58:30.000Z', { mailer: (m, clock) => slowMailer(m, clock, 60_000) });
    now = () => s.clock.now();
    await s.advanceTo('2026-03-02T06:07:00.000Z');
    expect(s.of('slot-done').map((e) => [hhmmss(e.at), e.outcome.kind])).toEqual([['06:05:00', 'sent']]);
    expectOneCopyEach(sink!, w.emails);
    // Every minute from the start, through the send: the slot found the feed fresh (fetched 30 s before).
    expect(feed.requests.map(hhmmss)).toEqual(['05:58:30', '05:59:30', '06:00:30', '06:01:30', '06:02:30', '06:03:30', '06:04:30', '06:05:30', '06:06:30']);
    expect(s.of('fetched').map((e) => hhmmss(e.at))).toEqual(feed.requests.map(hhmmss));
  });

  it("runs another digest's slot on time while the first digest's edition is still sending", async () => {
    const second = `  - name: second
    title: Second Brief
    schedule: "2 7 * * *"
    timezone: Europe/Berlin
    lookback: 3650d
    maxAge: 3650d
    minItems: 2
`;
    const { w, sink } = await world({ items: 4, subscribers: 5, sink: true, digestsYaml: DAILY_BERLIN + second, extraYaml: 'schedule:\n  lease: 1h\n' });
    const s = await scheduler(w, '2026-03-02T05:59:00.000Z', { mailer: (m, clock) => slowMailer(m, clock, 60_000) });
    await s.advanceTo('2026-03-02T06:10:00.000Z');
    // daily sends 06:00–06:05; second is due at 06:02, not when daily is done.
    expect(s.of('slot-due').map((e) => [e.digest, hhmmss(e.at)])).toEqual([['daily', '06:00:00'], ['second', '06:02:00']]);
    expect(s.of('slot-done').map((e) => [e.digest, hhmmss(e.at), e.outcome.kind])).toEqual([['daily', '06:05:00', 'sent'], ['second', '06:07:00', 'sent']]);
    const copies = sink!.copyCounts();
    expect([...copies.keys()].sort()).toEqual([...w.emails].sort());
    expect([...copies.values()].every((n) => n === 2)).toBe(true);
    expect(await w.ctx.store.leases.list()).toEqual([]);
  });
});

describe('scheduler: feeds', () => {
  it('backs off a feed that keeps failing and shows it as failing; healthy feeds keep their interval', async () => {
    const { w } = await world({ items: 2, brokenFeeds: 1, extraYaml: 'schedule:\n  failingAfter: 2\n  fetchEvery: 15m\n' });
    const s = await scheduler(w, '2026-03-02T00:00:00.000Z');
    await s.advanceTo('2026-03-02T03:00:00.000Z');
    const times = (name: string) =>
      s.of('fetched').filter((e) => e.summary.feeds.some((f) => f.name === name)).map((e) => e.at.toISOString().slice(11, 16));
    expect(times('Broken 0')).toEqual(['00:00', '00:15', '00:45', '01:45']);
    expect(times('Desk')).toHaveLength(13);
    const health = await healthReport(w.ctx, s.clock.now());
    expect(health.feeds.failing).toEqual([
      expect.objectContaining({ name: 'Broken 0', failureStreak: 4, lastFetchedAt: '2026-03-02T01:45:00.000Z', retryAt: '2026-03-02T03:45:00.000Z' }),
    ]);
    expect(health.ok).toBe(true);
  });
});
