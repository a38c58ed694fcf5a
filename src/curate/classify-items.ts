// Tags curated items with countries, regions and topics, and applies the
// default relevance check (every feed: sports results, celebrity, weather and
// markets-only items stay out) and the feed's own rules (foreign-policy
// filter, keyword include/exclude, maximum age, per-fetch cap). Pure. An item
// a rule keeps out is still stored, as seenOnly, so it is never offered and
// never re-evaluated as new.
import { checkRelevance, createTagger } from '../tagging/index.js';
import type { NewItem } from '../shared/types.js';

export interface FeedPolicy {
  regions?: string[];
  topics?: string[];
  /** `none` turns the default relevance check off for this feed. */
  filter?: 'foreign-policy' | 'none' | null;
  include?: string[];
  exclude?: string[];
  maxAgeMs?: number | null;
  maxItems?: number | null;
}

type Tagger = ReturnType<typeof createTagger>;
let defaultTagger: Tagger | undefined;

/** The gazetteer compiles once per process, not once per feed. */
function tagger(): Tagger {
  defaultTagger ??= createTagger();
  return defaultTagger;
}

function keywordPattern(words: readonly string[]): RegExp | null {
  const parts = words.map((w) => w.trim()).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return parts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'iu') : null;
}

export function classifyItems(items: NewItem[], policy: FeedPolicy, now: Date): NewItem[] {
  const tag = tagger();
  const include = keywordPattern(policy.include ?? []);
  const exclude = keywordPattern(policy.exclude ?? []);
  const oldest = policy.maxAgeMs != null ? now.getTime() - policy.maxAgeMs : null;

  const out = items.map((item): NewItem => {
    const found = tag({ title: item.title, text: item.excerpt });
    // Sections and reader preferences go by what the item is about, not by
    // every country it mentions: a US-brokered Sudan deal is an Africa story.
    const regions = found.aboutRegions.length ? [...found.aboutRegions] : found.regions.length ? [...found.regions] : [...(policy.regions ?? [])];
    const topics = found.topics.length ? [...found.topics] : [...(policy.topics ?? [])];
    const text = `${item.title}\n${item.excerpt}`;
    const keep =
      (policy.filter === 'none' || checkRelevance({ title: item.title, text: item.excerpt }).relevant) &&
      !(policy.filter === 'foreign-policy' && found.countries.length === 0 && found.topics.length === 0) &&
      !(include && !include.test(text)) &&
      !(exclude && exclude.test(text)) &&
      !(oldest != null && item.publishedAt.getTime() < oldest);
    return { ...item, countries: [...found.countries], aboutCountries: [...found.aboutCountries], regions, topics, seenOnly: item.seenOnly || !keep };
  });

  if (policy.maxItems != null) {
    // The cap keeps the newest offered items; the rest are recorded as seen.
    const offered = out.filter((i) => !i.seenOnly).sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
    const dropped = new Set(offered.slice(policy.maxItems));
    return out.map((i) => (dropped.has(i) ? { ...i, seenOnly: true } : i));
  }
  return out;
}
