// Parses a feed document (RSS 0.9x/1.0/2.0 or Atom) with rss-parser's
// parseString into RawItems. rss-parser throws on a whole feed for a few
// per-item defects (an Atom date that is not a date, an Atom <link> without
// attributes); we defuse those through xml2js's validator hook before
// rss-parser sees them and read the raw values back through customFields.
import Parser from 'rss-parser';
import type { RawItem } from '../shared/types.js';
import { looksLikeJsonFeed, parseJsonFeed } from './parse-json-feed.js';
import { recoverXml } from './recover-xml.js';

export type ParseResult =
  | {
      ok: true;
      title: string | null;
      link: string | null;
      items: RawItem[];
      /** Set when the document was not well-formed and had to be recovered (what was wrong). */
      malformed?: string;
    }
  | { ok: false; reason: string };

export interface ParseFeedOptions {
  /** Where the document came from: the base for Atom xml:base values that are themselves relative. */
  baseUrl?: string;
}

/** Fields we add to rss-parser's items to read raw values back. */
const RAW_PUBLISHED = 'dispatch:published';
const RAW_UPDATED = 'dispatch:updated';
const RAW_LINKS = 'dispatch:links';
const RAW_GUID = 'dispatch:guid';
const RAW_BASE = 'dispatch:base';

type Loose = Record<string, unknown>;

/**
 * Called by xml2js for every element as it closes; its return value replaces
 * the element. Atom dates become objects (`{ _: text }`) so rss-parser's
 * `new Date(x).toISOString()` is skipped (it only runs on strings) while
 * copyFromXML still unwraps `_` into our raw field. Atom links always get an
 * attribute object, because rss-parser reads `link.$.rel` unguarded.
 */
function defuse(xpath: string, _current: unknown, value: unknown): unknown {
  // rss-parser drops attributes of <feed> and <entry>; xml:base is copied
  // into a child it is told to keep (customFields).
  if ((xpath === '/feed' || xpath === '/feed/entry') && value && typeof value === 'object') {
    const base = text(attrs(value)['xml:base']);
    if (base !== undefined) return { ...(value as Loose), [RAW_BASE]: [base] };
  }
  if (xpath === '/feed/entry/published' || xpath === '/feed/entry/updated') {
    return typeof value === 'string' ? { _: value } : value;
  }
  if (xpath === '/feed/entry/link' || xpath === '/feed/link') {
    if (typeof value === 'string') return { $: value.trim() ? { href: value.trim() } : {} };
    if (value && typeof value === 'object' && !('$' in value)) return { ...(value as Loose), $: {} };
  }
  return value;
}

function makeParser(): Parser<Loose, Loose> {
  return new Parser<Loose, Loose>({
    // A feed whose <rss> lacks version="2.x" is still most likely RSS 2.0.
    defaultRSS: 2,
    xml2js: { validator: defuse },
    customFields: {
      feed: [RAW_BASE] as unknown as string[],
      item: [
        [RAW_BASE, RAW_BASE],
        ['published', RAW_PUBLISHED],
        ['updated', RAW_UPDATED],
        ['link', RAW_LINKS, { keepArray: true }],
        ['guid', RAW_GUID, { keepArray: true }],
      ] as unknown as string[],
    },
  });
}

/** Text of an xml2js value: a string, `{ _: text }`, or the first of an array. */
function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && typeof (value as Loose)._ === 'string') return text((value as Loose)._);
  return undefined;
}

/** Like text() but keeps the HTML as given (no trimming inside markup matters, only around it). */
function html(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : text(value);
}

function attrs(value: unknown): Loose {
  if (value && typeof value === 'object' && '$' in value) {
    const a = (value as Loose).$;
    if (a && typeof a === 'object') return a as Loose;
  }
  return {};
}

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * Resolves `ref` against a chain of bases, outermost first (document URL,
 * feed xml:base, entry xml:base, link xml:base). A base that cannot be
 * resolved is skipped; a result that is still relative is returned as is
 * (curate resolves it against the feed URL).
 */
function resolveAgainst(ref: string, bases: Array<string | undefined>): string {
  let base: string | undefined;
  for (const b of bases) {
    if (b === undefined) continue;
    try {
      base = new URL(b, base).href;
    } catch {
      // A relative base with nothing absolute above it: keep the last good one.
    }
  }
  if (base === undefined) return ref;
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function atomLink(links: unknown, bases: Array<string | undefined>): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const candidates = links
    .map((l) => ({ href: text(attrs(l).href), rel: text(attrs(l).rel) ?? 'alternate', type: text(attrs(l).type), base: text(attrs(l)['xml:base']) }))
    .filter((l) => l.href && l.rel === 'alternate');
  // An entry may offer alternates in several formats; the HTML page is the one to link.
  const best = candidates.find((l) => !l.type || /html/i.test(l.type)) ?? candidates[0];
  return best?.href === undefined ? undefined : resolveAgainst(best.href, [...bases, best.base]);
}

function rssItem(item: Loose): RawItem {
  const guidRaw = Array.isArray(item[RAW_GUID]) ? (item[RAW_GUID] as unknown[])[0] : undefined;
  const guid = text(guidRaw);
  let link = text(item[RAW_LINKS]) ?? text(item.link);
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  if (!link && guid && isHttpUrl(guid) && text(attrs(guidRaw).isPermaLink)?.toLowerCase() !== 'false') link = guid;
  return {
    guid,
    link,
    title: text(item.title),
    summary: html(item['content:encoded']) ?? html(item.content) ?? html(item.summary),
    date: text(item.pubDate) ?? text(item.date),
    author: text(item.creator) ?? text(item.author),
  };
}

function atomItem(item: Loose, feedBases: Array<string | undefined>): RawItem {
  return {
    guid: text(item.id),
    link: atomLink(item[RAW_LINKS], [...feedBases, text(item[RAW_BASE])]),
    title: text(item.title),
    summary: html(item.content) ?? html(item.summary),
    date: text(item[RAW_PUBLISHED]) ?? text(item[RAW_UPDATED]),
    author: text(item.author),
  };
}

function withoutUndefined(item: RawItem): RawItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as RawItem;
}

/** What the document starts with, skipping the prolog, comments and a DOCTYPE. */
function sniff(xml: string): { root: string | null; doctype: string | null } {
  let rest = xml.replace(/^\uFEFF/, '').slice(0, 65_536);
  let doctype: string | null = null;
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return { root: null, doctype };
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return { root: null, doctype };
      rest = rest.slice(end + 3);
    } else if (/^<!doctype/i.test(rest)) {
      doctype = /^<!doctype\s+([^\s>[]+)/i.exec(rest)?.[1] ?? '';
      const bracket = rest.indexOf('[');
      const close = rest.indexOf('>');
      const end = bracket >= 0 && bracket < close ? rest.indexOf(']>') + 1 : close;
      if (end <= 0) return { root: null, doctype };
      rest = rest.slice(end + 1);
    } else {
      return { root: /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1] ?? null, doctype };
    }
  }
}

function describeXmlError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // sax: "Unexpected close tag\nLine: 4\nColumn: 7\nChar: >", line 0-based.
  const sax = /^([^\n]+)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (sax) return `malformed XML: ${sax[1]} (line ${Number(sax[2]) + 1}, column ${sax[3]})`;
  return `malformed XML: ${message.split('\n')[0]}`;
}

async function parseWithRssParser(xml: string): Promise<Loose> {
  // A fresh parser per document: xml2js keeps state between parseString calls
  // and is left in a bad state when a callback throws.
  return (await makeParser().parseString(xml)) as unknown as Loose;
}

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:RDF']);

/** Parse a feed document (RSS, Atom or JSON Feed). Never throws. */
export async function parseFeed(xml: string, opts: ParseFeedOptions = {}): Promise<ParseResult> {
  try {
    return await parseFeedDocument(xml, opts);
  } catch (err) {
    // The parsers are third-party code walking hostile input: whatever they
    // throw becomes this feed's failure, never the run's.
    return { ok: false, reason: `not a feed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

async function parseFeedDocument(xml: string, opts: ParseFeedOptions): Promise<ParseResult> {
  if (xml.trim() === '') return { ok: false, reason: 'not a feed: the document is empty' };
  if (looksLikeJsonFeed(xml)) return parseJsonFeed(xml);
  const { root, doctype } = sniff(xml);
  if (doctype?.toLowerCase() === 'html' || root?.toLowerCase() === 'html') {
    return { ok: false, reason: 'not a feed: got an HTML page' };
  }
  if (!root) {
    const start = xml.trimStart();
    if (start.startsWith('{')) return parseJsonFeed(start);
    return { ok: false, reason: `not a feed: not XML (starts with ${JSON.stringify(start.slice(0, 40))})` };
  }
  if (!FEED_ROOTS.has(root)) {
    return { ok: false, reason: `not a feed: the root element is <${root}>, not <rss>, <feed> or <rdf:RDF>` };
  }

  if (root === 'rss' && !/<channel[\s>]/.test(xml)) return { ok: false, reason: 'not a feed: <rss> has no <channel>' };

  let feed: Loose;
  let malformed: string | undefined;
  try {
    feed = await parseWithRssParser(xml);
  } catch (err) {
    // Bare ampersands and HTML entities are the usual reason; recovered, the
    // whole feed is kept and the feed is marked malformed.
    const recovered = recoverXml(xml);
    if (!recovered.changed) return { ok: false, reason: describeParseError(err) };
    try {
      feed = await parseWithRssParser(recovered.xml);
      malformed = `${describeParseError(err)}; recovered (bare & or HTML entities)`;
    } catch {
      return { ok: false, reason: describeParseError(err) };
    }
  }

  const atom = root === 'feed';
  const feedBases = [opts.baseUrl, atom ? text(feed[RAW_BASE]) : undefined];
  const items: RawItem[] = [];
  for (const item of Array.isArray(feed.items) ? (feed.items as unknown[]) : []) {
    if (!item || typeof item !== 'object') continue;
    items.push(withoutUndefined(atom ? atomItem(item as Loose, feedBases) : rssItem(item as Loose)));
  }
  return { ok: true, title: text(feed.title) ?? null, link: text(feed.link) ?? null, items, ...(malformed ? { malformed } : {}) };
}

function describeParseError(err: unknown): string {
  if (err instanceof TypeError) {
    // rss-parser walks the tree unguarded; a missing <channel> surfaces as a TypeError.
    return `not a feed: unexpected structure (${err.message})`;
  }
  return describeXmlError(err);
}
