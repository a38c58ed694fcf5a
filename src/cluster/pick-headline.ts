// Which item of a story leads it, and which outlets are listed under it.
// Apart from clustering on purpose: the same stories can be shown with a
// different notion of "best" (source weight per digest, a reader's language…).

/** What headline choice reads from an item. StoredItem satisfies it. */
export interface HeadlineCandidate {
  id: number;
  feedId: number;
  publishedAt: Date;
}

export interface Headline<T> {
  /** The item with the highest weight; on a tie, the one published first, then the smallest id. */
  headline: T;
  /** The best item of every other feed, best first: the "also reported by" list. */
  alsoReportedBy: T[];
  /** Further items from feeds already shown (the headline's own update, a second piece), best first. */
  duplicates: T[];
}

/**
 * Orders a story's items best first by `weight` (for example the feed's
 * catalog weight) and splits them into the headline, one item per other
 * outlet, and the rest. A weight that is not a finite number counts as 0.
 * Throws RangeError for a story without items (clusterItems never makes one).
 */
export function pickHeadline<T extends HeadlineCandidate>(story: { items: readonly T[] }, weight: (item: T) => number): Headline<T> {
  const scored = story.items.map((item) => ({ item, w: finiteOrZero(weight(item)), t: timeOrMax(item.publishedAt) }));
  scored.sort((a, b) => b.w - a.w || a.t - b.t || a.item.id - b.item.id);
  const first = scored[0];
  if (!first) throw new RangeError('pickHeadline: the story has no items');
  const seenFeeds = new Set<number>([first.item.feedId]);
  const alsoReportedBy: T[] = [];
  const duplicates: T[] = [];
  for (const { item } of scored.slice(1)) {
    if (seenFeeds.has(item.feedId)) duplicates.push(item);
    else {
      seenFeeds.add(item.feedId);
      alsoReportedBy.push(item);
    }
  }
  return { headline: first.item, alsoReportedBy, duplicates };
}

function finiteOrZero(n: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** An invalid date sorts after every real one: it cannot be "first to report". */
function timeOrMax(d: Date): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  return Number.isFinite(t) ? t : Number.MAX_VALUE;
}
