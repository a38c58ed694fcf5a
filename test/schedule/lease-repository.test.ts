// The lease and slot-run repositories on every dialect (PostgreSQL when
// DISPATCH_TEST_DATABASE_URL is set).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { holdLease } from '../../src/schedule/index.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const T0 = new Date('2026-03-02T07:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe.each(storeDialects())('leases on $name', ({ name, enabled }) => {
  let t: TestStore;
  const extra: Store[] = [];
  beforeEach(async () => {
    if (enabled) t = await openTestStore(name);
  });
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    if (enabled) await t.cleanup();
  });

  it.skipIf(!enabled)('acquire: the first holder wins, the loser learns who holds it and until when', async () => {
    const a = await t.store.leases.acquire('digest:daily', 'host-a#1', T0, 60_000);
    expect(a.acquired).toBe(true);
    const b = await t.store.leases.acquire('digest:daily', 'host-b#2', at(10), 60_000);
    expect(b).toEqual({ acquired: false, heldBy: { name: 'digest:daily', holder: 'host-a#1', acquiredAt: T0, expiresAt: at(60) } });
    // Another name is another lease.
    expect((await t.store.leases.acquire('digest:weekly', 'host-b#2', at(10), 60_000)).acquired).toBe(true);
  });

  it.skipIf(!enabled)('takes over an expired lease, and the old holder can no longer renew or release it', async () => {
    await t.store.leases.acquire('digest:daily', 'a', T0, 30_000);
    expect((await t.store.leases.acquire('digest:daily', 'b', at(29), 30_000)).acquired).toBe(false);
    const b = await t.store.leases.acquire('digest:daily', 'b', at(30), 30_000);
    expect(b.acquired && b.lease).toMatchObject({ holder: 'b', acquiredAt: at(30), expiresAt: at(60) });
    expect(await t.store.leases.renew('digest:daily', 'a', at(31), 30_000)).toBe(false);
    expect(await t.store.leases.release('digest:daily', 'a')).toBe(false);
    expect((await t.store.leases.get('digest:daily'))?.holder).toBe('b');
  });

  it.skipIf(!enabled)('renew extends the expiry; re-acquiring by the holder keeps acquiredAt; release frees it', async () => {
    await t.store.leases.acquire('digest:daily', 'a', T0, 30_000);
    expect(await t.store.leases.renew('digest:daily', 'a', at(20), 30_000)).toBe(true);
    // Without the renewal b would have won at 40 s.
    expect((await t.store.leases.acquire('digest:daily', 'b', at(40), 30_000)).acquired).toBe(false);
    const again = await t.store.leases.acquire('digest:daily', 'a', at(45), 30_000);
    expect(again.acquired && again.lease).toMatchObject({ acquiredAt: T0, expiresAt: at(75) });
    expect(await t.store.leases.release('digest:daily', 'a')).toBe(true);
    expect(await t.store.leases.get('digest:daily')).toBeUndefined();
    expect((await t.store.leases.acquire('digest:daily', 'b', at(46), 30_000)).acquired).toBe(true);
  });

  it.skipIf(!enabled)('of many concurrent acquirers on separate connections exactly one wins, fresh and after expiry', async () => {
    for (let i = 0; i < 5; i++) extra.push(await openStore(t.openOptions));
    const race = (when: Date) => Promise.all(extra.map((s, i) => s.leases.acquire('digest:daily', `p${i}`, when, 30_000)));
    const first = await race(T0);
    expect(first.filter((r) => r.acquired)).toHaveLength(1);
    const winner = first.findIndex((r) => r.acquired);
    expect(first.filter((r) => !r.acquired).every((r) => !r.acquired && r.heldBy.holder === `p${winner}`)).toBe(true);
    const second = await race(at(31));
    expect(second.filter((r) => r.acquired)).toHaveLength(1);
  });

  it.skipIf(!enabled)('holdLease renews while held and aborts `lost` when another holder took it over', async () => {
    let now = T0;
    const clock = { now: () => now };
    const r = await holdLease({ leases: t.store.leases, name: 'digest:daily', holder: 'a', clock, ttlMs: 30_000, renewEveryMs: 20 });
    expect(r.acquired).toBe(true);
    if (!r.acquired) return;
    now = at(25);
    await waitFor(async () => (await t.store.leases.get('digest:daily'))?.expiresAt.getTime() === at(55).getTime());
    // Simulate a stall: the lease expires and b takes it.
    await t.store.leases.release('digest:daily', 'a');
    await t.store.leases.acquire('digest:daily', 'b', at(26), 30_000);
    await waitFor(async () => r.held.lost.aborted);
    await r.held.release();
    expect((await t.store.leases.get('digest:daily'))?.holder).toBe('b');
  });
});

describe.each(storeDialects())('slot runs on $name', ({ name, enabled }) => {
  let t: TestStore;
  beforeEach(async () => {
    if (enabled) t = await openTestStore(name);
  });
  afterEach(async () => {
    if (enabled) await t.cleanup();
  });

  it.skipIf(!enabled)('start is idempotent per (digest, slot); update records the outcome; latest is by slot', async () => {
    const slot = '2026-03-02T06:00:00.000Z';
    const first = await t.store.slotRuns.start({ digest: 'daily', slot, now: T0 });
    expect(first).toMatchObject({ created: true, run: { status: 'running', finishedAt: null } });
    expect((await t.store.slotRuns.start({ digest: 'daily', slot, now: at(5) })).created).toBe(false);
    await t.store.slotRuns.update({ digest: 'daily', slot, status: 'running', editionId: 7, now: at(1) });
    await t.store.slotRuns.update({ digest: 'daily', slot, status: 'sent', now: at(9) });
    expect(await t.store.slotRuns.get('daily', slot)).toEqual({
      digest: 'daily', slot, status: 'sent', reason: null, editionId: 7, startedAt: T0, finishedAt: at(9),
    });
    await t.store.slotRuns.update({ digest: 'daily', slot: '2026-03-01T06:00:00.000Z', status: 'missed', reason: 'too late', now: at(2) });
    await t.store.slotRuns.update({ digest: 'weekly', slot: '2026-03-09T06:00:00.000Z', status: 'skipped', reason: 'nothing new', now: at(2) });
    expect((await t.store.slotRuns.latest('daily'))?.slot).toBe(slot);
    expect((await t.store.slotRuns.list({ digest: 'daily' })).map((r) => r.status)).toEqual(['sent', 'missed']);
  });
});

async function waitFor(cond: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met');
}
