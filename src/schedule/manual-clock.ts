// A clock that moves only when told. `advanceTo` wakes sleepers in time order
// and waits for every woken party (the scheduler's loops) to go back to sleep
// before moving on, so every wake-up happens at exactly the instant it asked
// for, and no party reads a later time while it is still working.
import type { Clock } from './clock.js';

interface Sleeper {
  at: number;
  /** Woken by the clock (counted: it owes the clock another sleep) or by its abort signal. */
  wake: (byClock: boolean) => void;
}

export interface ManualClockOptions {
  /**
   * How many parties sleep on this clock side by side (default 1). The clock
   * does not move until each has gone to sleep once: a party still starting
   * up must not find the time jumped ahead.
   */
  parties?: number;
}

export class ManualClock implements Clock {
  #now: number;
  readonly #sleepers = new Set<Sleeper>();
  #idleWaiters: Array<() => void> = [];
  // Parties that owe the clock a sleep: every party at the start, then each
  // one the clock woke until it sleeps again. A party woken by its abort
  // signal is stopping and owes nothing. Counting wake-ups rather than asking
  // "is anybody asleep" is what lets several loops share one clock: while one
  // loop is busy (sending over a real socket) the others are asleep, and the
  // clock must still wait for the busy one.
  #owed: number;

  constructor(start: Date, opts: ManualClockOptions = {}) {
    this.#now = start.getTime();
    this.#owed = Math.max(1, Math.floor(opts.parties ?? 1));
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleepUntil(date: Date, signal?: AbortSignal): Promise<void> {
    if (date.getTime() <= this.#now || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const onAbort = (): void => sleeper.wake(false);
      const sleeper: Sleeper = {
        at: date.getTime(),
        wake: (byClock) => {
          if (!this.#sleepers.delete(sleeper)) return;
          if (byClock) this.#owed += 1;
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.#sleepers.add(sleeper);
      this.#owed = Math.max(0, this.#owed - 1);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#notifyIfIdle();
    });
  }

  /** Number of callers asleep right now. */
  sleeping(): number {
    return this.#sleepers.size;
  }

  /** The earliest wake-up asked for, or null. */
  nextWake(): Date | null {
    let min = Infinity;
    for (const s of this.#sleepers) min = Math.min(min, s.at);
    return Number.isFinite(min) ? new Date(min) : null;
  }

  /** Resolves once every party is asleep (each finished its work and waits). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sets the time without waking anybody in between (a jump, e.g. after downtime); wakes who is due. */
  set(date: Date): void {
    this.#now = date.getTime();
    for (const s of [...this.#sleepers]) if (s.at <= this.#now) s.wake(true);
  }

  /**
   * Moves time forward to `target` one wake-up at a time: each sleeper is
   * woken at exactly its instant, and the next step waits until every woken
   * party sleeps again.
   */
  async advanceTo(target: Date): Promise<void> {
    for (;;) {
      await this.idle();
      const next = this.nextWake();
      if (!next || next.getTime() > target.getTime()) {
        this.#now = Math.max(this.#now, target.getTime());
        return;
      }
      this.set(next);
    }
  }

  #isIdle(): boolean {
    return this.#owed === 0 && this.#sleepers.size > 0;
  }

  #notifyIfIdle(): void {
    if (this.#isIdle()) for (const w of this.#idleWaiters.splice(0)) w();
  }
}
