// Runs startScheduler in-process on a ManualClock and records its events.
import { compileTemplates, openMailer, startScheduler, type AppContext, type SchedulerEvent } from '../../src/app/index.js';
import type { Mailer } from '../../src/deliver/index.js';
import { ManualClock } from '../../src/schedule/index.js';

export interface RunningScheduler {
  clock: ManualClock;
  events: SchedulerEvent[];
  controller: AbortController;
  /** Advances the manual clock (see ManualClock.advanceTo). */
  advanceTo(iso: string): Promise<void>;
  /** Aborts and waits until the loop has stopped. */
  stop(): Promise<void>;
  done: Promise<void>;
  mailer: Mailer;
  of<T extends SchedulerEvent['type']>(type: T): Array<Extract<SchedulerEvent, { type: T }>>;
}

export async function runScheduler(
  ctx: AppContext,
  startIso: string,
  opts: {
    holder?: string;
    busyRetryMs?: number;
    onEvent?: (e: SchedulerEvent, s: RunningScheduler) => void;
    onSendProgress?: (p: { sent: number }) => void;
    /** Wraps the config's mailer (e.g. one that takes clock time per message). */
    mailer?: (mailer: Mailer, clock: ManualClock) => Mailer;
  } = {},
): Promise<RunningScheduler> {
  // The scheduler runs one loop for feeds and one per digest, each asleep on
  // the clock between its own wake-ups: the clock moves when all are asleep.
  const clock = new ManualClock(new Date(startIso), { parties: 1 + ctx.config.digests.length });
  const events: SchedulerEvent[] = [];
  const controller = new AbortController();
  const configMailer = openMailer(ctx.config);
  const mailer = opts.mailer ? opts.mailer(configMailer, clock) : configMailer;
  const compiled = await compileTemplates(ctx.config);
  const running = {} as RunningScheduler;
  const handle = startScheduler(ctx, {
    clock,
    signal: controller.signal,
    holder: opts.holder ?? 'test-scheduler',
    compiled,
    mailer,
    busyRetryMs: opts.busyRetryMs,
    onEvent: (e) => {
      events.push(e);
      opts.onEvent?.(e, running);
    },
    onSendProgress: opts.onSendProgress ? (_d, p) => opts.onSendProgress?.(p) : undefined,
  });
  // A failed loop must fail the test, not hang it on clock.idle().
  const done = handle.done.finally(() => mailer.close());
  done.catch(() => undefined);
  Object.assign(running, {
    clock,
    events,
    controller,
    mailer,
    done,
    advanceTo: async (iso: string) => {
      await Promise.race([clock.advanceTo(new Date(iso)), done.then(() => { throw new Error('scheduler stopped'); })]);
    },
    stop: async () => {
      controller.abort();
      await done;
    },
    of: <T extends SchedulerEvent['type']>(type: T) => events.filter((e): e is Extract<SchedulerEvent, { type: T }> => e.type === type),
  });
  return running;
}
