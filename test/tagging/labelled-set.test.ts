// Scores the tagger against the hand-labelled set and prints the figures.
import { describe, expect, it } from 'vitest';
import { REGION_KEYS, DEFAULT_TOPIC_KEYS, tagItem, type ItemTags } from '../../src/tagging/index.js';
import { differences, formatScore, microScore } from '../helpers/tagging-metrics.js';
import { labelledItems } from './labelled-items.js';

const tagged: Array<{ title: string; expected: (typeof labelledItems)[number]; actual: ItemTags }> = labelledItems.map((item) => ({
  title: item.title,
  expected: item,
  actual: tagItem({ title: item.title, text: item.summary }),
}));

function rows(field: 'countries' | 'regions' | 'topics') {
  return tagged.map((t) => ({ title: t.title, expected: t.expected[field] as string[], actual: t.actual[field] }));
}

describe('labelled set', () => {
  it('has at least 150 distinct items with valid labels', () => {
    expect(labelledItems.length).toBeGreaterThanOrEqual(150);
    expect(new Set(labelledItems.map((i) => i.title)).size).toBe(labelledItems.length);
    for (const item of labelledItems) {
      for (const c of item.countries) expect(c).toMatch(/^[A-Z]{2}$/);
      for (const r of item.regions) expect(REGION_KEYS).toContain(r);
      for (const t of item.topics) expect(DEFAULT_TOPIC_KEYS).toContain(t);
    }
  });

  it('tags countries with precision >= 0.90 and recall >= 0.85 (and prints region and topic figures)', () => {
    const countries = microScore(rows('countries'));
    const regions = microScore(rows('regions'));
    const topics = microScore(rows('topics'));
    console.log(
      [
        `tagging: ${labelledItems.length} labelled items`,
        formatScore('countries', countries),
        formatScore('regions', regions),
        formatScore('topics', topics),
        ...(process.env.DISPATCH_TAGGING_DIFF ? ['-- country differences --', ...differences(rows('countries'))] : []),
        ...(process.env.DISPATCH_TAGGING_DIFF ? ['-- region differences --', ...differences(rows('regions'))] : []),
        ...(process.env.DISPATCH_TAGGING_DIFF ? ['-- topic differences --', ...differences(rows('topics'))] : []),
      ].join('\n'),
    );
    expect(countries.precision, differences(rows('countries')).join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(countries.recall, differences(rows('countries')).join('\n')).toBeGreaterThanOrEqual(0.85);
  });
});
