// Builders for curate and edition tests: a valid default, overridden per test.
import type { RawItem, StoredItem } from '../../src/shared/types.js';

let rawSeq = 0;

/** A raw feed entry with a unique guid, link, title and summary unless overridden. */
export function makeRawItem(overrides: Partial<RawItem> = {}): RawItem {
  rawSeq += 1;
  return {
    guid: `urn:test:item-${rawSeq}`,
    link: `https://news.example.org/world/story-${rawSeq}.html`,
    title: `Envoys meet in Geneva, round ${rawSeq}`,
    summary: `<p>Negotiators met for round ${rawSeq} of talks on the ceasefire.</p>`,
    date: 'Tue, 24 Nov 2026 09:30:00 GMT',
    ...overrides,
  };
}

let storedSeq = 0;

/** A stored item as the store returns it; `publishedAt` defaults to 24 Nov 2026 minus `id` minutes. */
export function makeStoredItem(overrides: Partial<StoredItem> = {}): StoredItem {
  storedSeq += 1;
  const id = overrides.id ?? storedSeq;
  const publishedAt = overrides.publishedAt ?? new Date(Date.UTC(2026, 10, 24, 12, 0) - id * 60_000);
  return {
    id,
    feedId: 1,
    source: 'Example World Desk',
    guid: `urn:test:stored-${id}`,
    url: `https://news.example.org/world/stored-${id}.html`,
    canonicalUrl: `https://news.example.org/world/stored-${id}.html`,
    title: `Stored headline ${id}`,
    summaryHtml: `<p>Summary ${id}</p>`,
    excerpt: `Summary ${id}`,
    publishedAt,
    firstSeenAt: new Date(Date.UTC(2026, 10, 24, 12, 0)),
    contentHash: `hash-${id}`,
    tags: ['world'],
    countries: [],
    regions: [],
    topics: [],
    feedWeight: 1,
    seenOnly: false,
    ...overrides,
  };
}
