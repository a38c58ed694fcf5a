// Items whose feed gave no date, an invalid one, one before 1990 or one more
// than a day ahead are stored with the fetch time (curate's parseItemDate),
// which would make them the freshest thing in the edition: a "negative year"
// item became the top story and the subject. For ranking, such an item counts
// as just older than the oldest properly dated item of the same fetch, so it
// is kept but ranks below them.

export interface DatedItem {
  publishedAt: Date;
  firstSeenAt: Date;
}

/** Items first seen this close together came from one fetch run. */
const SAME_FETCH_MS = 5 * 60_000;

/** True when the stored date is the fetch time standing in for a missing or absurd one. */
export function isDateEstimated(item: DatedItem): boolean {
  return item.publishedAt.getTime() === item.firstSeenAt.getTime();
}

/** The date each item is ranked by: its own, or for an estimated one, just before the oldest dated item of its fetch. */
export function rankingDates<T extends DatedItem>(items: readonly T[]): Map<T, Date> {
  const dated = items.filter((i) => !isDateEstimated(i));
  const out = new Map<T, Date>();
  for (const item of items) {
    if (!isDateEstimated(item)) {
      out.set(item, item.publishedAt);
      continue;
    }
    const seen = item.firstSeenAt.getTime();
    let oldest = Number.POSITIVE_INFINITY;
    for (const d of dated) {
      if (Math.abs(d.firstSeenAt.getTime() - seen) <= SAME_FETCH_MS) oldest = Math.min(oldest, d.publishedAt.getTime());
    }
    out.set(item, Number.isFinite(oldest) ? new Date(Math.min(seen, oldest) - 1) : item.publishedAt);
  }
  return out;
}
