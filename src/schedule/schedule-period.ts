// The period of a digest's schedule: its default maxAge is two of them
// (config), so an item can never be older than two editions.
import { Cron } from 'croner';

/**
 * The shortest gap between the schedule's next slots: one day for
 * "0 7 * * 1-5" (the weekend gap is the exception, not the period).
 */
export function schedulePeriodMs(schedule: { schedule: string; timezone: string }, from: Date = new Date(Date.UTC(2026, 0, 5))): number {
  const runs = new Cron(schedule.schedule, { timezone: schedule.timezone, paused: true }).nextRuns(8, from);
  let min = Infinity;
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime();
    if (gap > 0 && gap < min) min = gap;
  }
  return Number.isFinite(min) ? min : 24 * 3600_000;
}
