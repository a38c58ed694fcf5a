// Which items an edition covers, and whether there are enough of them.
import { formatDateTime } from './format-date.js';

export interface EditionWindow {
  start: Date;
  end: Date;
}

/**
 * The window of items (by first-seen time) for the next edition: from the
 * previous edition's end, or for the first edition `now − lookbackMs`, up to
 * `now`. A previous end in the future (clock change) gives an empty window
 * rather than an inverted one.
 */
export function editionWindow(previous: { windowEnd: Date } | undefined, now: Date, lookbackMs: number): EditionWindow {
  const end = new Date(now.getTime());
  const startMs = previous ? previous.windowEnd.getTime() : now.getTime() - Math.max(0, lookbackMs);
  return { start: new Date(Math.min(startMs, end.getTime())), end };
}

export type BuildDecision = { build: true } | { build: false; reason: string };

/**
 * Whether `count` new items make an edition. The reason for "no" is written
 * for a person: "only 2 new items since 24 Nov 2026, 07:00 UTC (minItems is 3)".
 * `since` is the window start; `timeZone` formats it (default UTC).
 */
export function shouldBuild(count: number, minItems: number, since?: Date, timeZone?: string): BuildDecision {
  const needed = Math.max(1, minItems);
  if (count >= needed) return { build: true };
  const what = count === 0 ? 'no new items' : `only ${count} new item${count === 1 ? '' : 's'}`;
  const when = since ? ` since ${formatDateTime(since, timeZone)}` : '';
  return { build: false, reason: `${what}${when} (minItems is ${minItems})` };
}
