// Turns parsed feed entries into clean items. Pure: no I/O, `now` passed in.
// One bad entry is rejected with a reason; it never throws and never takes the
// rest of its feed down with it.
import { createHash } from 'node:crypto';
import type { NewItem, RawItem } from '../shared/types.js';
import { canonicalUrl, cleanLinkUrl } from './canonical-url.js';
import { contentHash } from './content-hash.js';
import { collapseWhitespace, htmlToText, toExcerpt, truncateText } from './excerpt.js';
import { parseItemDate } from './parse-item-date.js';
import { sanitizeSummary } from './sanitize-summary.js';

export interface CurateContext {
  feedId: number;
  /** The feed's URL (or local path); relative item links resolve against it. */
  feedUrl: string;
  tags: string[];
  now: Date;
  /**
   * For a newly added feed: items published before this are recorded as
   * seenOnly (its back catalogue is never offered). Null for known feeds.
   */
  seenOnlyBefore: Date | null;
  /** Excerpt length cap in characters (default 300). */
  excerptChars?: number;
}

export interface CurateRejection {
  /** Position of the entry in the input array. */
  index: number;
  reason: string;
}

export interface CurateResult {
  items: NewItem[];
  /** Entries that were unusable or duplicated an earlier entry of the same batch. */
  rejected: CurateRejection[];
}

export const MAX_TITLE_CHARS = 300;
/** Sanitized summaries above this fall back to the excerpt: a whole article would blow the mail size budget. */
export const MAX_SUMMARY_HTML_CHARS = 5000;
const MAX_GUID_CHARS = 500;

/**
 * Cleans a batch of raw entries from one feed: sanitized summary, excerpt,
 * http(s)-only links without tracking parameters, canonical URL, content
 * hash, a date that is never missing nor in the future, and a guid (the
 * feed's, else the canonical link, else the content hash). Entries that
 * repeat an earlier one in the batch (same guid, canonical URL or content
 * hash) are rejected as duplicates; the store dedupes across feeds and runs.
 */
export function curateItems(raw: RawItem[], ctx: CurateContext): CurateResult {
  const items: NewItem[] = [];
  const rejected: CurateRejection[] = [];
  const byGuid = new Map<string, number>();
  const byUrl = new Map<string, number>();
  const byHash = new Map<string, number>();
  const tags = normaliseTags(ctx.tags);

  raw.forEach((entry, index) => {
    let item: NewItem;
    try {
      const result = curateOne(entry, ctx, tags);
      if (typeof result === 'string') {
        rejected.push({ index, reason: result });
        return;
      }
      item = result;
    } catch (err) {
      // Defence in depth: a library throwing on one odd entry must not cost the feed.
      rejected.push({ index, reason: `could not be cleaned: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }

    const dup =
      duplicateOf(byGuid, item.guid, 'guid') ??
      (item.canonicalUrl ? duplicateOf(byUrl, item.canonicalUrl, 'link') : undefined) ??
      duplicateOf(byHash, item.contentHash, 'title and text');
    if (dup) {
      rejected.push({ index, reason: dup });
      return;
    }
    byGuid.set(item.guid, index);
    if (item.canonicalUrl) byUrl.set(item.canonicalUrl, index);
    byHash.set(item.contentHash, index);
    items.push(item);
  });

  return { items, rejected };
}

function duplicateOf(seen: Map<string, number>, key: string, what: string): string | undefined {
  const first = seen.get(key);
  return first === undefined ? undefined : `duplicate of entry ${first} (same ${what})`;
}

/** A clean item, or the reason the entry is unusable. */
function curateOne(entry: RawItem, ctx: CurateContext, tags: string[]): NewItem | string {
  if (entry === null || typeof entry !== 'object') return 'not an entry';
  const link = str(entry.link);
  const feedBase = ctx.feedUrl;
  const url = link ? cleanLinkUrl(link, feedBase) : null;
  const canon = link ? canonicalUrl(link, feedBase) : null;
  const titleText = titleToText(str(entry.title) ?? '');

  if (titleText === '' && url === null) {
    return link ? `no title and the link is not an http(s) URL (${truncateText(link, 80)})` : 'no title and no link';
  }

  // Relative links inside the summary are relative to the article, else to the feed.
  let summaryHtml = sanitizeSummary(str(entry.summary) ?? '', url ?? safeBase(feedBase));
  const excerpt = toExcerpt(summaryHtml, ctx.excerptChars ?? 300);
  if (summaryHtml.length > MAX_SUMMARY_HTML_CHARS) summaryHtml = excerpt === '' ? '' : `<p>${escapeHtml(excerpt)}</p>`;

  const title = titleText !== '' ? titleText : fallbackTitle(excerpt, url);
  const guidGiven = normaliseGuid(str(entry.guid));
  const hash = contentHash(title, excerpt, canon ?? guidGiven);
  const guid = guidGiven ?? canon ?? hash;
  const publishedAt = parseItemDate(str(entry.date), ctx.now, ctx.now);

  return {
    feedId: ctx.feedId,
    guid,
    url,
    canonicalUrl: canon,
    title,
    summaryHtml,
    excerpt,
    publishedAt,
    firstSeenAt: new Date(ctx.now.getTime()),
    contentHash: hash,
    tags: [...tags],
    // Filled by classifyItems (tagging is its own step, with its own data).
    countries: [],
    regions: [],
    topics: [],
    seenOnly: ctx.seenOnlyBefore != null && publishedAt.getTime() < ctx.seenOnlyBefore.getTime(),
  };
}

/**
 * A title as plain text: tags stripped and entities decoded once ("AT&amp;T"
 * → "AT&T"), whitespace collapsed, capped. Text that merely contains "<" (as
 * in "a<b") is not taken for markup. Template syntax such as `{{#each}}` is
 * left exactly as it is: rendering escapes it, nothing compiles it.
 */
function titleToText(raw: string): string {
  if (raw === '') return '';
  const looksLikeMarkup = /<\/?[a-zA-Z][^>]*>|<!--/.test(raw);
  const text = htmlToText(looksLikeMarkup ? raw : raw.replace(/</g, '&lt;'));
  return truncateText(collapseWhitespace(text), MAX_TITLE_CHARS);
}

function fallbackTitle(excerpt: string, url: string | null): string {
  if (excerpt !== '') return truncateText(excerpt, 100);
  if (url !== null) {
    const u = new URL(url);
    return truncateText(`${u.hostname}${u.pathname === '/' ? '' : u.pathname}`, 100);
  }
  return 'Untitled';
}

function normaliseGuid(guid: string | undefined): string | undefined {
  const trimmed = guid?.trim();
  if (!trimmed) return undefined;
  // Keep the key small for the store's unique index; a hash is just as unique.
  return trimmed.length > MAX_GUID_CHARS ? `sha256:${createHash('sha256').update(trimmed).digest('hex')}` : trimmed;
}

function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const t = typeof tag === 'string' ? tag.trim() : '';
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Only an http(s) feed URL is a base for summary links; a local path is not. */
function safeBase(feedUrl: string): string | null {
  return cleanLinkUrl(feedUrl);
}

/** rss-parser sometimes hands over objects or arrays where a string was expected. */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
