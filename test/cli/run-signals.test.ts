// `dispatch run` as a real process, killed or signalled mid-send:
// - kill -9: its lease (holder "run:host#pid#…") and its claimed rows are
//   taken over AT ONCE by the next run on this host, because that pid no
//   longer exists; nothing waits for the 2-minute lease to run out.
// - SIGTERM: it drains like `serve`: the messages in flight finish and are
//   recorded, unsent claims and the lease are released, and it exits 1
//   because deliveries are still pending.
import { afterEach, describe, expect, it } from 'vitest';
import { databaseUrlFor, spawnDispatch } from '../helpers/cli-child.js';
import { dispatch } from '../helpers/cli-run.js';
import { startSmtpSink } from '../helpers/deliver-smtp-sink.js';
import { makeWorld, type World } from '../helpers/schedule-world.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function envFor(w: World, smtpUrl: string): Record<string, string> {
  return { ...w.env, DISPATCH_SMTP_URL: smtpUrl, DISPATCH_DATABASE_URL: databaseUrlFor(w.openOptions) };
}

describe('dispatch run stopped mid-send', () => {
  it('after kill -9 the next run takes the dead lease and the dead claims at once and finishes the edition', async () => {
    const sink = await startSmtpSink({ holdAfter: 6 });
    cleanups.push(() => sink.close());
    const w = await makeWorld({ items: 3, subscribers: 30, smtpUrl: sink.url });
    cleanups.push(() => w.cleanup());
    const env = envFor(w, sink.url);

    const proc = spawnDispatch(w.dir, ['run'], env);
    cleanups.push(() => void proc.child.kill('SIGKILL'));
    await sink.waitForHeld(1);
    await new Promise((r) => setTimeout(r, 200));
    proc.child.kill('SIGKILL');
    expect((await proc.exited).signal).toBe('SIGKILL');
    const lease = await w.ctx.store.leases.get('digest:daily');
    expect(lease?.holder).toContain(`#${proc.child.pid}#`);
    expect(lease!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const held = sink.held();

    sink.faults.holdAfter = undefined;
    const started = Date.now();
    const r = await dispatch(w.dir, ['run'], env);
    console.log(`rerun after kill -9 took ${Date.now() - started} ms`);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).not.toContain('another process');
    expect(r.stdout).toMatch(/resumed edition \d+ \(daily\): \d+ sent, 0 failed/);
    // Far sooner than the 2-minute lease and claims.
    expect(Date.now() - started).toBeLessThan(30_000);

    const edition = (await w.ctx.store.editions.list({ digest: 'daily' }))[0]!;
    expect(await w.ctx.store.deliveries.counts(edition.id)).toMatchObject({ pending: 0, sent: 30 });
    for (const e of w.emails) expect(sink.copiesFor(e)).toBeGreaterThanOrEqual(1);
    // The held messages were never accepted, so nobody got two copies; in
    // general at most the messages in flight could.
    const duplicates = sink.accepted() - 30;
    expect(duplicates).toBeLessThanOrEqual(held);
    expect(await w.ctx.store.leases.list()).toEqual([]);
  }, 120_000);

  it('on SIGTERM finishes and records what is in flight, releases claims and lease, exits 1 while deliveries are pending', async () => {
    const sink = await startSmtpSink({ delayMs: 60 });
    cleanups.push(() => sink.close());
    const w = await makeWorld({ items: 3, subscribers: 80, smtpUrl: sink.url });
    cleanups.push(() => w.cleanup());

    const proc = spawnDispatch(w.dir, ['run'], envFor(w, sink.url));
    cleanups.push(() => void proc.child.kill('SIGKILL'));
    await sink.waitForAccepted(6);
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    expect(exit, proc.stderr()).toEqual({ code: 1, signal: null });
    expect(proc.stderr()).toMatch(/SIGTERM: finishing the messages in flight/);
    expect(proc.stderr()).toMatch(/still (has|have) pending deliveries/);

    const edition = (await w.ctx.store.editions.list({ digest: 'daily' }))[0]!;
    const counts = await w.ctx.store.deliveries.counts(edition.id);
    // Every message the relay accepted is recorded; nothing was lost in between.
    expect(counts.sent).toBe(sink.accepted());
    expect(counts.pending).toBe(80 - counts.sent);
    expect(counts.pending).toBeGreaterThan(0);
    expect(await w.testStore.exec(`select count(*) as n from deliveries where claimed_by is not null and status = 'pending'`)).toEqual([
      { n: 0 },
    ]);
    expect(await w.ctx.store.leases.list()).toEqual([]);

    // The next run finishes the rest: one copy each.
    const r = await dispatch(w.dir, ['run'], envFor(w, sink.url));
    expect(r.code, r.stderr).toBe(0);
    for (const e of w.emails) expect(sink.copiesFor(e)).toBe(1);
  }, 120_000);
});
