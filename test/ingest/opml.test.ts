import { describe, expect, it } from 'vitest';
import { escapeXml, parseOpml, toOpml, toTag } from '../../src/ingest/opml.js';

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a feed reader -->
<opml version="2.0">
  <head><title>My &amp; your feeds</title></head>
  <body>
    <outline text="Think Tanks" title="Think Tanks">
      <outline type="rss" text="Crisis Group" title="International Crisis Group"
               xmlUrl="https://www.crisisgroup.org/rss.xml" htmlUrl="https://www.crisisgroup.org/"/>
      <outline text="Security">
        <outline type="rss" text="War on the Rocks" xmlUrl="https://warontherocks.com/feed/" category="/Analysis/Defence, Blogs"/>
      </outline>
    </outline>
    <outline type="rss" text="UN News" xmlUrl='https://news.un.org/feed/subscribe/en/news/all/rss.xml?a=1&amp;b=2'/>
    <outline type="rss" text="Bare ampersand" xmlUrl="https://example.org/rss?x=1&y=2"/>
    <outline text="Empty folder"/>
    <outline type="rss" text="Local file" xmlUrl="/etc/passwd"/>
    <outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="Again" xmlUrl="https://warontherocks.com/feed/"/>
    <outline type="rss" xmlUrl="https://example.net/feed.xml" htmlUrl="ftp://example.net/"/>
  </body>
</opml>
`;

describe('parseOpml', () => {
  const result = parseOpml(SAMPLE);

  it('reads feeds with tags from the enclosing folders and categories', () => {
    expect(result.title).toBe('My & your feeds');
    expect(result.feeds).toEqual([
      { name: 'International Crisis Group', url: 'https://www.crisisgroup.org/rss.xml', homepage: 'https://www.crisisgroup.org/', tags: ['think tanks'] },
      { name: 'War on the Rocks', url: 'https://warontherocks.com/feed/', tags: ['think tanks', 'security', 'analysis', 'defence', 'blogs'] },
      { name: 'UN News', url: 'https://news.un.org/feed/subscribe/en/news/all/rss.xml?a=1&b=2', tags: [] },
      { name: 'Bare ampersand', url: 'https://example.org/rss?x=1&y=2', tags: [] },
      // No title or text: the URL names it; a non-http homepage is dropped.
      { name: 'https://example.net/feed.xml', url: 'https://example.net/feed.xml', tags: [] },
    ]);
  });

  it('reports outlines without xmlUrl, non-http URLs and duplicates, with line numbers', () => {
    expect(result.errors).toHaveLength(4);
    expect(result.errors[0]).toMatch(/^line 15: outline "Empty folder" has no xmlUrl/);
    expect(result.errors[1]).toMatch(/^line 16: .*"Local file".*not an http\(s\) URL/);
    expect(result.errors[2]).toMatch(/^line 17: .*"Script".*not an http\(s\) URL/);
    expect(result.errors[3]).toMatch(/^line 18: https:\/\/warontherocks\.com\/feed\/ is listed more than once/);
  });

  it('decodes numeric references and normalises whitespace in attributes', () => {
    const r = parseOpml('<opml><body><outline text="Caf&#233; &#x2014;\n Desk" xmlUrl="https://e.org/f"/></body></opml>');
    expect(r.errors).toEqual([]);
    expect(r.feeds[0]?.name).toBe('Café —  Desk');
  });

  it('fails whole documents that are not well-formed OPML, naming the problem', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /expected the root element/],
      ['<opml><body><outline xmlUrl="https://e.org/f"></body></opml>', /<\/body> closes <outline>/],
      ['<opml><body></body>', /<opml> .* is never closed/],
      ['<opml><body><outline xmlUrl="https://e.org/f" xmlUrl="https://e.org/g"/></body></opml>', /given twice/],
      ['<opml><body><outline text="&bogus;" xmlUrl="https://e.org/f"/></body></opml>', /unknown entity &bogus;/],
      ['<opml><body><outline text=unquoted/></body></opml>', /quoted value/],
      ['<!DOCTYPE opml [<!ENTITY x "boom">]><opml><body/></opml>', /DOCTYPE is not allowed/],
      ['<opml><body/></opml><opml/>', /content after the root element/],
      ['<rss version="2.0"><channel/></rss>', /expected an <opml> document, got <rss>/],
      ['<opml><head/></opml>', /has no <body>/],
    ];
    for (const [xml, message] of cases) {
      const r = parseOpml(xml);
      expect(r.feeds).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(message);
    }
  });

  it('accepts a byte-order mark, CDATA and processing instructions', () => {
    const r = parseOpml('\ufeff<?xml version="1.0"?><opml><head><title><![CDATA[A <b> list]]></title></head><?pi x?><body><outline text="X" xmlUrl="http://e.org/x"/></body></opml>');
    expect(r.errors).toEqual([]);
    expect(r.title).toBe('A <b> list');
    expect(r.feeds).toEqual([{ name: 'X', url: 'http://e.org/x', tags: [] }]);
  });
});

describe('toTag', () => {
  it('makes config-valid tags and keeps valid lower-case tags as they are', () => {
    expect(toTag('Think Tanks')).toBe('think tanks');
    expect(toTag('Asia: Pacific')).toBe('asia pacific');
    expect(toTag('Sécurité & Défense')).toBe('securite & defense');
    expect(toTag('  --News--  ')).toBe('news--');
    expect(toTag('world')).toBe('world');
    expect(toTag('!!!')).toBe('');
    for (const t of ['Think Tanks', 'Asia: Pacific', 'Sécurité & Défense', 'a_b-c']) {
      expect(toTag(t)).toMatch(/^[a-z0-9][a-z0-9 &_-]*$/);
    }
  });
});

describe('toOpml', () => {
  const feeds = [
    { name: 'Crisis Group', url: 'https://www.crisisgroup.org/rss.xml', homepage: 'https://www.crisisgroup.org/', tags: ['security', 'world'] },
    { name: 'Q&A "Desk" <World>', url: 'https://e.org/rss?a=1&b=2', tags: ['world'] },
    { name: "O'Brien\u0007 Notes", url: 'https://e.org/notes', tags: [] },
    { name: 'War on the Rocks', url: 'https://warontherocks.com/feed/', tags: ['security'] },
  ];
  const xml = toOpml(feeds, 'Dispatch <feeds> & more');

  it('escapes every attribute and the title', () => {
    expect(xml).toContain('<title>Dispatch &lt;feeds&gt; &amp; more</title>');
    expect(xml).toContain('text="Q&amp;A &quot;Desk&quot; &lt;World&gt;"');
    expect(xml).toContain('xmlUrl="https://e.org/rss?a=1&amp;b=2"');
    expect(xml).toContain('text="O&apos;Brien Notes"');
    expect([...xml].some((c) => c.charCodeAt(0) < 9)).toBe(false);
  });

  it('round-trips through parseOpml with the same feeds and tags', () => {
    const back = parseOpml(xml);
    expect(back.errors).toEqual([]);
    expect(back.title).toBe('Dispatch <feeds> & more');
    const byUrl = new Map(back.feeds.map((f) => [f.url, f]));
    expect(back.feeds).toHaveLength(4);
    expect(byUrl.get('https://www.crisisgroup.org/rss.xml')).toEqual(feeds[0]);
    expect(byUrl.get('https://e.org/rss?a=1&b=2')).toEqual(feeds[1]);
    expect(byUrl.get('https://e.org/notes')).toEqual({ name: "O'Brien Notes", url: 'https://e.org/notes', tags: [] });
    expect(byUrl.get('https://warontherocks.com/feed/')?.tags).toEqual(['security']);
  });

  it('groups feeds into one folder per first tag', () => {
    expect(xml.match(/<outline text="security" title="security">/g)).toHaveLength(1);
    expect(escapeXml('a\tb\nc')).toBe('a&#9;b&#10;c');
  });
});
