// OPML import and export for feed lists (`dispatch feeds import-opml` /
// `export-opml`). OPML is tiny and regular, so it is read with a small strict
// XML reader written here rather than through a transitive dependency: it
// accepts elements, attributes, comments, processing instructions and CDATA,
// refuses DOCTYPE (no entity declarations, so no entity expansion) and
// mismatched tags, and knows only the predefined and numeric character
// references. One concession to real exports: a bare "&" that does not start
// a reference ("?a=1&b=2" in a URL) is read as a literal "&".
import type { FeedSource } from '../shared/types.js';

export interface OpmlFeed {
  name: string;
  url: string;
  homepage?: string;
  /** Titles of the enclosing folders (outermost first), then the outline's own categories; as slugs. */
  tags: string[];
}

export interface OpmlParseResult {
  /** The document's head title, if any. */
  title: string | null;
  feeds: OpmlFeed[];
  /** One line per problem; a document that is not OPML gives no feeds and one error. */
  errors: string[];
}

interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

class XmlError extends Error {}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeReferences(raw: string, line: () => number): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) return '&';
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) {
        throw new XmlError(`line ${line()}: invalid character reference ${whole}`);
      }
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw new XmlError(`line ${line()}: unknown entity ${whole}`);
    return value;
  });
}

/** Parses a whole document into its root element; throws XmlError. */
function parseXml(xml: string): XmlElement {
  let pos = 0;
  const newlines: number[] = [];
  for (let i = xml.indexOf('\n'); i >= 0; i = xml.indexOf('\n', i + 1)) newlines.push(i);
  /** 1-based line of an offset: binary search over the newline offsets. */
  const lineAt = (at: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const fail = (msg: string): never => {
    throw new XmlError(`line ${lineAt(pos)}: ${msg}`);
  };
  const skipSpace = (): void => {
    while (pos < xml.length && /\s/.test(xml[pos] as string)) pos++;
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(xml);
    if (!m) return fail('expected a name');
    pos += m[0].length;
    return m[0];
  };
  const skipUntil = (end: string, what: string): void => {
    const at = xml.indexOf(end, pos);
    if (at < 0) fail(`unterminated ${what}`);
    pos = at + end.length;
  };
  /** Comments, processing instructions; refuses DOCTYPE. Returns false when none was there. */
  const skipMisc = (): boolean => {
    if (xml.startsWith('<!--', pos)) {
      skipUntil('-->', 'comment');
      return true;
    }
    if (xml.startsWith('<?', pos)) {
      skipUntil('?>', 'processing instruction');
      return true;
    }
    if (xml.startsWith('<!DOCTYPE', pos) || xml.startsWith('<!doctype', pos)) fail('DOCTYPE is not allowed in OPML');
    return false;
  };

  const readElement = (): XmlElement => {
    const line = lineAt(pos);
    pos++; // '<'
    const name = readName();
    const attrs = new Map<string, string>();
    for (;;) {
      const before = pos;
      skipSpace();
      if (xml.startsWith('/>', pos)) {
        pos += 2;
        return { name, attrs, children: [], text: '', line };
      }
      if (xml[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail(`expected whitespace, ">" or "/>" in <${name}>`);
      const attr = readName();
      skipSpace();
      if (xml[pos] !== '=') fail(`expected "=" after attribute ${attr}`);
      pos++;
      skipSpace();
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attr}`);
      const end = xml.indexOf(quote as string, pos + 1);
      if (end < 0) fail(`unterminated value of attribute ${attr}`);
      const raw = xml.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of attribute ${attr}`);
      if (attrs.has(attr)) fail(`attribute ${attr} given twice`);
      // Attribute-value normalisation: literal tabs and newlines become spaces.
      attrs.set(attr, decodeReferences(raw.replace(/[\t\n\r]/g, ' '), () => lineAt(pos)));
      pos = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (pos >= xml.length) fail(`<${name}> (line ${line}) is never closed`);
      if (xml.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}> from line ${line}`);
        skipSpace();
        if (xml[pos] !== '>') fail(`expected ">" to end </${closing}>`);
        pos++;
        return { name, attrs, children, text, line };
      }
      if (xml.startsWith('<![CDATA[', pos)) {
        const end = xml.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA section');
        text += xml.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      if (skipMisc()) continue;
      if (xml[pos] === '<') {
        children.push(readElement());
        continue;
      }
      const next = xml.indexOf('<', pos);
      const end = next < 0 ? xml.length : next;
      text += decodeReferences(xml.slice(pos, end), () => lineAt(pos));
      pos = end;
    }
  };

  if (xml.charCodeAt(0) === 0xfeff) pos = 1;
  for (;;) {
    skipSpace();
    if (!skipMisc()) break;
  }
  if (xml[pos] !== '<') fail('expected the root element');
  const root = readElement();
  for (;;) {
    skipSpace();
    if (pos >= xml.length) break;
    if (!skipMisc()) fail('content after the root element');
  }
  return root;
}

/**
 * A folder title or category as a config tag (letters, digits, spaces, "&",
 * "-", "_"): "Think Tanks" → "think tanks", "Asia: Pacific" → "asia pacific".
 * A valid lower-case tag comes back unchanged, so export → import keeps tags.
 */
export function toTag(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9 &_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^a-z0-9]+/, '');
}

function httpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads an OPML feed list. Folders (outlines without xmlUrl) become tags of
 * the feeds inside them; `category` attributes ("/News/World, Security") add
 * tags too. Only http(s) feed URLs are accepted: an imported list must not
 * point the fetcher at local files.
 */
export function parseOpml(xml: string): OpmlParseResult {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlError) return { title: null, feeds: [], errors: [`not well-formed XML: ${err.message}`] };
    throw err;
  }
  if (root.name !== 'opml') return { title: null, feeds: [], errors: [`expected an <opml> document, got <${root.name}>`] };
  const head = root.children.find((c) => c.name === 'head');
  const titleText = head?.children.find((c) => c.name === 'title')?.text.trim();
  const body = root.children.find((c) => c.name === 'body');
  if (!body) return { title: titleText || null, feeds: [], errors: ['the <opml> document has no <body>'] };

  const feeds: OpmlFeed[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();

  const walk = (outlines: XmlElement[], folders: string[]): void => {
    for (const o of outlines) {
      if (o.name !== 'outline') continue;
      const label = (o.attrs.get('title') ?? o.attrs.get('text') ?? '').trim();
      const rawUrl = o.attrs.get('xmlUrl') ?? o.attrs.get('xmlurl');
      if (rawUrl === undefined) {
        if (o.children.some((c) => c.name === 'outline')) {
          const tag = toTag(label);
          walk(o.children, tag ? [...folders, tag] : folders);
        } else {
          errors.push(`line ${o.line}: outline "${label || '(untitled)'}" has no xmlUrl`);
        }
        continue;
      }
      const url = httpUrl(rawUrl);
      if (!url) {
        errors.push(`line ${o.line}: outline "${label || '(untitled)'}" has an xmlUrl that is not an http(s) URL: ${JSON.stringify(rawUrl.slice(0, 200))}`);
        continue;
      }
      if (seen.has(url)) {
        errors.push(`line ${o.line}: ${url} is listed more than once; the first entry is kept`);
        continue;
      }
      seen.add(url);
      const categories = (o.attrs.get('category') ?? '')
        .split(',')
        .flatMap((c) => c.split('/'))
        .map(toTag)
        .filter(Boolean);
      const tags = [...new Set([...folders, ...categories])];
      const homepage = httpUrl(o.attrs.get('htmlUrl') ?? o.attrs.get('htmlurl'));
      feeds.push({ name: label || url, url, ...(homepage ? { homepage } : {}), tags });
      // Outlines nested under a feed are not feeds of their own in any reader we know; walk them anyway.
      if (o.children.length) walk(o.children, folders);
    }
  };
  walk(body.children, []);
  return { title: titleText || null, feeds, errors };
}

// XML 1.0 forbids most control characters even as references; drop them.
// eslint-disable-next-line no-control-regex -- matching those characters is the point
const FORBIDDEN_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(value: string): string {
  return value
    .replace(FORBIDDEN_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * Writes feeds as an OPML 2.0 document: one folder per first tag, further
 * tags in the `category` attribute, so parseOpml reads the same tags back.
 */
export function toOpml(feeds: ReadonlyArray<Pick<FeedSource, 'name' | 'url' | 'homepage' | 'tags'>>, title: string): string {
  const outline = (f: (typeof feeds)[number], indent: string, rest: string[]): string => {
    const attrs = [
      ['type', 'rss'],
      ['text', f.name],
      ['title', f.name],
      ['xmlUrl', f.url],
      ...(f.homepage ? [['htmlUrl', f.homepage]] : []),
      ...(rest.length ? [['category', rest.join(',')]] : []),
    ];
    return `${indent}<outline ${attrs.map(([k, v]) => `${k}="${escapeXml(v as string)}"`).join(' ')}/>`;
  };
  const folders = new Map<string, string[]>();
  const top: string[] = [];
  for (const f of feeds) {
    const [first, ...rest] = f.tags;
    if (first === undefined) {
      top.push(outline(f, '    ', []));
      continue;
    }
    const lines = folders.get(first) ?? [];
    lines.push(outline(f, '      ', rest));
    folders.set(first, lines);
  }
  const body = [
    ...[...folders].map(([tag, lines]) => `    <outline text="${escapeXml(tag)}" title="${escapeXml(tag)}">\n${lines.join('\n')}\n    </outline>`),
    ...top,
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
