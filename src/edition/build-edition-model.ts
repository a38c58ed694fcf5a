// The edition model: what templates see and `dispatch preview --json` prints.
// Pure: the selected items and `now` come in, a plain JSON-able object goes out.
import type { EditionModel, ItemView, SectionView, StoredItem, StoryView } from '../shared/types.js';
import { formatDay } from './format-date.js';

export interface EditionDigest {
  name: string;
  title: string;
  maxItems: number;
  /** Section titles by section key (a slugged tag), e.g. { 'middle-east': 'Middle East' }. */
  sectionTitles?: Record<string, string>;
}

export interface EditionContext {
  now: Date;
  editionId: number | null;
  /** Section keys (or tags) in the order to show them; unlisted sections follow by size. */
  tagOrder?: string[];
  /** Zone for the date in the preheader fallback (default UTC). */
  timeZone?: string;
}

/** Section for items without a tag. */
export const UNTAGGED_SECTION = { key: 'more', title: 'More' } as const;

const MAX_SUBJECT_CHARS = 120;
const MAX_PREHEADER_CHARS = 140;

/**
 * Builds the edition model from the selected items: newest first, at most
 * `digest.maxItems`, grouped into sections by each item's first tag (untagged
 * items go to "More"). Sections follow `ctx.tagOrder`, then size (largest
 * first), then key. Each item is one story (`item-<id>`) for now.
 *
 * Subject: "<digest title>: <top headline>", the top headline being the
 * newest item of the first section; the date is in the mail's Date header
 * and the headline is what earns the open. Preheader: the next headlines
 * joined by " · ", at most 140 characters; with a single item,
 * "1 story · 25 Nov 2026".
 */
export function buildEditionModel(items: StoredItem[], digest: EditionDigest, ctx: EditionContext): EditionModel {
  const chosen = [...items]
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
    .slice(0, Math.max(0, Math.floor(digest.maxItems)));

  const groups = new Map<string, StoredItem[]>();
  for (const item of chosen) {
    const key = sectionKey(item.tags[0]);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }

  const order = (ctx.tagOrder ?? []).map((t) => sectionKey(t));
  const rank = (key: string): number => {
    const i = order.indexOf(key);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const keys = [...groups.keys()].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const bySize = (groups.get(b)?.length ?? 0) - (groups.get(a)?.length ?? 0);
    if (bySize !== 0) return bySize;
    // The untagged section goes last among equals: it is the leftovers.
    if (a === UNTAGGED_SECTION.key || b === UNTAGGED_SECTION.key) return a === UNTAGGED_SECTION.key ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });

  const sections: SectionView[] = keys.map((key) => {
    const group = groups.get(key) ?? [];
    const firstTag = group[0]?.tags[0];
    return {
      key,
      title: digest.sectionTitles?.[key] ?? (firstTag !== undefined && firstTag.trim() !== '' ? titleCase(firstTag) : UNTAGGED_SECTION.title),
      stories: group.map(toStory),
    };
  });

  const headlines = sections.flatMap((s) => s.stories.map((story) => story.headline.title));
  const itemCount = chosen.length;
  const top = headlines[0];
  const subject = oneLine(top ? `${digest.title}: ${top}` : digest.title, MAX_SUBJECT_CHARS);
  const rest = headlines.slice(1, 4);
  const preheader =
    rest.length > 0
      ? joinCapped(rest, ' · ', MAX_PREHEADER_CHARS)
      : oneLine(`${itemCount} ${itemCount === 1 ? 'story' : 'stories'} · ${formatDay(ctx.now, ctx.timeZone)}`, MAX_PREHEADER_CHARS);

  return {
    digest: { name: digest.name, title: digest.title },
    editionId: ctx.editionId,
    subject,
    preheader,
    date: ctx.now.toISOString(),
    sections,
    itemCount,
  };
}

function toStory(item: StoredItem): StoryView {
  return { id: `item-${item.id}`, headline: toItemView(item), alsoReportedBy: [] };
}

export function toItemView(item: StoredItem): ItemView {
  return {
    id: item.id,
    source: item.source,
    title: item.title,
    url: httpUrlOrNull(item.url),
    summaryHtml: item.summaryHtml,
    excerpt: item.excerpt,
    publishedAt: item.publishedAt.toISOString(),
    countries: [],
    regions: [],
    topics: [],
  };
}

/** Templates put `url` into href unchecked, so check again here rather than trust the store. */
function httpUrlOrNull(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
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

/** Collapses whitespace (no CR/LF can reach a header) and caps at a word boundary. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max * 0.5 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,;:.\-–—·]+$/u, '')}…`;
}

/** Joins whole parts while they fit; if not even the first fits, it is cut. */
function joinCapped(parts: string[], sep: string, max: number): string {
  let out = '';
  for (const part of parts) {
    const flat = part.replace(/\s+/g, ' ').trim();
    const next = out === '' ? flat : `${out}${sep}${flat}`;
    if (next.length > max) return out === '' ? oneLine(flat, max) : out;
    out = next;
  }
  return out;
}
