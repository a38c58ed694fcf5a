// Builders for cluster tests: an item with the fields clustering reads.
import type { ClusterableItem } from '../../src/cluster/index.js';

export const BASE_TIME = Date.UTC(2026, 10, 24, 12, 0);
export const HOUR = 60 * 60 * 1000;

let seq = 1000;

/** A clusterable item: a unique id and feed, published at BASE_TIME, unless overridden. */
export function makeClusterItem(overrides: Partial<ClusterableItem> & { hoursAfter?: number } = {}): ClusterableItem {
  seq += 1;
  const { hoursAfter, ...rest } = overrides;
  return {
    id: seq,
    feedId: seq,
    title: `Placeholder headline ${seq}`,
    excerpt: `Placeholder summary ${seq}.`,
    publishedAt: new Date(BASE_TIME + (hoursAfter ?? 0) * HOUR),
    ...rest,
  };
}

/** Item ids per story, in story order: the shape most assertions compare. */
export function storyIds(stories: Array<{ items: Array<{ id: number }> }>): number[][] {
  return stories.map((s) => s.items.map((i) => i.id));
}

/** The story holding item `id` (as its item ids). */
export function storyOf(stories: Array<{ items: Array<{ id: number }> }>, id: number): number[] {
  return storyIds(stories).find((ids) => ids.includes(id)) ?? [];
}
