// The edition model: what templates see and `dispatch preview --json` prints.
// Pure: the selected items and `now` come in, a plain JSON-able object goes out.
import { rankingDates } from './ranking-date.js';
import type { EditionModel, ItemView, SectionView, StoredItem, StoryView } from '../shared/types.js';
import { clusterItems, pickHeadline, rankStories } from '../cluster/index.js';
import { htmlToText, safeHttpUrl } from '../curate/index.js';
import { REGION_TITLES, TOPIC_TITLES, type RegionKey } from '../tagging/index.js';
import { finishModel } from '../shared/finish-model.js';
import { headlineSubject } from './headline-subject.js';
import { sizeImages } from './size-images.js';
import { findWhatToWatch } from './what-to-watch.js';

export type SectionBy = 'region' | 'topic' | 'tag';

export interface EditionDigest {
  name: string;
  title: string;
  /** At most this many stories (each story may carry several outlets' items). */
  maxItems: number;
  /** What sections group by: the story's region, its topic, or its feed's first tag (default). */
  sectionBy?: SectionBy;
  /** Section titles by section key (a slugged tag), e.g. { 'middle-east': 'Middle East' }. */
  sectionTitles?: Record<string, string>;
  /** How many stories the "top stories" block at the head shows (default 3; 0 = none). */
  topStories?: number;
  /** At most this many stories whose headline comes from one outlet (unset = no cap). */
  maxPerSource?: number | null;
}

export interface EditionContext {
  now: Date;
  editionId: number | null;
  /** Section keys (or tags) in the order to show them; unlisted sections follow by importance. */
  tagOrder?: string[];
  /** Zone for the date in the preheader fallback (default UTC). */
  timeZone?: string;
}

/** Section for items without a tag. */
export const UNTAGGED_SECTION = { key: 'more', title: 'More' } as const;

/** Top stories are only worth a block of their own in an edition this large. */
const MIN_STORIES_FOR_TOP_BLOCK = 6;

interface RankedView {
  story: StoryView;
  score: number;
  items: StoredItem[];
}

/**
 * Builds the edition model from the selected items. Items reporting the same
 * event across outlets become one story (cluster stage): the best-weighted
 * item is the headline, one item per other outlet is "also reported by".
 * Stories are ranked by number of outlets, source weight and recency; at most
 * `digest.maxItems` stories are kept. The best few open the edition as "top
 * stories" (and are not repeated below); the rest are grouped into sections by
 * region, topic or feed tag. Sections follow `ctx.tagOrder`, then importance
 * (the sum of their stories' scores), with the leftovers ("More") last.
 *
 * Subject: "<digest title>: <top headline>"; the date is in the mail's Date
 * header and the headline is what earns the open. Preheader: the next
 * headlines joined by " · ", at most 140 characters; with a single story,
 * "1 story · 25 Nov 2026".
 */
export function buildEditionModel(items: StoredItem[], digest: EditionDigest, ctx: EditionContext): EditionModel {
  const sectionBy = digest.sectionBy ?? 'tag';
  const weight = (i: StoredItem): number => i.feedWeight ?? 1;
  const clusters = clusterItems(items);
  // A missing or absurd date (stored as the fetch time) ranks below the properly dated items of its fetch.
  const rankDate = rankingDates(items);
  const ranked = rankStories(clusters, { now: ctx.now, weight, dateOf: (i) => rankDate.get(i) ?? i.publishedAt });
  const maxStories = Math.max(0, Math.floor(digest.maxItems));
  const perSourceCap = digest.maxPerSource != null && digest.maxPerSource > 0 ? Math.floor(digest.maxPerSource) : Infinity;
  const perSource = new Map<string, number>();
  const views: RankedView[] = [];
  // Best first; a story whose outlet has had its share already gives way to
  // the next one, so one prolific feed cannot fill the edition.
  for (const r of ranked) {
    if (views.length >= maxStories) break;
    const { headline, alsoReportedBy } = pickHeadline(r, weight);
    const used = perSource.get(headline.source) ?? 0;
    if (used >= perSourceCap) continue;
    perSource.set(headline.source, used + 1);
    views.push({
      story: { id: r.items.length === 1 ? `item-${headline.id}` : r.id, headline: toItemView(headline), alsoReportedBy: alsoReportedBy.map(toItemView) },
      score: r.score,
      items: r.items,
    });
  }

  const topCount = views.length >= MIN_STORIES_FOR_TOP_BLOCK ? Math.max(0, digest.topStories ?? 3) : 0;
  const top = views.slice(0, topCount);
  const rest = views.slice(topCount);

  const groups = new Map<string, { title: string; views: RankedView[]; importance: number }>();
  for (const v of rest) {
    const { key, title } = sectionOf(v, sectionBy, digest);
    const group = groups.get(key) ?? { title, views: [], importance: 0 };
    group.views.push(v);
    group.importance += v.score;
    groups.set(key, group);
  }

  const order = (ctx.tagOrder ?? []).map((t) => sectionKey(t));
  const rank = (key: string): number => {
    const i = order.indexOf(key);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const keys = [...groups.keys()].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    // The leftovers section goes last: it is what no region/topic/tag claimed.
    if (a === UNTAGGED_SECTION.key || b === UNTAGGED_SECTION.key) return a === UNTAGGED_SECTION.key ? 1 : -1;
    const byImportance = (groups.get(b)?.importance ?? 0) - (groups.get(a)?.importance ?? 0);
    if (byImportance !== 0) return byImportance;
    return a < b ? -1 : a > b ? 1 : 0;
  });

  const sections: SectionView[] = keys.map((key) => {
    const group = groups.get(key)!;
    return { key, title: digest.sectionTitles?.[key] ?? group.title, stories: group.views.map((v) => v.story) };
  });

  const stories = [...top.map((v) => v.story), ...sections.flatMap((s) => s.stories)];
  const headlines = stories.map((story) => story.headline.title);
  const { subject, preheader } = headlineSubject(digest.title, headlines, ctx.now, ctx.timeZone);

  return finishModel({
    digest: { name: digest.name, title: digest.title },
    editionId: ctx.editionId,
    subject,
    preheader,
    date: ctx.now.toISOString(),
    sections,
    topStories: top.map((v) => v.story),
    itemCount: 0,
    editorsNote: null,
    whatToWatch: findWhatToWatch(stories, ctx.now),
  });
}

/** The section a story belongs to: its headline's first region/topic/tag, the most common across its items. */
function sectionOf(v: RankedView, by: SectionBy, digest: EditionDigest): { key: string; title: string } {
  const pick = (i: StoredItem): string[] => (by === 'region' ? i.regions : by === 'topic' ? i.topics : i.tags.slice(0, 1));
  const counts = new Map<string, number>();
  // The headline's own keys win ties, then the order they were first seen.
  for (const item of [v.items.find((i) => i.id === v.story.headline.id), ...v.items]) {
    if (!item) continue;
    for (const k of pick(item)) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [k, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = k;
  if (best === undefined || best.trim() === '') return UNTAGGED_SECTION;
  const key = sectionKey(best);
  const named = by === 'region' ? REGION_TITLES[best as RegionKey] : by === 'topic' ? TOPIC_TITLES[best as keyof typeof TOPIC_TITLES] : undefined;
  return { key, title: digest.sectionTitles?.[key] ?? named ?? titleCase(best) };
}

export function toItemView(item: StoredItem): ItemView {
  return {
    id: item.id,
    source: item.source,
    title: item.title,
    // Templates put `url` into href unchecked, so check again here rather than trust the store.
    url: item.url ? safeHttpUrl(item.url) : null,
    summaryHtml: sizeImages(item.summaryHtml),
    // The whole summary, not the capped excerpt: the text part must say what the HTML says.
    summaryText: item.summaryHtml ? htmlToText(item.summaryHtml) : item.excerpt,
    excerpt: item.excerpt,
    publishedAt: item.publishedAt.toISOString(),
    countries: [...item.countries],
    ...(item.aboutCountries ? { aboutCountries: [...item.aboutCountries] } : {}),
    regions: [...item.regions],
    topics: [...item.topics],
  };
}

/** A tag as a section key: lower-case slug ("Middle East" → "middle-east"); no tag → "more". */
export function sectionKey(tag: string | undefined): string {
  const slug = (tag ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? UNTAGGED_SECTION.key : slug;
}

function titleCase(tag: string): string {
  return tag
    .trim()
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => (w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}
