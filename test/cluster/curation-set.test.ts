// The curation set (test/fixtures/curation-set/, written and labelled by
// someone else before the rules were tuned): real tagging, the relevance
// check and clustering, end to end, per split. The figures are printed for
// both splits. The targets are asserted on the dev split, which the
// rules were tuned on; the test split was run once, at the end, and what it
// reached then is asserted as a floor so a regression shows (its figures are
// in bench/README.md). Never tune on the test split.
import { describe, expect, it } from 'vitest';
import { formatFigures, loadSplit, scoreSplit } from '../helpers/curation-set.js';

const detail = (f: ReturnType<typeof scoreSplit>): string =>
  [
    ...f.countryDiffs.map((d) => `  countries: ${d}`),
    ...f.aboutDiffs.map((d) => `  about: ${d}`),
    ...f.regionDiffs.map((d) => `  regions: ${d}`),
    ...f.wrongPairs.map((d) => `  ${d}`),
    ...f.droppedOnTopic.map((i) => `  dropped on-topic: ${i.id} ${i.title}`),
  ].join('\n');

describe('curation set', () => {
  it('dev split: meets the issue-11 targets', () => {
    const f = scoreSplit(loadSplit('dev'));
    console.log(formatFigures('dev', f));
    const why = detail(f);
    expect(f.countries.f1, why).toBeGreaterThanOrEqual(0.97);
    expect(f.pairs.precision, why).toBeGreaterThanOrEqual(0.97);
    expect(f.pairs.recall, why).toBeGreaterThanOrEqual(0.9);
    expect(f.bcubed.f1, why).toBeGreaterThanOrEqual(0.95);
    expect(f.offTopicInEdition.map((i) => i.id), why).toEqual([]);
    expect(f.relevance.recall, why).toBeGreaterThanOrEqual(0.95);
  });

  it('test split: prints the held-out figures and holds what the first run reached', () => {
    const f = scoreSplit(loadSplit('test'));
    console.log(formatFigures('test', f));
    if (process.env.DISPATCH_CURATION_DIFF) console.log(detail(f));
    // First full run on 2026-12-01 21:35 UTC: countries F1 0.983, pairwise
    // precision 1.000 / recall 0.869, BCubed F1 0.958, 2 off-topic items kept
    // (a heatwave report and a biathlon result). The targets are
    // recall >= 0.90 and zero off-topic items: not reached on this split.
    expect(f.items).toBe(110);
    expect(f.countries.f1).toBeGreaterThanOrEqual(0.98);
    expect(f.pairs.precision).toBeGreaterThanOrEqual(0.97);
    expect(f.pairs.recall).toBeGreaterThanOrEqual(0.86);
    expect(f.bcubed.f1).toBeGreaterThanOrEqual(0.95);
    expect(f.offTopicInEdition.length).toBeLessThanOrEqual(2);
  });
});
