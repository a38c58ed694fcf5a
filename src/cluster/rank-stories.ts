// Orders stories for an edition: the more outlets, the better the sources and
// the fresher the story, the higher it goes. Pure: `now` is passed in.

export interface RankableItem {
  id: number;
  feedId: number;
  publishedAt: Date;
}

export interface RankOptions<T> {
  /** The time the edition is built; ages are measured from it. */
  now: Date;
  /** A source's weight (e.g. the catalog's per-feed weight); default 1 for every item. */
  weight?: (item: T) => number;
  /** Age at which the recency factor halves (default 24 h). */
  halfLifeMs?: number;
  /**
   * What counts as one outlet (default: the feed). Pass the outlet's name
   * when one publisher has several feeds ("World" and "Africa" desks), so
   * they are not counted as two outlets.
   */
  outletOf?: (item: T) => string | number;
  /** The date an item is ranked by (default its publishedAt); lets an estimated date rank lower. */
  dateOf?: (item: T) => Date;
}

export interface RankedStory<T> {
  id: string;
  items: T[];
  score: number;
  /** Distinct outlets that reported the story. */
  outlets: number;
  /** Highest source weight among the story's items. */
  weight: number;
  /** When the story was last reported (newest item). */
  latest: Date;
}

export const DEFAULT_HALF_LIFE_MS = 24 * 60 * 60 * 1000;

/**
 * Ranks stories by
 *
 *   score = (1 + ln outlets) × weight × 0.5 ^ (age / halfLife)
 *
 * where `outlets` is the number of distinct outlets, `weight` the highest
 * source weight among the items (a story carried by one strong source beats
 * the same story carried by a weak one; extra weak sources add through
 * `outlets`), and `age` is `now` minus the newest item (never negative: a
 * date in the future counts as now). The log makes the fifth outlet worth
 * less than the second: breadth of coverage matters, but does not drown
 * everything else. Negative or non-finite weights count as 0.
 *
 * Highest score first; ties by more outlets, then newer, then the smaller
 * first item id, so the order is total and repeatable.
 */
export function rankStories<T extends RankableItem>(
  stories: Readonly<Array<{ id: string; items: readonly T[] }>>,
  opts: RankOptions<T>,
): Array<RankedStory<T>> {
  const now = opts.now instanceof Date ? opts.now.getTime() : Number.NaN;
  if (!Number.isFinite(now)) throw new RangeError('rankStories: now must be a valid Date');
  const halfLife = opts.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  if (!(halfLife > 0)) throw new RangeError(`rankStories: halfLifeMs must be > 0, got ${String(halfLife)}`);
  const weightOf = opts.weight ?? (() => 1);
  const outletOf = opts.outletOf ?? ((item: T) => item.feedId);
  const dateOf = opts.dateOf ?? ((item: T) => item.publishedAt);

  const ranked = stories.map((story) => {
    const outletSet = new Set<string | number>();
    let weight = 0;
    let latest = Number.NEGATIVE_INFINITY;
    let minId = Number.POSITIVE_INFINITY;
    for (const item of story.items) {
      outletSet.add(outletOf(item));
      const w = weightOf(item);
      if (typeof w === 'number' && Number.isFinite(w) && w > weight) weight = w;
      const d = dateOf(item);
      const t = d instanceof Date ? d.getTime() : Number.NaN;
      if (Number.isFinite(t) && t > latest) latest = t;
      if (item.id < minId) minId = item.id;
    }
    const outlets = outletSet.size;
    // A story with no valid date is as old as it can be: it sinks, it is not dropped.
    const age = Number.isFinite(latest) ? Math.max(0, now - latest) : Number.POSITIVE_INFINITY;
    const recency = Math.pow(0.5, age / halfLife);
    const score = outlets === 0 ? 0 : (1 + Math.log(outlets)) * weight * recency;
    return {
      ranked: { id: story.id, items: [...story.items], score, outlets, weight, latest: new Date(latest) },
      minId,
      latest,
    };
  });

  ranked.sort(
    (a, b) =>
      b.ranked.score - a.ranked.score ||
      b.ranked.outlets - a.ranked.outlets ||
      compareDesc(a.latest, b.latest) ||
      a.minId - b.minId ||
      (a.ranked.id < b.ranked.id ? -1 : a.ranked.id > b.ranked.id ? 1 : 0),
  );
  return ranked.map((r) => r.ranked);
}

/** Newer first; -Infinity (no valid date) last, without NaN from -Inf − -Inf. */
function compareDesc(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}
