// A clock that moves only when told. `advanceTo` wakes sleepers in time order
// and waits for the sleeper (the scheduler) to go back to sleep before moving
// on, so every wake-up happens at exactly the instant it asked for.
import type { Clock } from './clock.js';

interface Sleeper {
  at: number;
  resolve: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  readonly #sleepers = new Set<Sleeper>();
  #idleWaiters: Array<() => void> = [];

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleepUntil(date: Date, signal?: AbortSignal): Promise<void> {
    if (date.getTime() <= this.#now || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        at: date.getTime(),
        resolve: () => {
          this.#sleepers.delete(sleeper);
          signal?.removeEventListener('abort', sleeper.resolve);
          resolve();
        },
      };
      this.#sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.resolve, { once: true });
      for (const w of this.#idleWaiters.splice(0)) w();
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

  /** Resolves once somebody is asleep (the scheduler finished its work and waits). */
  idle(): Promise<void> {
    if (this.#sleepers.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sets the time without waking anybody in between (a jump, e.g. after downtime); wakes who is due. */
  set(date: Date): void {
    this.#now = date.getTime();
    for (const s of [...this.#sleepers]) if (s.at <= this.#now) s.resolve();
  }

  /**
   * Moves time forward to `target` one wake-up at a time: each sleeper is
   * woken at exactly its instant, and the next step waits until the woken
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
      // Let the woken party run and go back to sleep before the next step.
      await Promise.resolve();
    }
  }
}
