// Time as the scheduler sees it. The scheduler only ever asks "what time is
// it" and "wake me at T", so tests drive it with a manual clock and never
// sleep through real minutes.

export interface Clock {
  now(): Date;
  /** Resolves at `date` (at once if it has passed), or early when `signal` aborts. Never rejects. */
  sleepUntil(date: Date, signal?: AbortSignal): Promise<void>;
}

// setTimeout takes at most 2^31−1 ms (~24.8 days); longer waits are chained.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function realSleepUntil(now: () => number, date: Date, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const arm = (): void => {
      const left = date.getTime() - now();
      if (left <= 0) return done();
      timer = setTimeout(arm, Math.min(left, MAX_TIMEOUT_MS));
    };
    signal?.addEventListener('abort', done, { once: true });
    arm();
  });
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil: (date, signal) => realSleepUntil(Date.now, date, signal),
};

/**
 * Real time shifted so that it reads `start` right now and then runs at the
 * normal rate: a child process in a test can "start at 06:59:59" and reach a
 * 07:00 slot one real second later.
 */
export function offsetClock(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  const now = (): number => realNow() + offset;
  return {
    now: () => new Date(now()),
    sleepUntil: (date, signal) => realSleepUntil(now, date, signal),
  };
}
