// Holding a single-flight lease while working: acquire, renew on a timer
// (real time: the lease guards against real processes), and abort the work
// if the lease is lost, so a process that stalled past its expiry stops
// instead of sending next to the one that took over.
import type { Lease, LeaseRepository } from '../shared/store.js';
import type { Clock } from './clock.js';
import { holderIsDead } from './holder-id.js';

export interface HeldLease {
  lease: Lease;
  /** Aborts when renewing finds the lease taken by someone else. */
  lost: AbortSignal;
  /** Stops renewing and gives the lease up. Safe to call twice. */
  release(): Promise<void>;
}

export type HoldLeaseResult = { acquired: true; held: HeldLease } | { acquired: false; heldBy: Lease };

export interface HoldLeaseOptions {
  leases: LeaseRepository;
  name: string;
  holder: string;
  clock: Pick<Clock, 'now'>;
  ttlMs: number;
  /** Default ttl/3. */
  renewEveryMs?: number;
  onRenewError?: (error: unknown) => void;
  /** Whether a holder is known to be dead (default: same host, pid gone). */
  isDead?: (holder: string) => boolean;
}

export async function holdLease(opts: HoldLeaseOptions): Promise<HoldLeaseResult> {
  const { leases, name, holder, clock, ttlMs } = opts;
  let r = await leases.acquire(name, holder, clock.now(), ttlMs);
  // The holder died on this host (kill -9, OOM): take over now rather than
  // send nothing until its lease runs out.
  if (!r.acquired && (opts.isDead ?? holderIsDead)(r.heldBy.holder)) {
    const at = clock.now();
    if (await leases.takeOver(name, r.heldBy.holder, holder, at, ttlMs)) {
      r = { acquired: true, lease: { name, holder, acquiredAt: at, expiresAt: new Date(at.getTime() + ttlMs) } };
    } else {
      r = await leases.acquire(name, holder, clock.now(), ttlMs);
    }
  }
  if (!r.acquired) return { acquired: false, heldBy: r.heldBy };

  const lost = new AbortController();
  const renewEveryMs = Math.max(10, opts.renewEveryMs ?? Math.floor(ttlMs / 3));
  let renewing: Promise<void> = Promise.resolve();
  let renewedAt = clock.now().getTime();
  const timer = setInterval(() => {
    const at = clock.now();
    renewing = leases
      .renew(name, holder, at, ttlMs)
      .then((ok) => {
        if (ok) renewedAt = at.getTime();
        else lost.abort(new Error(`lease ${name} was lost`));
      })
      .catch((error: unknown) => {
        opts.onRenewError?.(error);
        // The database is unreachable: before the lease can run out under us
        // (and another process take over), stop as if it were lost.
        if (clock.now().getTime() - renewedAt >= ttlMs - renewEveryMs) {
          lost.abort(new Error(`lease ${name} could not be renewed: ${error instanceof Error ? error.message : String(error)}`));
        }
      });
  }, renewEveryMs);
  timer.unref();

  let released = false;
  return {
    acquired: true,
    held: {
      lease: r.lease,
      lost: lost.signal,
      async release() {
        if (released) return;
        released = true;
        clearInterval(timer);
        await renewing;
        await leases.release(name, holder);
      },
    },
  };
}
