// Prints the tagger's figures on the held-out set (see holdout-items.ts). Not
// asserted beyond a floor far below the main set's thresholds: it exists to
// show how far the main set's figures carry over to text the tagger was not
// tuned on.
import { describe, expect, it } from 'vitest';
import { tagItem } from '../../src/tagging/index.js';
import { differences, formatScore, microScore } from '../helpers/tagging-metrics.js';
import { holdoutItems } from './holdout-items.js';

describe('held-out set', () => {
  it('prints precision and recall', () => {
    const rows = holdoutItems.map((item) => ({ item, tags: tagItem({ title: item.title, text: item.summary }) }));
    const score = (field: 'countries' | 'regions' | 'topics') =>
      rows.map(({ item, tags }) => ({ title: item.title, expected: item[field] as string[], actual: tags[field] as string[] }));
    const countries = microScore(score('countries'));
    console.log(
      [
        `tagging (held out): ${holdoutItems.length} items`,
        formatScore('countries', countries),
        formatScore('regions', microScore(score('regions'))),
        formatScore('topics', microScore(score('topics'))),
        ...differences(score('countries')).map((d) => `  countries: ${d}`),
      ].join('\n'),
    );
    expect(holdoutItems.length).toBeGreaterThanOrEqual(40);
    expect(countries.precision).toBeGreaterThan(0.7);
    expect(countries.recall).toBeGreaterThan(0.7);
  });
});
