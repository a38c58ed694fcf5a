// Items with no, invalid or absurd dates take the fetch time but rank below
// the properly dated items of the same fetch: a "negative year" item must not
// become the top story and the subject.
import { describe, expect, it } from 'vitest';
import { curateItems } from '../../src/curate/index.js';
import { buildEditionModel, type EditionDigest } from '../../src/edition/index.js';
import { makeRawItem, makeStoredItem } from '../helpers/curate-builders.js';

const NOW = new Date('2026-11-25T07:00:00Z');
const DIGEST: EditionDigest = { name: 'daily', title: 'Daily Brief', maxItems: 30 };

describe('absurd item dates', () => {
  it.each([
    ['no date', undefined],
    ['an invalid date', 'yesterday-ish'],
    ['a negative year', '-000200-01-01T00:00:00Z'],
    ['year 1970', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ['two days ahead', '2026-11-27T07:00:00Z'],
  ])('%s takes the fetch time', (_label, date) => {
    const { items } = curateItems([makeRawItem({ date })], { feedId: 1, feedUrl: 'https://f.example/rss', tags: [], now: NOW, seenOnlyBefore: null });
    expect(items[0]?.publishedAt).toEqual(NOW);
  });

  it('keeps a date a few hours ahead (clock skew) as the fetch time too', () => {
    const { items } = curateItems([makeRawItem({ date: '2026-11-25T09:00:00Z' })], { feedId: 1, feedUrl: 'https://f.example/rss', tags: [], now: NOW, seenOnlyBefore: null });
    expect(items[0]?.publishedAt).toEqual(NOW);
  });

  it('ranks an undated item below every properly dated item of the same fetch, and never makes it the subject', () => {
    const fetchedAt = new Date(NOW.getTime() - 10 * 60_000);
    const titles = ['Parliament passes budget', 'Flooding closes ports', 'Central bank raises rates', 'Ceasefire talks stall', 'Election date announced', 'Drought hits harvest', 'Trade pact signed'];
    const dated = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      makeStoredItem({ id: n, feedId: n, title: titles[n - 1], publishedAt: new Date(fetchedAt.getTime() - n * 3_600_000), firstSeenAt: fetchedAt }),
    );
    const absurd = makeStoredItem({ id: 99, feedId: 99, title: 'Satellite launch delayed', publishedAt: fetchedAt, firstSeenAt: fetchedAt });
    const model = buildEditionModel([absurd, ...dated], DIGEST, { now: NOW, editionId: 1 });
    expect(model.subject).toBe('Daily Brief: Parliament passes budget');
    const order = [...(model.topStories ?? []), ...model.sections.flatMap((s) => s.stories)].map((s) => s.headline.id);
    expect(order).toContain(99);
    expect(order.at(-1)).toBe(99);
  });
});
