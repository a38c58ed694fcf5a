// Builders for store inputs: sensible defaults, override what the test is about.
import type { FeedSource, NewItem, EditionModel } from '../../src/shared/types.js';

let counter = 0;
const next = (): number => ++counter;

export function makeFeedSource(overrides: Partial<FeedSource> = {}): FeedSource {
  const n = next();
  return { name: `Feed ${n}`, url: `https://feeds.example.org/${n}.xml`, tags: ['world'], ...overrides };
}

export function makeNewItem(feedId: number, overrides: Partial<NewItem> = {}): NewItem {
  const n = next();
  return {
    feedId,
    guid: `guid-${n}`,
    url: `https://news.example.org/story/${n}?utm_source=rss`,
    canonicalUrl: `https://news.example.org/story/${n}`,
    title: `Story ${n}`,
    summaryHtml: `<p>Summary of story ${n}</p>`,
    excerpt: `Summary of story ${n}`,
    publishedAt: new Date('2026-03-01T08:00:00.000Z'),
    firstSeenAt: new Date('2026-03-01T09:00:00.000Z'),
    contentHash: `hash-${n}`,
    tags: ['world'],
    countries: [],
    regions: [],
    topics: [],
    seenOnly: false,
    ...overrides,
  };
}

export function makeEditionModel(overrides: Partial<EditionModel> = {}): EditionModel {
  return {
    digest: { name: 'daily', title: 'Daily Brief' },
    editionId: null,
    subject: 'Daily Brief',
    preheader: 'Today in foreign policy',
    date: '2026-03-02T07:00:00.000Z',
    sections: [],
    itemCount: 0,
    ...overrides,
  };
}

export function makeEditionInput(
  overrides: Partial<{
    digest: string;
    slot: string;
    windowStart: Date;
    windowEnd: Date;
    subject: string;
    itemIds: number[];
    model: EditionModel;
    now: Date;
  }> = {},
) {
  return {
    digest: 'daily',
    slot: `2026-03-02T07:00:00.000Z#${next()}`,
    windowStart: new Date('2026-03-01T07:00:00.000Z'),
    windowEnd: new Date('2026-03-02T07:00:00.000Z'),
    subject: 'Daily Brief',
    itemIds: [],
    model: makeEditionModel(),
    now: new Date('2026-03-02T07:00:01.000Z'),
    ...overrides,
  };
}
