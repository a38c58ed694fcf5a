// Real-world feed sloppiness: bare ampersands and HTML entities, Atom
// xml:base, JSON Feed, and wrong charset labels. Every good item is kept.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, fetchFeeds, parseFeed } from '../../src/ingest/index.js';
import { dispatch } from '../helpers/cli-run.js';

const rss = (items: string) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk</title><link>https://desk.example.org/</link>${items}</channel></rss>`;
const item = (n: number, title: string, extra = '') =>
  `<item><title>${title}</title><link>https://desk.example.org/${n}</link><guid>g${n}</guid>${extra}</item>`;

describe('parseFeed: recovering sloppy XML', () => {
  it('keeps every item of a feed with a bare & and &nbsp;, and says it was malformed', async () => {
    const r = await parseFeed(
      rss(item(1, 'AT&T and Ben & Jerry') + item(2, 'Talks&nbsp;resume &eacute;t&eacute; &mdash; &bogus; end') + item(3, 'Fine &amp; dandy', '<description><![CDATA[<p>a &amp; b & c</p>]]></description>')),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.malformed).toMatch(/recovered/);
    expect(r.items.map((i) => i.title)).toEqual(['AT&T and Ben & Jerry', 'Talks\u00a0resume été — &bogus; end', 'Fine & dandy']);
    // CDATA is literal: left exactly as given.
    expect(r.items[2]?.summary).toBe('<p>a &amp; b & c</p>');
  });

  it('does not mark a well-formed feed malformed', async () => {
    const r = await parseFeed(rss(item(1, 'Fine &amp; dandy')));
    expect(r.ok && r.malformed).toBeFalsy();
  });

  it('still fails a document that is broken for other reasons, with a reason', async () => {
    const r = await parseFeed(rss(item(1, 'A & B')).replace('</channel>', '</chanel>'));
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed XML/) });
  });
});

describe('parseFeed: Atom xml:base', () => {
  it('resolves relative links against xml:base at feed and entry level, not the feed URL', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://cdn.example.net/news/">
      <title>T</title>
      <entry><id>1</id><title>Feed base</title><link href="story/1.html"/></entry>
      <entry xml:base="/archive/2026/"><id>2</id><title>Entry base</title><link href="two.html"/></entry>
      <entry xml:base="https://other.example.com/x/"><id>3</id><title>Absolute entry base</title><link rel="alternate" href="../three"/></entry>
      <entry><id>4</id><title>Absolute link</title><link href="https://abs.example.org/4"/></entry>
    </feed>`;
    const r = await parseFeed(atom, { baseUrl: 'https://feeds.example.org/atom.xml' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.items.map((i) => i.link)).toEqual([
      'https://cdn.example.net/news/story/1.html',
      'https://cdn.example.net/archive/2026/two.html',
      'https://other.example.com/three',
      'https://abs.example.org/4',
    ]);
  });

  it('resolves a relative feed xml:base against the document URL', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="sub/"><title>T</title><entry><id>1</id><title>x</title><link href="a.html"/></entry></feed>`;
    const r = await parseFeed(atom, { baseUrl: 'https://feeds.example.org/dir/atom.xml' });
    expect(r.ok && r.items[0]?.link).toBe('https://feeds.example.org/dir/sub/a.html');
  });
});

describe('parseFeed: JSON Feed', () => {
  it('maps JSON Feed 1.1 to the same raw item as RSS', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON Desk',
      home_page_url: 'https://json.example.org/',
      items: [
        { id: 'a1', url: 'https://json.example.org/a1', title: 'First', content_html: '<p>Hello</p>', date_published: '2026-03-01T08:00:00Z', authors: [{ name: 'Ana' }] },
        { id: 2, external_url: 'https://elsewhere.example.org/b', title: 'Second', content_text: 'x < y & z', date_modified: '2026-03-01T09:00:00Z' },
        'not an item',
      ],
    };
    const r = await parseFeed(JSON.stringify(doc));
    expect(r).toEqual({
      ok: true,
      title: 'JSON Desk',
      link: 'https://json.example.org/',
      items: [
        { guid: 'a1', link: 'https://json.example.org/a1', title: 'First', summary: '<p>Hello</p>', date: '2026-03-01T08:00:00Z', author: 'Ana' },
        { guid: '2', link: 'https://elsewhere.example.org/b', title: 'Second', summary: 'x &lt; y &amp; z', date: '2026-03-01T09:00:00Z' },
      ],
    });
  });

  it('reads JSON Feed 1.0 (author object) and rejects JSON that is not a feed', async () => {
    const r = await parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'Old', items: [{ id: 'x', url: 'https://o.example/x', author: { name: 'Bo' } }] }));
    expect(r.ok && r.items[0]?.author).toBe('Bo');
    expect(await parseFeed('{"hello": 1}')).toMatchObject({ ok: false, reason: expect.stringMatching(/JSON Feed version/) });
    expect(await parseFeed('{"version": "https://jsonfeed.org/version/1", "items": [')).toMatchObject({ ok: false, reason: expect.stringMatching(/malformed JSON Feed/) });
  });
});

describe('charset labels', () => {
  const utf8 = Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Zürich – Genève “talks”</title></channel></rss>', 'utf8');
  it('reads valid multibyte UTF-8 labelled windows-1252 or ISO-8859-1 as UTF-8', () => {
    for (const label of ['windows-1252', 'ISO-8859-1', 'latin1']) {
      expect(decodeText(utf8, `application/rss+xml; charset=${label}`)).toContain('Zürich – Genève “talks”');
    }
    expect(decodeText(Buffer.from(utf8.toString('utf8').replace('utf-8', 'ISO-8859-1'), 'utf8'))).toContain('Zürich – Genève');
  });

  it('still reads real windows-1252 bytes as windows-1252', () => {
    expect(decodeText(Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]), 'text/xml; charset=windows-1252')).toBe('“café”');
  });
});

describe('over HTTP', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/json') {
        res.writeHead(200, { 'content-type': 'application/feed+json' });
        res.end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: '/rel/1', title: 'Rel' }] }));
      } else if (req.url === '/header-wins') {
        // RFC 7303: the HTTP charset beats the prolog.
        res.writeHead(200, { 'content-type': 'application/xml; charset=iso-8859-2' });
        res.end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>'), Buffer.from([0xb1, 0xe6]), Buffer.from('</title><item><title>x</title><link>https://h.example/1</link></item></channel></rss>')]));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches a JSON Feed served as application/feed+json', async () => {
    const [o] = await fetchFeeds([{ id: 1, url: `${base}/json`, etag: null, lastModified: null }]);
    expect(o).toMatchObject({ kind: 'ok', title: 'J', items: [{ guid: '1', link: '/rel/1', title: 'Rel' }] });
  });

  it('lets the HTTP charset beat the XML prolog', async () => {
    const [o] = await fetchFeeds([{ id: 1, url: `${base}/header-wins`, etag: null, lastModified: null }]);
    expect(o).toMatchObject({ kind: 'ok', title: 'ąć' });
  });
});

describe('dispatch feeds list', () => {
  it('marks a recovered feed as malformed and keeps its items', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-sloppy-'));
    writeFileSync(join(dir, 'desk.xml'), rss(item(1, 'AT&T deal') + item(2, 'Paris&nbsp;talks')));
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'feeds:\n  - name: Sloppy Desk\n    url: desk.xml\ndigests:\n  - name: daily\n    title: Daily\n');
    const fetched = await dispatch(dir, ['fetch']);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toMatch(/Sloppy Desk\s+ok \(2 new( items)?\)/);
    const list = await dispatch(dir, ['feeds', 'list']);
    expect(list.stdout, list.stdout).toMatch(/Sloppy Desk\s+ok, malformed/);
  });
});
