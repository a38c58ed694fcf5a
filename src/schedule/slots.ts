// Slots: the instants a digest's cron expression names in its time zone.
// Pure: every function takes the times it reasons about as arguments.
import { Cron } from 'croner';

export interface SlotSchedule {
  /** Cron expression, 5 or 6 fields (croner). */
  schedule: string;
  /** IANA time zone the expression is read in. */
  timezone: string;
}

/** Older slots than this are not enumerated one by one (a per-minute digest after a month offline). */
const MAX_LOOKBACK_MS = 7 * 24 * 3600_000;

function cronOf(s: SlotSchedule): Cron {
  // paused: croner never starts a timer; we only ask it for dates.
  return new Cron(s.schedule, { timezone: s.timezone, paused: true });
}

/** The key a slot is stored under (editions.slot, slot_runs.slot). */
export function slotKey(slot: Date): string {
  return slot.toISOString();
}

/**
 * The next `n` slots strictly after `from`. Across a DST change croner runs a
 * fixed-time job once: a time in the spring gap moves to the first valid
 * minute after it, a time that occurs twice in autumn runs on its first occurrence.
 */
export function nextSlots(s: SlotSchedule, from: Date, n: number): Date[] {
  return cronOf(s).nextRuns(n, from);
}

/** The first slot strictly after `from`, or null when the expression never fires again. */
export function nextSlot(s: SlotSchedule, from: Date): Date | null {
  return cronOf(s).nextRun(from);
}

export interface MissedSlot {
  slot: Date;
  reason: string;
}

export interface DuePlan {
  /** The one slot to run now, or null. */
  run: Date | null;
  /** Slots that will never be sent, with why (logged and recorded). */
  missed: MissedSlot[];
}

/**
 * Which slots in (since, now] to act on. Only the latest one may run, and only
 * if it is at most `graceMs` old: after downtime a digest goes out once, never
 * as a burst of stale editions, and never hours late by surprise. Earlier
 * slots are missed ("superseded" when a later one runs instead).
 */
export function dueSlots(s: SlotSchedule, since: Date, now: Date, graceMs: number): DuePlan {
  const from = new Date(Math.max(since.getTime(), now.getTime() - Math.max(graceMs, MAX_LOOKBACK_MS)));
  const slots: Date[] = [];
  const cron = cronOf(s);
  for (let next = cron.nextRun(from); next && next.getTime() <= now.getTime(); next = cron.nextRun(next)) {
    slots.push(next);
  }
  const latest = slots.at(-1);
  if (!latest) return { run: null, missed: [] };
  const lateMs = now.getTime() - latest.getTime();
  const inGrace = lateMs <= graceMs;
  const missed = slots.slice(0, -1).map((slot) => ({
    slot,
    reason: inGrace ? `superseded by the slot of ${slotKey(latest)}` : `more than ${formatMs(graceMs)} late (catch-up grace)`,
  }));
  if (!inGrace) missed.push({ slot: latest, reason: `more than ${formatMs(graceMs)} late (catch-up grace)` });
  return { run: inGrace ? latest : null, missed };
}

/** "6h", "90m", "45s": for messages. */
export function formatMs(ms: number): string {
  if (ms % 3600_000 === 0) return `${ms / 3600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
