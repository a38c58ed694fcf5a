import { describe, expect, it } from 'vitest';
import { contentHash, curateItems, type CurateContext } from '../../src/curate/index.js';
import type { RawItem } from '../../src/shared/types.js';
import { makeRawItem } from '../helpers/curate-builders.js';

const NOW = new Date('2026-11-25T07:00:00Z');
const ctx = (over: Partial<CurateContext> = {}): CurateContext => ({
  feedId: 7,
  feedUrl: 'https://news.example.org/world/rss.xml',
  tags: ['world'],
  now: NOW,
  seenOnlyBefore: null,
  ...over,
});

describe('curateItems', () => {
  it('turns a raw entry into a clean item', () => {
    const raw = makeRawItem({
      guid: ' urn:x:1 ',
      link: 'https://news.example.org/world/talks.html?utm_source=rss#top',
      title: '  Talks <b>resume</b> in Geneva &amp; Vienna ',
      summary: '<p>Envoys met. <a href="/world/background.html?fbclid=z">Background</a></p><script>alert(1)</script>',
      date: 'Tue, 24 Nov 2026 09:30:00 GMT',
    });
    const { items, rejected } = curateItems([raw], ctx());
    expect(rejected).toEqual([]);
    expect(items).toEqual([
      {
        feedId: 7,
        guid: 'urn:x:1',
        url: 'https://news.example.org/world/talks.html#top',
        canonicalUrl: 'https://news.example.org/world/talks.html',
        title: 'Talks resume in Geneva & Vienna',
        summaryHtml:
          '<p>Envoys met. <a href="https://news.example.org/world/background.html" rel="noopener noreferrer">Background</a></p>',
        excerpt: 'Envoys met. Background',
        publishedAt: new Date('2026-11-24T09:30:00Z'),
        firstSeenAt: NOW,
        contentHash: contentHash('Talks resume in Geneva & Vienna', 'Envoys met. Background', 'https://news.example.org/world/talks.html'),
        tags: ['world'],
        countries: [],
        regions: [],
        topics: [],
        seenOnly: false,
      },
    ]);
  });

  it('passes a title holding template syntax through unchanged, as text', () => {
    const { items } = curateItems([makeRawItem({ title: '{{#each @root}}{{this}}{{/each}}' })], ctx());
    expect(items[0]?.title).toBe('{{#each @root}}{{this}}{{/each}}');
  });

  it('keeps a title that merely contains "<" and drops one that is a script', () => {
    const { items } = curateItems(
      [makeRawItem({ title: 'Why a<b matters & more' }), makeRawItem({ title: '<script>alert(1)</script>Real title' })],
      ctx(),
    );
    expect(items.map((i) => i.title)).toEqual(['Why a<b matters & more', 'Real title']);
  });

  it('resolves a relative item link against the feed URL', () => {
    const { items } = curateItems([makeRawItem({ link: '../europe/story.html' })], ctx());
    expect(items[0]?.url).toBe('https://news.example.org/europe/story.html');
  });

  it('resolves relative links in the summary against the item link', () => {
    const { items } = curateItems(
      [makeRawItem({ link: 'https://other.example.net/a/b.html', summary: '<a href="c.html">c</a>' })],
      ctx(),
    );
    expect(items[0]?.summaryHtml).toBe('<a href="https://other.example.net/a/c.html" rel="noopener noreferrer">c</a>');
  });

  it('nulls an unsafe link but keeps the item when it has a title', () => {
    const { items, rejected } = curateItems([makeRawItem({ link: 'javascript:alert(1)', guid: 'g1' })], ctx());
    expect(rejected).toEqual([]);
    expect(items[0]).toMatchObject({ url: null, canonicalUrl: null, guid: 'g1' });
  });

  it('rejects an entry with neither title nor link, with a reason, and keeps the rest', () => {
    const good = makeRawItem();
    const raws: RawItem[] = [
      { summary: '<p>orphan</p>' },
      good,
      { title: '   ', link: 'javascript:alert(1)' },
      null as unknown as RawItem,
    ];
    const { items, rejected } = curateItems(raws, ctx());
    expect(items).toHaveLength(1);
    expect(items[0]?.guid).toBe(good.guid);
    expect(rejected).toEqual([
      { index: 0, reason: 'no title and no link' },
      { index: 2, reason: expect.stringContaining('not an http(s) URL') },
      { index: 3, reason: 'not an entry' },
    ]);
  });

  it('survives fields of the wrong type', () => {
    const weird = { title: { _: 'x' }, link: ['https://e.org/'], summary: 42, date: {} } as unknown as RawItem;
    const { items, rejected } = curateItems([weird, makeRawItem()], ctx());
    expect(items).toHaveLength(1);
    expect(rejected).toHaveLength(1);
  });

  it('takes a title from the excerpt, else the link, when the entry has none', () => {
    const { items } = curateItems(
      [
        makeRawItem({ title: undefined, summary: '<p>A summary that becomes the title.</p>' }),
        makeRawItem({ title: '', summary: '', link: 'https://e.org/world/x.html' }),
      ],
      ctx(),
    );
    expect(items.map((i) => i.title)).toEqual(['A summary that becomes the title.', 'e.org/world/x.html']);
  });

  it('falls back to the canonical link, then the content hash, for the guid', () => {
    const { items } = curateItems(
      [
        makeRawItem({ guid: undefined, link: 'https://e.org/a?utm_medium=x' }),
        makeRawItem({ guid: '  ', link: undefined, title: 'No link here' }),
      ],
      ctx(),
    );
    expect(items[0]?.guid).toBe('https://e.org/a');
    expect(items[1]?.guid).toBe(items[1]?.contentHash);
  });

  it('hashes a very long guid', () => {
    const { items } = curateItems([makeRawItem({ guid: 'g'.repeat(2000) })], ctx());
    expect(items[0]?.guid).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  describe('dates', () => {
    it('uses the first-seen time (now) for a missing or bad date', () => {
      const { items } = curateItems([makeRawItem({ date: undefined }), makeRawItem({ date: 'yesterday-ish' })], ctx());
      expect(items.map((i) => i.publishedAt.toISOString())).toEqual([NOW.toISOString(), NOW.toISOString()]);
    });

    it('clamps a future date to now', () => {
      const { items } = curateItems([makeRawItem({ date: '2031-01-01T00:00:00Z' })], ctx());
      expect(items[0]?.publishedAt.toISOString()).toBe(NOW.toISOString());
    });
  });

  describe('dedupe within the batch', () => {
    it('drops a repeated guid', () => {
      const a = makeRawItem({ guid: 'same' });
      const b = makeRawItem({ guid: 'same' });
      const { items, rejected } = curateItems([a, b], ctx());
      expect(items.map((i) => i.title)).toEqual([a.title]);
      expect(rejected).toEqual([{ index: 1, reason: 'duplicate of entry 0 (same guid)' }]);
    });

    it('drops the same link with other tracking parameters', () => {
      const { items, rejected } = curateItems(
        [
          makeRawItem({ link: 'https://e.org/story?utm_source=rss' }),
          makeRawItem({ link: 'https://E.org/story?utm_source=twitter#x' }),
        ],
        ctx(),
      );
      expect(items).toHaveLength(1);
      expect(rejected).toEqual([{ index: 1, reason: 'duplicate of entry 0 (same link)' }]);
    });

    it('drops a re-post with the same title and text under a new guid and link', () => {
      const { items, rejected } = curateItems(
        [
          makeRawItem({ title: 'Summit ends', summary: '<p>Leaders left Geneva.</p>' }),
          makeRawItem({ title: 'SUMMIT ENDS!', summary: 'Leaders left   Geneva' }),
        ],
        ctx(),
      );
      expect(items).toHaveLength(1);
      expect(rejected).toEqual([{ index: 1, reason: 'duplicate of entry 0 (same title and text)' }]);
    });

    it('keeps recurring titles with no text when their links differ', () => {
      const { items } = curateItems(
        [makeRawItem({ title: 'Morning briefing', summary: '' }), makeRawItem({ title: 'Morning briefing', summary: '' })],
        ctx(),
      );
      expect(items).toHaveLength(2);
    });
  });

  describe('seenOnly (a new feed’s back catalogue)', () => {
    it('marks items published before seenOnlyBefore', () => {
      const { items } = curateItems(
        [makeRawItem({ date: '2026-11-01T00:00:00Z' }), makeRawItem({ date: '2026-11-25T06:00:00Z' }), makeRawItem({ date: undefined })],
        ctx({ seenOnlyBefore: new Date('2026-11-24T07:00:00Z') }),
      );
      expect(items.map((i) => i.seenOnly)).toEqual([true, false, false]);
    });

    it('marks nothing for a known feed', () => {
      const { items } = curateItems([makeRawItem({ date: '2020-01-01T00:00:00Z' })], ctx());
      expect(items[0]?.seenOnly).toBe(false);
    });
  });

  it('caps the excerpt and falls back to it for an oversized summary', () => {
    const long = `<p>${'word '.repeat(3000)}</p>`;
    const { items } = curateItems([makeRawItem({ summary: long })], ctx({ excerptChars: 120 }));
    expect(items[0]?.excerpt.length).toBeLessThanOrEqual(120);
    expect(items[0]?.summaryHtml).toBe(`<p>${items[0]?.excerpt}</p>`);
  });

  it('does not resolve links against a local feed path', () => {
    const { items } = curateItems(
      [makeRawItem({ link: 'story.html', summary: '<a href="x.html">x</a>' })],
      ctx({ feedUrl: 'feeds/sample/world.xml' }),
    );
    expect(items[0]).toMatchObject({ url: null, summaryHtml: 'x' });
  });

  it('copies and tidies the feed tags', () => {
    const tags = [' world ', 'europe', 'world', ''];
    const { items } = curateItems([makeRawItem(), makeRawItem()], ctx({ tags }));
    expect(items[0]?.tags).toEqual(['world', 'europe']);
    expect(items[0]?.tags).not.toBe(items[1]?.tags);
  });
});
