// holdLease when the database stops answering: it must give up before the
// lease can expire under it (another process could then take over and send).
import { describe, expect, it } from 'vitest';
import { holdLease } from '../../src/schedule/index.js';
import type { LeaseRepository } from '../../src/shared/store.js';

describe('holdLease', () => {
  it('aborts `lost` when renewals keep failing for nearly the whole lease', async () => {
    let now = new Date('2026-03-02T06:00:00Z');
    const errors: unknown[] = [];
    const leases: LeaseRepository = {
      acquire: async (name, holder, at, ttl) => ({
        acquired: true,
        lease: { name, holder, acquiredAt: at, expiresAt: new Date(at.getTime() + ttl) },
      }),
      renew: async () => {
        throw new Error('connection refused');
      },
      release: async () => true,
      takeOver: async () => false,
      get: async () => undefined,
      list: async () => [],
    };
    const r = await holdLease({ leases, name: 'digest:daily', holder: 'a', clock: { now: () => now }, ttlMs: 30_000, renewEveryMs: 10, onRenewError: (e) => errors.push(e) });
    if (!r.acquired) throw new Error('expected the lease');
    await new Promise((res) => setTimeout(res, 50));
    // Failures while most of the lease is left are reported but tolerated.
    expect(errors.length).toBeGreaterThan(0);
    expect(r.held.lost.aborted).toBe(false);
    now = new Date(now.getTime() + 29_990);
    for (let i = 0; i < 100 && !r.held.lost.aborted; i++) await new Promise((res) => setTimeout(res, 10));
    expect(r.held.lost.aborted).toBe(true);
    expect(String((r.held.lost.reason as Error).message)).toMatch(/could not be renewed: connection refused/);
    await r.held.release();
  });
});
