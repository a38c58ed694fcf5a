// Builders for feed documents used by the ingest tests. Values are inserted
// as given (no escaping), so a test can put hostile or broken markup in.

export interface TestItem {
  guid?: string;
  link?: string;
  title?: string;
  description?: string;
  contentEncoded?: string;
  pubDate?: string;
}

export function makeRssItem(n: number, overrides: Partial<TestItem> = {}): TestItem {
  return {
    guid: `https://example.org/world/${n}`,
    link: `https://example.org/world/${n}`,
    title: `Item ${n}`,
    description: `<p>Summary ${n}</p>`,
    pubDate: `Mon, 0${(n % 9) + 1} Feb 2026 08:00:00 GMT`,
    ...overrides,
  };
}

export function rssFeed(opts: { title?: string; link?: string; items: TestItem[]; prolog?: string }): string {
  const items = opts.items
    .map((i) =>
      [
        '<item>',
        i.guid !== undefined ? `<guid>${i.guid}</guid>` : '',
        i.link !== undefined ? `<link>${i.link}</link>` : '',
        i.title !== undefined ? `<title>${i.title}</title>` : '',
        i.description !== undefined ? `<description><![CDATA[${i.description}]]></description>` : '',
        i.contentEncoded !== undefined ? `<content:encoded><![CDATA[${i.contentEncoded}]]></content:encoded>` : '',
        i.pubDate !== undefined ? `<pubDate>${i.pubDate}</pubDate>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `${opts.prolog ?? '<?xml version="1.0" encoding="UTF-8"?>'}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>${opts.title ?? 'Test Feed'}</title>
<link>${opts.link ?? 'https://example.org/'}</link>
<description>A test feed</description>
${items}
</channel>
</rss>
`;
}

export function atomFeed(opts: {
  title?: string;
  entries: Array<{ id?: string; title?: string; links?: string; published?: string; updated?: string; summary?: string; content?: string }>;
}): string {
  const entries = opts.entries
    .map((e) =>
      [
        '<entry>',
        e.id !== undefined ? `<id>${e.id}</id>` : '',
        e.title !== undefined ? `<title>${e.title}</title>` : '',
        e.links ?? '',
        e.published !== undefined ? `<published>${e.published}</published>` : '',
        e.updated !== undefined ? `<updated>${e.updated}</updated>` : '',
        e.summary !== undefined ? `<summary type="html"><![CDATA[${e.summary}]]></summary>` : '',
        e.content !== undefined ? `<content type="html"><![CDATA[${e.content}]]></content>` : '',
        '</entry>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${opts.title ?? 'Test Atom'}</title>
<link rel="self" href="https://example.org/atom.xml"/>
<link rel="alternate" type="text/html" href="https://example.org/"/>
<id>urn:test:atom</id>
<updated>2026-02-01T00:00:00Z</updated>
${entries}
</feed>
`;
}

/** A plain valid feed with `count` items. */
export function goodFeed(count = 3, title = 'Test Feed'): string {
  return rssFeed({ title, items: Array.from({ length: count }, (_, i) => makeRssItem(i + 1)) });
}
