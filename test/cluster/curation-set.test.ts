// The curation set (test/fixtures/curation-set/, written and labelled by
// someone else before the rules were tuned): real tagging, the relevance
// check and clustering, end to end, per split. Every split file present is
// scored and printed (dev, test, holdout).
//
// Which split the targets are asserted on: the rules were tuned on
// dev and, since issue 11's first round, on test too (its items were read to
// find causes), so neither says how the rules do on text they have not seen.
// holdout.json is the blind split written after that tuning; when it is
// there, the targets are asserted on it. Until it is, they are asserted on
// test (and on dev, as before). The figures are in bench/README.md.
// Never tune on holdout.
import { describe, expect, it } from 'vitest';
import { formatFigures, loadSplit, scoreSplit, splitExists, type SplitName } from '../helpers/curation-set.js';

const detail = (f: ReturnType<typeof scoreSplit>): string =>
  [
    ...f.countryDiffs.map((d) => `  countries: ${d}`),
    ...f.aboutDiffs.map((d) => `  about: ${d}`),
    ...f.regionDiffs.map((d) => `  regions: ${d}`),
    ...f.wrongPairs.map((d) => `  ${d}`),
    ...f.droppedOnTopic.map((i) => `  dropped on-topic: ${i.id} ${i.title}`),
  ].join('\n');

/** The issue-11 targets. */
function expectTargets(f: ReturnType<typeof scoreSplit>, why: string): void {
  expect(f.countries.f1, why).toBeGreaterThanOrEqual(0.97);
  expect(f.pairs.precision, why).toBeGreaterThanOrEqual(0.97);
  expect(f.pairs.recall, why).toBeGreaterThanOrEqual(0.9);
  expect(f.bcubed.f1, why).toBeGreaterThanOrEqual(0.95);
  expect(f.offTopicInEdition.map((i) => i.id), why).toEqual([]);
}

const hasHoldout = splitExists('holdout');
const judged: SplitName = hasHoldout ? 'holdout' : 'test';

/** Prints a split's figures; the item-level differences only for tuned-on splits, or on request. */
function score(name: SplitName): ReturnType<typeof scoreSplit> {
  const f = scoreSplit(loadSplit(name));
  console.log(formatFigures(name, f));
  // Reading a blind split's misses item by item is tuning on it: ask for it explicitly.
  if (process.env.DISPATCH_CURATION_DIFF && (name !== 'holdout' || process.env.DISPATCH_CURATION_DIFF === 'holdout')) console.log(detail(f));
  return f;
}

describe('curation set', () => {
  it('dev split: meets the issue-11 targets', () => {
    const f = score('dev');
    const why = detail(f);
    expectTargets(f, why);
    expect(f.relevance.recall, why).toBeGreaterThanOrEqual(0.95);
  });

  it(`test split (tuned on since issue 11's first round): ${judged === 'test' ? 'meets the issue-11 targets' : 'holds what it reached'}`, () => {
    const f = score('test');
    expect(f.items).toBe(110);
    if (judged === 'test') {
      expectTargets(f, detail(f));
    } else {
      // With holdout judged, test is one more tuned-on split: a regression
      // floor at what it reached after the second round of tuning (pairwise
      // recall 1.000, no off-topic item kept), with a little room.
      expect(f.countries.f1).toBeGreaterThanOrEqual(0.98);
      expect(f.pairs.precision).toBeGreaterThanOrEqual(0.97);
      expect(f.pairs.recall).toBeGreaterThanOrEqual(0.95);
      expect(f.bcubed.f1).toBeGreaterThanOrEqual(0.97);
      expect(f.offTopicInEdition).toEqual([]);
    }
  });

  it.runIf(hasHoldout)('holdout split (blind): meets the issue-11 targets', () => {
    const f = score('holdout');
    // No item-level detail in the message: the figures say whether it passed.
    expectTargets(f, 'holdout split: see the printed figures');
  });
});
