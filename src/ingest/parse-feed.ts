// Parses a feed document (RSS 0.9x/1.0/2.0 or Atom) with rss-parser's
// parseString into RawItems. rss-parser throws on a whole feed for a few
// per-item defects (an Atom date that is not a date, an Atom <link> without
// attributes); we defuse those through xml2js's validator hook before
// rss-parser sees them and read the raw values back through customFields.
import Parser from 'rss-parser';
import type { RawItem } from '../shared/types.js';

export type ParseResult =
  | { ok: true; title: string | null; link: string | null; items: RawItem[] }
  | { ok: false; reason: string };

/** Fields we add to rss-parser's items to read raw values back. */
const RAW_PUBLISHED = 'dispatch:published';
const RAW_UPDATED = 'dispatch:updated';
const RAW_LINKS = 'dispatch:links';
const RAW_GUID = 'dispatch:guid';

type Loose = Record<string, unknown>;

/**
 * Called by xml2js for every element as it closes; its return value replaces
 * the element. Atom dates become objects (`{ _: text }`) so rss-parser's
 * `new Date(x).toISOString()` is skipped (it only runs on strings) while
 * copyFromXML still unwraps `_` into our raw field. Atom links always get an
 * attribute object, because rss-parser reads `link.$.rel` unguarded.
 */
function defuse(xpath: string, _current: unknown, value: unknown): unknown {
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
      item: [
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

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const candidates = links
    .map((l) => ({ href: text(attrs(l).href), rel: text(attrs(l).rel) ?? 'alternate', type: text(attrs(l).type) }))
    .filter((l) => l.href && l.rel === 'alternate');
  // An entry may offer alternates in several formats; the HTML page is the one to link.
  const best = candidates.find((l) => !l.type || /html/i.test(l.type)) ?? candidates[0];
  return best?.href;
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

function atomItem(item: Loose): RawItem {
  return {
    guid: text(item.id),
    link: atomLink(item[RAW_LINKS]),
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

// HTML entity names that turn up in feeds although XML does not define them.
// Used only to retry a document the strict parser rejected for them.
const HTML_ENTITIES: Record<string, number> = {
  nbsp: 160, iexcl: 161, cent: 162, pound: 163, curren: 164, yen: 165, sect: 167, uml: 168, copy: 169,
  ordf: 170, laquo: 171, not: 172, shy: 173, reg: 174, macr: 175, deg: 176, plusmn: 177, sup2: 178,
  sup3: 179, acute: 180, micro: 181, para: 182, middot: 183, cedil: 184, sup1: 185, ordm: 186, raquo: 187,
  frac14: 188, frac12: 189, frac34: 190, iquest: 191, Agrave: 192, Aacute: 193, Acirc: 194, Atilde: 195,
  Auml: 196, Aring: 197, AElig: 198, Ccedil: 199, Egrave: 200, Eacute: 201, Ecirc: 202, Euml: 203,
  Igrave: 204, Iacute: 205, Icirc: 206, Iuml: 207, ETH: 208, Ntilde: 209, Ograve: 210, Oacute: 211,
  Ocirc: 212, Otilde: 213, Ouml: 214, times: 215, Oslash: 216, Ugrave: 217, Uacute: 218, Ucirc: 219,
  Uuml: 220, Yacute: 221, THORN: 222, szlig: 223, agrave: 224, aacute: 225, acirc: 226, atilde: 227,
  auml: 228, aring: 229, aelig: 230, ccedil: 231, egrave: 232, eacute: 233, ecirc: 234, euml: 235,
  igrave: 236, iacute: 237, icirc: 238, iuml: 239, eth: 240, ntilde: 241, ograve: 242, oacute: 243,
  ocirc: 244, otilde: 245, ouml: 246, divide: 247, oslash: 248, ugrave: 249, uacute: 250, ucirc: 251,
  uuml: 252, yacute: 253, thorn: 254, yuml: 255, OElig: 338, oelig: 339, Scaron: 352, scaron: 353,
  Yuml: 376, fnof: 402, circ: 710, tilde: 732, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204,
  zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218,
  ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230,
  permil: 8240, prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482,
  larr: 8592, rarr: 8594, minus: 8722,
};

function replaceHtmlEntities(xml: string): string {
  return xml.replace(/&([A-Za-z][A-Za-z0-9]*);/g, (whole, name: string) => {
    const code = HTML_ENTITIES[name];
    return code === undefined ? whole : `&#${code};`;
  });
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

/** Parse a feed document. Never throws. */
export async function parseFeed(xml: string): Promise<ParseResult> {
  if (xml.trim() === '') return { ok: false, reason: 'not a feed: the document is empty' };
  const { root, doctype } = sniff(xml);
  if (doctype?.toLowerCase() === 'html' || root?.toLowerCase() === 'html') {
    return { ok: false, reason: 'not a feed: got an HTML page' };
  }
  if (!root) {
    const start = xml.trimStart();
    if (start.startsWith('{')) return { ok: false, reason: 'not a feed: got JSON (JSON Feed is not supported)' };
    return { ok: false, reason: `not a feed: not XML (starts with ${JSON.stringify(start.slice(0, 40))})` };
  }
  if (!FEED_ROOTS.has(root)) {
    return { ok: false, reason: `not a feed: the root element is <${root}>, not <rss>, <feed> or <rdf:RDF>` };
  }

  if (root === 'rss' && !/<channel[\s>]/.test(xml)) return { ok: false, reason: 'not a feed: <rss> has no <channel>' };

  let feed: Loose;
  try {
    feed = await parseWithRssParser(xml);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/Invalid character entity/i.test(message)) return { ok: false, reason: describeParseError(err) };
    try {
      feed = await parseWithRssParser(replaceHtmlEntities(xml));
    } catch (retryErr) {
      return { ok: false, reason: describeParseError(retryErr) };
    }
  }

  const atom = root === 'feed';
  const items: RawItem[] = [];
  for (const item of Array.isArray(feed.items) ? (feed.items as unknown[]) : []) {
    if (!item || typeof item !== 'object') continue;
    items.push(withoutUndefined(atom ? atomItem(item as Loose) : rssItem(item as Loose)));
  }
  return { ok: true, title: text(feed.title) ?? null, link: text(feed.link) ?? null, items };
}

function describeParseError(err: unknown): string {
  if (err instanceof TypeError) {
    // rss-parser walks the tree unguarded; a missing <channel> surfaces as a TypeError.
    return `not a feed: unexpected structure (${err.message})`;
  }
  return describeXmlError(err);
}
