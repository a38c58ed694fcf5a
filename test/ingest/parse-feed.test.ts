import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParseResult } from '../../src/ingest/index.js';
import { atomFeed, makeRssItem, rssFeed } from '../helpers/ingest-feeds.js';

function expectParsed(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a feed, got: ${result.reason}`);
  return result;
}
function expectRejected(result: ParseResult) {
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

describe('parseFeed: RSS 2.0', () => {
  it('maps guid, link, title, description, date and the feed title/link', async () => {
    const feed = expectParsed(
      await parseFeed(rssFeed({ title: 'World Desk', link: 'https://example.org/world', items: [makeRssItem(1), makeRssItem(2)] })),
    );
    expect(feed.title).toBe('World Desk');
    expect(feed.link).toBe('https://example.org/world');
    expect(feed.items).toEqual([
      {
        guid: 'https://example.org/world/1',
        link: 'https://example.org/world/1',
        title: 'Item 1',
        summary: '<p>Summary 1</p>',
        date: 'Mon, 02 Feb 2026 08:00:00 GMT',
      },
      {
        guid: 'https://example.org/world/2',
        link: 'https://example.org/world/2',
        title: 'Item 2',
        summary: '<p>Summary 2</p>',
        date: 'Mon, 03 Feb 2026 08:00:00 GMT',
      },
    ]);
  });

  it('prefers content:encoded over description', async () => {
    const feed = expectParsed(
      await parseFeed(rssFeed({ items: [makeRssItem(1, { description: 'Short', contentEncoded: '<p>Full <b>text</b></p>' })] })),
    );
    expect(feed.items[0]?.summary).toBe('<p>Full <b>text</b></p>');
  });

  it('keeps hostile HTML as given (curate sanitizes, not ingest)', async () => {
    const hostile = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">x</a></p>';
    const feed = expectParsed(await parseFeed(rssFeed({ items: [makeRssItem(1, { description: hostile })] })));
    expect(feed.items[0]?.summary).toBe(hostile);
  });

  it('uses a permalink guid as the link when there is no <link>, but not a guid with isPermaLink="false"', async () => {
    const xml = `<rss version="2.0"><channel><title>T</title>
      <item><guid>https://example.org/a</guid><title>A</title></item>
      <item><guid isPermaLink="false">https://example.org/b</guid><title>B</title></item>
      <item><guid isPermaLink="false">tag:example.org,2026:c</guid><link>https://example.org/c</link><title>C</title></item>
    </channel></rss>`;
    const feed = expectParsed(await parseFeed(xml));
    expect(feed.items.map((i) => [i.guid, i.link])).toEqual([
      ['https://example.org/a', 'https://example.org/a'],
      ['https://example.org/b', undefined],
      ['tag:example.org,2026:c', 'https://example.org/c'],
    ]);
  });

  it('keeps the other items when one has a bad date and one has no date', async () => {
    const xml = rssFeed({
      items: [makeRssItem(1), makeRssItem(2, { pubDate: 'Tuesday-ish' }), makeRssItem(3, { pubDate: undefined }), makeRssItem(4)],
    });
    const feed = expectParsed(await parseFeed(xml));
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 2', 'Item 3', 'Item 4']);
    expect(feed.items[1]?.date).toBe('Tuesday-ish');
    expect(feed.items[2]).not.toHaveProperty('date');
  });

  it('returns items with duplicate guids as they are (dedupe is curate’s job)', async () => {
    const xml = rssFeed({
      items: [makeRssItem(1, { title: 'First' }), makeRssItem(1, { title: 'Again' }), makeRssItem(2)],
    });
    const feed = expectParsed(await parseFeed(xml));
    expect(feed.items.map((i) => [i.guid, i.title])).toEqual([
      ['https://example.org/world/1', 'First'],
      ['https://example.org/world/1', 'Again'],
      ['https://example.org/world/2', 'Item 2'],
    ]);
  });

  it('reads dc:creator and dc:date', async () => {
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>A</title><link>https://example.org/a</link><dc:creator>Ana Ruiz</dc:creator><dc:date>2026-02-03T10:00:00Z</dc:date></item>
    </channel></rss>`;
    const item = expectParsed(await parseFeed(xml)).items[0];
    expect(item?.author).toBe('Ana Ruiz');
    expect(item?.date).toBe('2026-02-03T10:00:00Z');
  });

  it('reads an <rss> without a version as RSS 2.0, and RSS 1.0 (RDF)', async () => {
    const noVersion = '<rss><channel><title>T</title><item><title>A</title><link>https://example.org/a</link></item></channel></rss>';
    expect(expectParsed(await parseFeed(noVersion)).items[0]?.title).toBe('A');
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://example.org/"><title>RDF</title><link>https://example.org/</link></channel>
      <item rdf:about="https://example.org/r1"><title>R1</title><link>https://example.org/r1</link><description>d</description></item>
    </rdf:RDF>`;
    const feed = expectParsed(await parseFeed(rdf));
    expect(feed.title).toBe('RDF');
    expect(feed.items).toEqual([{ link: 'https://example.org/r1', title: 'R1', summary: 'd' }]);
  });

  it('accepts HTML entities XML does not define (a common defect)', async () => {
    const xml = rssFeed({ items: [makeRssItem(1, { title: 'Talks&nbsp;resume &mdash; again' })] });
    expect(expectParsed(await parseFeed(xml)).items[0]?.title).toBe('Talks\u00a0resume \u2014 again');
  });
});

describe('parseFeed: Atom', () => {
  const links =
    '<link rel="self" href="https://example.org/e1.atom"/>' +
    '<link rel="alternate" type="application/pdf" href="https://example.org/e1.pdf"/>' +
    '<link rel="alternate" type="text/html" href="https://example.org/e1"/>';

  it('maps id, the HTML alternate link, content over summary, and published', async () => {
    const xml = atomFeed({
      title: 'Diplomacy Journal',
      entries: [
        { id: 'urn:e1', title: 'E1', links, published: '2026-02-01T09:00:00Z', updated: '2026-02-02T09:00:00Z', summary: 'S', content: '<p>C</p>' },
        { id: 'urn:e2', title: 'E2', links: '<link href="https://example.org/e2"/>', updated: '2026-02-03T09:00:00Z', summary: '<p>Only summary</p>' },
      ],
    });
    const feed = expectParsed(await parseFeed(xml));
    expect(feed.title).toBe('Diplomacy Journal');
    expect(feed.link).toBe('https://example.org/');
    expect(feed.items).toEqual([
      { guid: 'urn:e1', link: 'https://example.org/e1', title: 'E1', summary: '<p>C</p>', date: '2026-02-01T09:00:00Z' },
      { guid: 'urn:e2', link: 'https://example.org/e2', title: 'E2', summary: '<p>Only summary</p>', date: '2026-02-03T09:00:00Z' },
    ]);
  });

  it('keeps the feed when an entry has a date that is not a date', async () => {
    const xml = atomFeed({
      entries: [
        { id: 'urn:a', title: 'A', published: 'yesterday afternoon', summary: 'a' },
        { id: 'urn:b', title: 'B', updated: '2026-13-45T99:00:00Z', summary: 'b' },
        { id: 'urn:c', title: 'C', summary: 'no date at all' },
        { id: 'urn:d', title: 'D', published: '2026-02-04T10:00:00Z', summary: 'd' },
      ],
    });
    // The fixture must really trip rss-parser on its own, or this test proves nothing.
    await expect(new Parser().parseString(xml)).rejects.toThrow(/Invalid time value/);

    const feed = expectParsed(await parseFeed(xml));
    expect(feed.items.map((i) => [i.guid, i.date])).toEqual([
      ['urn:a', 'yesterday afternoon'],
      ['urn:b', '2026-13-45T99:00:00Z'],
      ['urn:c', undefined],
      ['urn:d', '2026-02-04T10:00:00Z'],
    ]);
  });

  it('keeps the feed when an entry has a <link> without attributes', async () => {
    const xml = atomFeed({
      entries: [
        { id: 'urn:a', title: 'A', links: '<link>https://example.org/a</link>' },
        { id: 'urn:b', title: 'B', links: '<link href="https://example.org/b"/>' },
      ],
    });
    await expect(new Parser().parseString(xml)).rejects.toThrow();
    const feed = expectParsed(await parseFeed(xml));
    expect(feed.items.map((i) => i.link)).toEqual(['https://example.org/a', 'https://example.org/b']);
  });

  it('rebuilds XHTML content as markup', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>urn:x</id><title>X</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <a href="/rel">there</a></p></div></content></entry></feed>`;
    expect(expectParsed(await parseFeed(xml)).items[0]?.summary).toContain('<p>Hello <a href="/rel">there</a></p>');
  });

  it('reads the author name and an HTML title as given', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>urn:x</id><title type="html">Sanctions &amp;amp; trade</title><author><name>Lee Park</name></author></entry></feed>`;
    const item = expectParsed(await parseFeed(xml)).items[0];
    expect(item).toEqual({ guid: 'urn:x', title: 'Sanctions &amp; trade', author: 'Lee Park' });
  });
});

describe('parseFeed: not a feed', () => {
  it.each([
    ['an HTML page', '<!DOCTYPE html>\n<html><head><title>Hi</title></head><body><p>x</p></body></html>', 'not a feed: got an HTML page'],
    ['an HTML page without doctype', '<html><body><p>x<br></body></html>', 'not a feed: got an HTML page'],
    ['an empty body', '  \n ', 'not a feed: the document is empty'],
    ['JSON', '{"version":"https://jsonfeed.org/version/1.1"}', 'not a feed: JSON Feed without an "items" list'],
    ['plain text', 'Service temporarily unavailable', 'not a feed: not XML (starts with "Service temporarily unavailable")'],
    ['another XML document', '<?xml version="1.0"?><urlset><url/></urlset>', 'not a feed: the root element is <urlset>, not <rss>, <feed> or <rdf:RDF>'],
    ['an rss without channel', '<rss version="2.0"><item/></rss>', 'not a feed: <rss> has no <channel>'],
  ])('rejects %s', async (_name, xml, reason) => {
    expect(expectRejected(await parseFeed(xml))).toBe(reason);
  });

  it('names the XML error and its line', async () => {
    const xml = '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>Broken</title>\n<item><title>x</item>\n</channel></rss>';
    expect(expectRejected(await parseFeed(xml))).toMatch(/^malformed XML: Unexpected close tag \(line 4, column \d+\)$/);
  });

  it('parses again after a failure (no parser state leaks between documents)', async () => {
    expectRejected(await parseFeed('<rss version="2.0"><channel><item></channel></rss>'));
    expect(expectParsed(await parseFeed(rssFeed({ items: [makeRssItem(1)] }))).items).toHaveLength(1);
  });
});
