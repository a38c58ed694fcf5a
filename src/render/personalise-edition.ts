// One subscriber's view of an edition: only the stories that match their
// preferences. Pure, and keyed by the preference set so the caller can compute
// it once per distinct set rather than once per subscriber.
import type { EditionModel, ItemView, StoryView, SubscriberPreferences } from '../shared/types.js';
import { finishModel } from '../shared/finish-model.js';

/** A stable key for a preference set: subscribers with equal keys get equal copies. */
export function preferenceKey(prefs: SubscriberPreferences | undefined): string {
  const norm = (xs: string[] | undefined) => [...new Set(xs ?? [])].sort().join(',');
  return `d=${norm(prefs?.digests)};r=${norm(prefs?.regions)};t=${norm(prefs?.topics)}`;
}

function matches(items: ItemView[], wanted: Set<string>, pick: (i: ItemView) => string[]): boolean {
  return items.some((i) => pick(i).some((k) => wanted.has(k)));
}

/**
 * Keeps the stories a subscriber asked for, in the top-stories block and in
 * the sections alike. Each dimension they set must match (regions AND
 * topics); an unset dimension means "all". A story matches when any of its
 * items (headline or other outlets) carries a wanted key. Counts, reading
 * time and "What to watch" follow the stories kept. Returns null when nothing
 * is left, or when they opted out of this digest: an empty personal copy is
 * not sent.
 */
export function personaliseEdition(model: EditionModel, prefs: SubscriberPreferences | undefined): EditionModel | null {
  if (prefs?.digests?.length && !prefs.digests.includes(model.digest.name)) return null;
  const regions = new Set(prefs?.regions ?? []);
  const topics = new Set(prefs?.topics ?? []);
  if (regions.size === 0 && topics.size === 0) return model;

  const keep = (story: StoryView): boolean => {
    const items = [story.headline, ...story.alsoReportedBy];
    return (
      (regions.size === 0 || matches(items, regions, (i) => i.regions)) &&
      (topics.size === 0 || matches(items, topics, (i) => i.topics))
    );
  };
  const sections = model.sections
    .map((s) => ({ ...s, stories: s.stories.filter(keep) }))
    .filter((s) => s.stories.length > 0);
  const topStories = (model.topStories ?? []).filter(keep);
  // A reader whose stories all made the top block still gets a copy.
  if (sections.length === 0 && topStories.length === 0) return null;
  return finishModel({ ...model, sections, topStories });
}
