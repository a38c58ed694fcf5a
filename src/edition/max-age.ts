// Per-digest maxAge: items published longer ago than this never enter an
// edition, whatever the window. A first run (or one after a pause) otherwise
// looks back `lookback` by first-seen time, and a feed seen for the first
// time hands over its whole back catalogue with fresh first-seen times.

/** Items published within `maxAgeMs` before `now`. */
export function recentEnough<T extends { publishedAt: Date }>(items: T[], now: Date, maxAgeMs: number): T[] {
  const cutoff = now.getTime() - maxAgeMs;
  return items.filter((i) => i.publishedAt.getTime() >= cutoff);
}
