// Runs the real curation (tagging, the relevance check, clustering) over a
// split of the labelled curation set (test/fixtures/curation-set/, format in
// its README) and scores it. Shared by the test that prints and asserts the
// figures and by anyone tuning on the dev split.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterItems, type ClusterOptions } from '../../src/cluster/index.js';
import { checkRelevance, tagItem } from '../../src/tagging/index.js';
import { microScore, type Score } from './tagging-metrics.js';

export interface CurationItem {
  id: string;
  source: string;
  lang: string;
  title: string;
  summary: string;
  url: string;
  published: string;
  event: string | null;
  countries: string[];
  about: string[];
  regions: string[];
  offTopic: boolean;
}

export interface CurationSplit {
  split: string;
  items: CurationItem[];
}

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'curation-set');

/**
 * dev and test are tuned on; holdout is the blind split the figures are
 * judged on, written after the rules were tuned (it may not be there yet).
 */
export type SplitName = 'dev' | 'test' | 'holdout';
export const SPLIT_NAMES: readonly SplitName[] = ['dev', 'test', 'holdout'];

export function splitExists(name: SplitName): boolean {
  return existsSync(join(FOLDER, `${name}.json`));
}

export function loadSplit(name: SplitName): CurationSplit {
  return JSON.parse(readFileSync(join(FOLDER, `${name}.json`), 'utf8')) as CurationSplit;
}

export interface PairScore {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface CurationFigures {
  items: number;
  events: number;
  countries: Score;
  about: Score;
  regions: Score;
  relevance: { precision: number; recall: number; kept: number; dropped: number };
  /** Off-topic items the relevance check let through: they would reach an edition. */
  offTopicInEdition: CurationItem[];
  /** On-topic items the relevance check dropped. */
  droppedOnTopic: CurationItem[];
  pairs: PairScore;
  bcubed: { precision: number; recall: number; f1: number };
  /** Wrong pairs, for reading a failure: "split n001–n003 (e07)" / "merged n004–n010 (e05/e04)". */
  wrongPairs: string[];
  countryDiffs: string[];
  aboutDiffs: string[];
  regionDiffs: string[];
}

/** Everything measured on one split, end to end as the pipeline runs it. */
export function scoreSplit(split: CurationSplit, clusterOptions: ClusterOptions = {}): CurationFigures {
  const items = split.items;
  const tags = new Map(items.map((i) => [i.id, tagItem({ title: i.title, text: i.summary })]));
  const onTopic = items.filter((i) => !i.offTopic);

  const rows = (pick: (i: CurationItem) => string[], actual: (i: CurationItem) => string[], from: CurationItem[]) =>
    from.map((i) => ({ title: `${i.id} ${i.title}`, expected: pick(i), actual: actual(i) }));
  const countryRows = rows((i) => i.countries, (i) => tags.get(i.id)!.countries, items);
  const aboutRows = rows((i) => i.about, (i) => tags.get(i.id)!.aboutCountries, onTopic);
  // "global" is the label for no regional subject: the tagger gives no region then.
  const regionRows = rows((i) => i.regions.filter((r) => r !== 'global'), (i) => tags.get(i.id)!.aboutRegions, onTopic);

  // Relevance: the positive class is "belongs in a foreign-policy brief".
  const kept = items.filter((i) => checkRelevance({ title: i.title, text: i.summary }).relevant);
  const keptSet = new Set(kept);
  const truePositives = kept.filter((i) => !i.offTopic).length;
  const relevance = {
    precision: kept.length === 0 ? 1 : truePositives / kept.length,
    recall: onTopic.length === 0 ? 1 : truePositives / onTopic.length,
    kept: kept.length,
    dropped: items.length - kept.length,
  };

  // Clustering runs on what the relevance check keeps, as in the pipeline.
  // Outlets are feeds; ids are the item numbers.
  const feedIds = new Map<string, number>();
  const clusterable = kept.map((i) => {
    if (!feedIds.has(i.source)) feedIds.set(i.source, feedIds.size + 1);
    return { id: Number(i.id.replace(/\D/g, '')), feedId: feedIds.get(i.source)!, title: i.title, excerpt: i.summary, publishedAt: new Date(i.published), item: i };
  });
  const storyOf = new Map<string, string>();
  for (const story of clusterItems(clusterable, clusterOptions)) for (const c of story.items) storyOf.set(c.item.id, story.id);
  // An on-topic item the relevance check dropped is a story of its own (it never reaches one).
  const predicted = (i: CurationItem): string => storyOf.get(i.id) ?? `dropped-${i.id}`;

  const evented = items.filter((i) => i.event !== null);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrongPairs: string[] = [];
  for (let a = 0; a < evented.length; a += 1) {
    for (let b = a + 1; b < evented.length; b += 1) {
      const x = evented[a]!;
      const y = evented[b]!;
      const same = x.event === y.event;
      const together = predicted(x) === predicted(y);
      if (same && together) tp += 1;
      else if (together) {
        fp += 1;
        wrongPairs.push(`merged ${x.id}–${y.id} (${x.event}/${y.event})`);
      } else if (same) {
        fn += 1;
        wrongPairs.push(`split  ${x.id}–${y.id} (${x.event})`);
      }
    }
  }
  const pairs = { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn), tp, fp, fn };

  // BCubed over the on-topic items: per item, the share of its predicted story
  // that is its event (precision) and the share of its event in its story (recall).
  let bp = 0;
  let br = 0;
  for (const i of evented) {
    const story = evented.filter((j) => predicted(j) === predicted(i));
    const event = evented.filter((j) => j.event === i.event);
    const both = story.filter((j) => j.event === i.event).length;
    bp += both / story.length;
    br += both / event.length;
  }
  const n = Math.max(1, evented.length);
  const bcubed = { precision: bp / n, recall: br / n, f1: 0 };
  bcubed.f1 = bcubed.precision + bcubed.recall === 0 ? 0 : (2 * bcubed.precision * bcubed.recall) / (bcubed.precision + bcubed.recall);

  const diffs = (rs: ReturnType<typeof rows>): string[] =>
    rs.flatMap((r) => {
      const missing = r.expected.filter((e) => !r.actual.includes(e));
      const extra = r.actual.filter((a) => !r.expected.includes(a));
      return missing.length || extra.length ? [`${r.title}: ${missing.length ? `missing ${missing.join(',')} ` : ''}${extra.length ? `extra ${extra.join(',')}` : ''}`] : [];
    });

  return {
    items: items.length,
    events: new Set(evented.map((i) => i.event)).size,
    countries: microScore(countryRows),
    about: microScore(aboutRows),
    regions: microScore(regionRows),
    relevance,
    offTopicInEdition: kept.filter((i) => i.offTopic),
    droppedOnTopic: items.filter((i) => !i.offTopic && !keptSet.has(i)),
    pairs,
    bcubed,
    wrongPairs,
    countryDiffs: diffs(countryRows),
    aboutDiffs: diffs(aboutRows),
    regionDiffs: diffs(regionRows),
  };
}

const f3 = (x: number): string => x.toFixed(3);

/** The figures as printed by the test (and copied into bench/README.md). */
export function formatFigures(name: string, f: CurationFigures): string {
  return [
    `curation set, ${name} split: ${f.items} items, ${f.events} events`,
    `  countries   precision ${f3(f.countries.precision)}  recall ${f3(f.countries.recall)}  F1 ${f3(f.countries.f1)}`,
    `  about       precision ${f3(f.about.precision)}  recall ${f3(f.about.recall)}  F1 ${f3(f.about.f1)}`,
    `  regions     precision ${f3(f.regions.precision)}  recall ${f3(f.regions.recall)}  F1 ${f3(f.regions.f1)}`,
    `  relevance   precision ${f3(f.relevance.precision)}  recall ${f3(f.relevance.recall)}  (kept ${f.relevance.kept}, dropped ${f.relevance.dropped})`,
    `  off-topic items that would reach an edition: ${f.offTopicInEdition.length}${f.offTopicInEdition.map((i) => `\n    ${i.id} ${i.title}`).join('')}`,
    `  clustering  pairwise precision ${f3(f.pairs.precision)}  recall ${f3(f.pairs.recall)}  (tp ${f.pairs.tp}, fp ${f.pairs.fp}, fn ${f.pairs.fn})`,
    `              BCubed precision ${f3(f.bcubed.precision)}  recall ${f3(f.bcubed.recall)}  F1 ${f3(f.bcubed.f1)}`,
  ].join('\n');
}
