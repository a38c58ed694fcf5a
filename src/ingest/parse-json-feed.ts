// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) mapped to the same
// RawItem as RSS and Atom. Recognised by content: a JSON object whose
// `version` is a jsonfeed.org URL (servers label it application/feed+json,
// application/json or text/plain alike, so the label decides nothing).
import type { RawItem } from '../shared/types.js';

export type JsonFeedResult =
  | { ok: true; title: string | null; link: string | null; items: RawItem[] }
  | { ok: false; reason: string };

type Loose = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function authorName(item: Loose): string | undefined {
  // 1.1: authors[]; 1.0: author.
  const authors = Array.isArray(item.authors) ? (item.authors as unknown[]) : [item.author];
  for (const a of authors) {
    const name = a && typeof a === 'object' ? str((a as Loose).name) : undefined;
    if (name) return name;
  }
  return undefined;
}

function jsonItem(item: Loose): RawItem {
  const html = typeof item.content_html === 'string' && item.content_html.trim() ? item.content_html : undefined;
  const text = str(item.content_text);
  const out: RawItem = {
    guid: str(item.id),
    link: str(item.url) ?? str(item.external_url),
    title: str(item.title),
    // Text content is text: escaped so the sanitizer never reads it as markup.
    summary: html ?? (text ? escapeHtml(text) : undefined) ?? (str(item.summary) ? escapeHtml(str(item.summary)!) : undefined),
    date: str(item.date_published) ?? str(item.date_modified),
    author: authorName(item),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as RawItem;
}

/** True when the text looks like a JSON Feed (cheap check before JSON.parse). */
export function looksLikeJsonFeed(text: string): boolean {
  return /^\s*\{/.test(text.replace(/^\uFEFF/, '')) && /jsonfeed\.org\/version\//.test(text.slice(0, 65_536));
}

/** Parse a JSON Feed document. Never throws. */
export function parseJsonFeed(text: string): JsonFeedResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, reason: `malformed JSON Feed: ${(err as Error).message.split('\n')[0]}` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, reason: 'not a feed: the JSON is not an object' };
  const feed = doc as Loose;
  if (typeof feed.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\/1(\.1)?\/?$/.test(feed.version)) {
    return { ok: false, reason: 'not a feed: JSON without a JSON Feed version (https://jsonfeed.org/version/1.1)' };
  }
  if (!Array.isArray(feed.items)) return { ok: false, reason: 'not a feed: JSON Feed without an "items" list' };
  const items: RawItem[] = [];
  for (const item of feed.items as unknown[]) {
    if (item && typeof item === 'object' && !Array.isArray(item)) items.push(jsonItem(item as Loose));
  }
  return { ok: true, title: str(feed.title) ?? null, link: str(feed.home_page_url) ?? null, items };
}
