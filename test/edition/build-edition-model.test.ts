import { describe, expect, it } from 'vitest';
import { buildEditionModel, type EditionDigest } from '../../src/edition/index.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

const NOW = new Date('2026-11-25T07:00:00Z');
const DIGEST: EditionDigest = { name: 'daily', title: 'Daily Brief', maxItems: 30 };
const at = (minutesAgo: number): Date => new Date(NOW.getTime() - minutesAgo * 60_000);

describe('buildEditionModel', () => {
  it('builds one story per item with an item view the templates can use', () => {
    const item = makeStoredItem({ id: 41, title: 'Talks resume', tags: ['europe'], publishedAt: at(5) });
    const model = buildEditionModel([item], DIGEST, { now: NOW, editionId: 9 });
    expect(model).toEqual({
      digest: { name: 'daily', title: 'Daily Brief' },
      editionId: 9,
      subject: 'Daily Brief: Talks resume',
      preheader: '1 story · 25 Nov 2026',
      date: '2026-11-25T07:00:00.000Z',
      itemCount: 1,
      storyCount: 1,
      readingMinutes: 1,
      editorsNote: null,
      whatToWatch: [],
      topStories: [],
      sections: [
        {
          key: 'europe',
          title: 'Europe',
          stories: [
            {
              id: 'item-41',
              alsoReportedBy: [],
              headline: {
                id: 41,
                source: item.source,
                title: 'Talks resume',
                url: item.url,
                summaryHtml: item.summaryHtml,
                summaryText: 'Summary 41',
                excerpt: item.excerpt,
                publishedAt: at(5).toISOString(),
                countries: [],
                regions: [],
                topics: [],
              },
            },
          ],
        },
      ],
    });
  });

  it('groups by first tag, orders sections by importance (story count, then recency), untagged last as "More"', () => {
    const items = [
      makeStoredItem({ tags: ['asia'], publishedAt: at(1) }),
      makeStoredItem({ tags: [], publishedAt: at(2) }),
      makeStoredItem({ tags: ['europe', 'asia'], publishedAt: at(3) }),
      makeStoredItem({ tags: ['europe'], publishedAt: at(4) }),
      makeStoredItem({ tags: ['africa'], publishedAt: at(5) }),
    ];
    const model = buildEditionModel(items, DIGEST, { now: NOW, editionId: null });
    expect(model.sections.map((s) => [s.key, s.title, s.stories.length])).toEqual([
      ['europe', 'Europe', 2],
      ['asia', 'Asia', 1],
      ['africa', 'Africa', 1],
      ['more', 'More', 1],
    ]);
  });

  it('follows tagOrder when given, then the rest by size', () => {
    const items = [
      makeStoredItem({ tags: ['europe'] }),
      makeStoredItem({ tags: ['europe'] }),
      makeStoredItem({ tags: ['asia'] }),
      makeStoredItem({ tags: ['Middle East'] }),
    ];
    const model = buildEditionModel(items, { ...DIGEST, sectionTitles: { asia: 'Asia-Pacific' } }, {
      now: NOW,
      editionId: null,
      tagOrder: ['middle-east', 'asia'],
    });
    expect(model.sections.map((s) => [s.key, s.title])).toEqual([
      ['middle-east', 'Middle East'],
      ['asia', 'Asia-Pacific'],
      ['europe', 'Europe'],
    ]);
  });

  it('keeps at most maxItems, newest first', () => {
    const items = Array.from({ length: 10 }, (_, i) => makeStoredItem({ title: `h${i}`, publishedAt: at(10 - i) }));
    const model = buildEditionModel(items, { ...DIGEST, maxItems: 3 }, { now: NOW, editionId: null });
    expect(model.itemCount).toBe(3);
    expect(model.sections.flatMap((s) => s.stories.map((st) => st.headline.title))).toEqual(['h9', 'h8', 'h7']);
  });

  it('gives stable story ids', () => {
    const items = [makeStoredItem({ id: 5 }), makeStoredItem({ id: 6 })];
    const a = buildEditionModel(items, DIGEST, { now: NOW, editionId: null });
    const b = buildEditionModel([...items].reverse(), DIGEST, { now: new Date('2026-11-26T00:00:00Z'), editionId: 3 });
    const ids = (m: typeof a): string[] => m.sections.flatMap((s) => s.stories.map((st) => st.id)).sort();
    expect(ids(a)).toEqual(['item-5', 'item-6']);
    expect(ids(b)).toEqual(ids(a));
  });

  it('puts only http(s) links in url', () => {
    const items = [
      makeStoredItem({ url: 'javascript:alert(1)' }),
      makeStoredItem({ url: null }),
      makeStoredItem({ url: 'data:text/html,x' }),
      makeStoredItem({ url: 'https://e.org/ok' }),
    ];
    const model = buildEditionModel(items, DIGEST, { now: NOW, editionId: null });
    expect(model.sections.flatMap((s) => s.stories.map((st) => st.headline.url))).toEqual([null, null, null, 'https://e.org/ok']);
  });

  it('builds the subject from the top headline and the preheader from the next ones, capped', () => {
    const long = 'A very long headline about the negotiations over the future of the region and its neighbours to the far south';
    const items = [
      makeStoredItem({ title: 'Ceasefire holds', publishedAt: at(1) }),
      makeStoredItem({ title: long, publishedAt: at(2) }),
      makeStoredItem({ title: 'Second headline', publishedAt: at(3) }),
      makeStoredItem({ title: 'Third headline', publishedAt: at(4) }),
      makeStoredItem({ title: 'Fourth headline', publishedAt: at(5) }),
    ];
    const model = buildEditionModel(items, DIGEST, { now: NOW, editionId: null });
    expect(model.subject).toBe('Daily Brief: Ceasefire holds');
    expect(model.preheader).toBe(`${long} · Second headline`);
    expect(model.preheader.length).toBeLessThanOrEqual(140);
  });

  it('keeps line breaks out of the subject and caps it', () => {
    const model = buildEditionModel([makeStoredItem({ title: `Evil\r\nBcc: x@e.org ${'word '.repeat(60)}` })], DIGEST, {
      now: NOW,
      editionId: null,
    });
    expect(model.subject).not.toMatch(/[\r\n]/);
    expect(model.subject.length).toBeLessThanOrEqual(78);
    expect(model.subject.endsWith('…')).toBe(true);
  });

  it('handles an empty selection', () => {
    const model = buildEditionModel([], DIGEST, { now: NOW, editionId: null });
    expect(model).toMatchObject({ subject: 'Daily Brief', sections: [], itemCount: 0, preheader: '0 stories · 25 Nov 2026' });
  });

  it('passes feed text through untouched for the renderer to escape', () => {
    const model = buildEditionModel([makeStoredItem({ title: '{{#each @root}}<b>x</b>' })], DIGEST, { now: NOW, editionId: null });
    expect(model.sections[0]?.stories[0]?.headline.title).toBe('{{#each @root}}<b>x</b>');
  });

  describe('with stories across outlets', () => {
    const story = (id: number, feedId: number, source: string, title: string, excerpt: string, minutesAgo: number, extra = {}) =>
      makeStoredItem({ id, feedId, source, title, excerpt, publishedAt: at(minutesAgo), tags: ['world'], ...extra });

    it('shows one entry per story with the best-weighted item as headline and the other outlets as "also reported by"', () => {
      const items = [
        story(1, 1, 'Alpha Times', 'Kenya and Ethiopia sign border security pact in Nairobi', 'Kenyan and Ethiopian ministers signed a border security pact in Nairobi on Tuesday.', 30, { feedWeight: 1 }),
        story(2, 2, 'Beta Wire', 'Ethiopia, Kenya agree border security pact at Nairobi talks', 'Ministers from Ethiopia and Kenya agreed a pact on border security at talks in Nairobi.', 20, { feedWeight: 2 }),
        story(3, 3, 'Gamma Post', 'Chile elects new central bank governor', 'The Chilean senate confirmed a new central bank governor.', 10),
      ];
      const model = buildEditionModel(items, DIGEST, { now: NOW, editionId: null });
      const stories = model.sections.flatMap((s) => s.stories);
      expect(stories).toHaveLength(2);
      const pact = stories.find((s) => s.alsoReportedBy.length > 0);
      expect(pact?.headline.source).toBe('Beta Wire');
      expect(pact?.alsoReportedBy.map((i) => i.source)).toEqual(['Alpha Times']);
      expect(model.itemCount).toBe(3);
      // Two outlets outrank one, however recent.
      expect(stories[0]?.id).toBe(pact?.id);
    });

    it('groups by region when the digest says so, with region titles, and opens with top stories', () => {
      const regions = ['europe', 'mena', 'americas', 'europe', 'east-asia-pacific', 'europe', 'mena'];
      const titles = [
        'Parliament debates pension reform',
        'Oil tanker seized near Hormuz',
        'Brazil floods displace thousands',
        'Dutch farmers block motorways',
        'Typhoon closes Manila airport',
        'Polish court rules on judges',
        'Lebanon names caretaker cabinet',
      ];
      const items = regions.map((r, i) =>
        makeStoredItem({ id: 100 + i, feedId: 100 + i, title: titles[i], excerpt: '', regions: [r], publishedAt: at(i + 1) }),
      );
      const model = buildEditionModel(items, { ...DIGEST, sectionBy: 'region' }, { now: NOW, editionId: null });
      expect(model.topStories?.map((s) => s.headline.id)).toEqual([100, 101, 102]);
      expect(model.sections.map((s) => s.title)).toEqual(['Europe', 'East Asia & Pacific', 'Middle East & North Africa']);
      const shown = [...(model.topStories ?? []), ...model.sections.flatMap((s) => s.stories)].map((s) => s.headline.id);
      expect(new Set(shown).size).toBe(7);
    });
  });
});
