// Benchmark: story clustering of 5,000 items on one core. Target: well under
// a second. Not a test: speed depends on the machine, so it reports figures
// and asserts nothing.
//
// The items are synthetic but shaped like a heavy two-to-three-day batch of
// foreign-policy feeds: events built from a template vocabulary (who, what,
// where, a figure, made-up names of the towns and people involved), each reported by 1 to 8 of 60 outlets in their own words
// (synonyms, word order, a style prefix, background sentences that unrelated
// stories share), about 40% single-outlet, and a few same-feed "UPDATE"
// re-posts. Generated from a fixed seed, so every run clusters the same batch.
//
// Run alone: `npm run build && node dist/bench/cluster-bench.js`.
import { pathToFileURL } from 'node:url';
import { clusterItems } from '../src/cluster/index.js';

export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

interface SyntheticItem {
  id: number;
  feedId: number;
  title: string;
  excerpt: string;
  publishedAt: Date;
  /** The generator's event: the ground truth for the pairwise figures. */
  event: number;
}

const ITEM_COUNT = 5000;
const FEED_COUNT = 60;
const SPAN_MS = 60 * 60 * 60 * 1000; // events spread over 60 hours
const RUNS = 5;

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES: Array<[string, string, string]> = [
  ['Russia', 'Russian', 'Moscow'], ['Ukraine', 'Ukrainian', 'Kyiv'], ['China', 'Chinese', 'Beijing'],
  ['Japan', 'Japanese', 'Tokyo'], ['India', 'Indian', 'New Delhi'], ['Pakistan', 'Pakistani', 'Islamabad'],
  ['Iran', 'Iranian', 'Tehran'], ['Iraq', 'Iraqi', 'Baghdad'], ['Israel', 'Israeli', 'Jerusalem'],
  ['Lebanon', 'Lebanese', 'Beirut'], ['Syria', 'Syrian', 'Damascus'], ['Turkey', 'Turkish', 'Ankara'],
  ['Egypt', 'Egyptian', 'Cairo'], ['Sudan', 'Sudanese', 'Khartoum'], ['Ethiopia', 'Ethiopian', 'Addis Ababa'],
  ['Kenya', 'Kenyan', 'Nairobi'], ['Nigeria', 'Nigerian', 'Abuja'], ['Niger', 'Nigerien', 'Niamey'],
  ['Mali', 'Malian', 'Bamako'], ['Germany', 'German', 'Berlin'], ['France', 'French', 'Paris'],
  ['Poland', 'Polish', 'Warsaw'], ['Hungary', 'Hungarian', 'Budapest'], ['Moldova', 'Moldovan', 'Chisinau'],
  ['Georgia', 'Georgian', 'Tbilisi'], ['Armenia', 'Armenian', 'Yerevan'], ['Azerbaijan', 'Azerbaijani', 'Baku'],
  ['Venezuela', 'Venezuelan', 'Caracas'], ['Colombia', 'Colombian', 'Bogota'], ['Mexico', 'Mexican', 'Mexico City'],
  ['Brazil', 'Brazilian', 'Brasilia'], ['Argentina', 'Argentine', 'Buenos Aires'], ['Cuba', 'Cuban', 'Havana'],
  ['Philippines', 'Philippine', 'Manila'], ['Vietnam', 'Vietnamese', 'Hanoi'], ['Indonesia', 'Indonesian', 'Jakarta'],
  ['South Korea', 'South Korean', 'Seoul'], ['North Korea', 'North Korean', 'Pyongyang'], ['Taiwan', 'Taiwanese', 'Taipei'],
  ['Australia', 'Australian', 'Canberra'], ['Canada', 'Canadian', 'Ottawa'], ['Saudi Arabia', 'Saudi', 'Riyadh'],
  ['Qatar', 'Qatari', 'Doha'], ['Yemen', 'Yemeni', 'Sanaa'], ['Somalia', 'Somali', 'Mogadishu'],
  ['Libya', 'Libyan', 'Tripoli'], ['Algeria', 'Algerian', 'Algiers'], ['Serbia', 'Serbian', 'Belgrade'],
  ['Kosovo', 'Kosovan', 'Pristina'], ['Estonia', 'Estonian', 'Tallinn'],
];

interface EventKind {
  titles: string[];
  ledes: string[];
}

// {A}/{B}: country names, {a}/{b}: demonyms, {capA}: A's capital, {city}: a venue,
// {n}: a figure, {x}: an event-specific noun. Several phrasings per kind, as outlets differ.
const KINDS: EventKind[] = [
  {
    titles: ['{A} and {B} sign {x} deal in {city}', '{A}, {B} seal {x} agreement', '{a} and {b} leaders agree {x} pact', '{A}-{B}: {x} accord signed'],
    ledes: ['The two governments signed an agreement on {x} in {city}, officials said.', 'Leaders of {A} and {B} agreed a {x} pact worth {n} million after talks in {city}.'],
  },
  {
    titles: ['{A} expels {n} {b} diplomats over {x}', '{A} orders {b} embassy staff out, citing {x}', '{capA} declares {b} envoys persona non grata'],
    ledes: ['{A} ordered {n} {b} diplomats to leave within 72 hours, accusing them of {x}.', 'The foreign ministry in {capA} expelled {b} embassy staff after an inquiry into {x}.'],
  },
  {
    titles: ['{A} imposes sanctions on {b} {x}', '{A} sanctions {n} {b} officials over {x}', 'New {a} sanctions target {B} {x}'],
    ledes: ['{A} sanctioned {n} {b} individuals and entities linked to {x}.', 'The measures announced in {capA} freeze assets tied to {B} {x}.'],
  },
  {
    titles: ['{a} forces launch drills near {B} border', '{A} stages military exercises close to {B}', '{A} begins {x} drills as tensions with {B} rise'],
    ledes: ['{a} troops and aircraft began {x} exercises near the border with {B}, the defence ministry said.', 'The drills involve {n} soldiers and are the largest {A} has held near {B} this year.'],
  },
  {
    titles: ['Foreign ministers of {A} and {B} meet in {city}', '{A}, {B} top diplomats hold talks on {x}', '{capA} and {capB} seek thaw as ministers meet'],
    ledes: ['The foreign ministers of {A} and {B} met in {city} and agreed to resume talks on {x}.', '{a} and {b} diplomats discussed {x} at a meeting in {city}.'],
  },
  {
    titles: ['Thousands protest in {capA} against {x}', '{a} police disperse {x} protest in {capA}', '{A}: rally against {x} turns violent'],
    ledes: ['Tens of thousands rallied in {capA} against {x}; police used tear gas.', 'Protesters in {capA} demanded the government drop plans on {x}, {n} people were detained.'],
  },
  {
    titles: ['Air strikes hit {B} as {A} targets {x}', '{A} strikes {x} sites in {B}', '{a} jets bomb {x} near {capB}'],
    ledes: ['{a} aircraft struck {x} targets in {B} overnight, killing {n} people, officials said.', '{A} said it hit {x} facilities near {capB} to stop attacks on its territory.'],
  },
  {
    titles: ['{A} pledges {n} million in aid for {B}', '{a} aid package for {B} focuses on {x}', 'Donors led by {A} promise help for {B}'],
    ledes: ['{A} promised {n} million in humanitarian aid for {B}, with a focus on {x}.', 'The package announced by {capA} will fund {x} programmes in {B} over three years.'],
  },
  {
    titles: ['{b} court jails opposition figure {who}', '{who} sentenced to {n} years in {B}', '{B}: rights groups condemn verdict against {who}'],
    ledes: ['A court in {capB} sentenced {who} to {n} years on charges linked to {x}.', 'Supporters of {who} said the trial in {capB} over {x} was politically motivated.'],
  },
  {
    titles: ['{who} released after {n} days in {b} captivity', '{B} frees {a} hostage {who}', '{a} citizen {who} freed in {B}'],
    ledes: ['{who}, a {a} citizen held in {B} for {n} days, was released after mediation by {city}.', 'The release of {who} followed talks on {x} between {A} and {B}.'],
  },
  {
    titles: ['Clashes erupt in {place} as {b} army fights rebels', '{B}: dozens killed in fighting around {place}', 'Rebels seize {place} in {B}'],
    ledes: ['Fighting between the {b} army and rebel groups around {place} killed at least {n} people.', 'Rebels said they had taken control of {place}, a town on the road to {capB}.'],
  },
  {
    titles: ['{A} holds snap election after {x} crisis', '{a} voters head to polls amid {x} row', '{A} election: polls open as {x} dominates'],
    ledes: ['Voters in {A} elect a new parliament after the {x} crisis brought down the government.', 'Polls opened across {A} in a vote seen as a referendum on {x}.'],
  },
];

const SPECIFICS = [
  'energy', 'grain exports', 'gas pipeline', 'fishing rights', 'rare earths', 'nuclear cooperation', 'border security',
  'espionage', 'election interference', 'sabotage', 'cyber attacks', 'arms smuggling', 'oil shipments', 'shadow fleet',
  'drone factories', 'weapons depots', 'missile launchers', 'air defence', 'naval', 'artillery', 'pension reform',
  'media law', 'foreign agents law', 'corruption', 'fuel prices', 'water sharing', 'migration', 'debt relief',
  'port access', 'rail links', 'power lines', 'vaccines', 'refugees', 'hostages', 'prisoner exchange', 'uranium',
];

const VENUES = ['Geneva', 'Doha', 'Istanbul', 'Vienna', 'Brussels', 'Jeddah', 'Abu Dhabi', 'Singapore', 'Oslo', 'Nairobi', 'Cairo', 'Baku'];

const PREFIXES = ['', '', '', 'UPDATE 1-', 'Analysis: ', 'Explainer: ', 'World: ', 'Live: '];

// Background that unrelated stories share: the noise a real excerpt carries.
const BACKGROUND = [
  'The move comes amid rising tensions in the region.',
  'Analysts said the decision could affect talks planned for next month.',
  'The United Nations called for restraint on all sides.',
  'The European Union said it was monitoring the situation closely.',
  'Washington and Beijing have yet to comment.',
  'The foreign ministry said more details would follow.',
  'Markets reacted calmly to the news.',
  'Opposition parties criticised the government response.',
  'Human rights groups urged both sides to protect civilians.',
  'The announcement follows months of negotiations.',
];

const SYLLABLES = ['ka', 'ro', 'vi', 'nor', 'tel', 'am', 'os', 'zu', 'mar', 'din', 'le', 'sha', 'bek', 'ul', 'ran', 'to', 'mi', 'gor', 'ash', 'en', 'kel', 'dra', 'si', 'wa'];

const DETAILS = [
  'Officials in {place} confirmed the account.',
  'The statement was read by {who}.',
  '{who} said the talks had been difficult.',
  'Residents of {place} described chaos.',
  'The decision was signed by {who} in {place}.',
];

/** A made-up proper name ("Kavinor"): the event-specific names real reports carry. */
function properName(rand: () => number, syllables: number): string {
  let name = '';
  for (let i = 0; i < syllables; i += 1) name += pick(rand, SYLLABLES);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function fill(template: string, v: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
}

/** The synthetic batch: `count` items, deterministic for a given seed. */
export function syntheticItems(count = ITEM_COUNT, seed = 20261125): SyntheticItem[] {
  const rand = prng(seed);
  const base = Date.UTC(2026, 10, 22, 0, 0);
  const items: SyntheticItem[] = [];
  let event = 0;
  while (items.length < count) {
    event += 1;
    const [A, a, capA] = pick(rand, COUNTRIES);
    let other = pick(rand, COUNTRIES);
    while (other[0] === A) other = pick(rand, COUNTRIES);
    const [B, b, capB] = other;
    const kind = pick(rand, KINDS);
    const place = properName(rand, 3);
    const who = `${properName(rand, 2)} ${properName(rand, 3)}`;
    const vars = { A, a, capA, B, b, capB, city: pick(rand, VENUES), n: String(2 + Math.floor(rand() * 2000)), x: pick(rand, SPECIFICS), place, who };
    // Real events carry their own names (a town, an official) that most reports repeat.
    const detail = (): string => (rand() < 0.9 ? ` ${fill(pick(rand, DETAILS), vars)}` : '');
    const at = base + Math.floor(rand() * SPAN_MS);
    // Outlets per event: 40% one, then a long tail up to 8.
    const r = rand();
    const outlets = r < 0.4 ? 1 : r < 0.6 ? 2 : r < 0.75 ? 3 : r < 0.85 ? 4 : 5 + Math.floor(rand() * 4);
    const feeds = new Set<number>();
    while (feeds.size < outlets) feeds.add(1 + Math.floor(rand() * FEED_COUNT));
    for (const feedId of [...feeds].sort((x, y) => x - y)) {
      if (items.length >= count) break;
      const title = pick(rand, PREFIXES) + fill(pick(rand, kind.titles), vars);
      const lede = fill(pick(rand, kind.ledes), vars) + detail();
      const excerpt = rand() < 0.6 ? `${lede} ${pick(rand, BACKGROUND)}` : lede;
      const publishedAt = new Date(at + Math.floor(rand() * 10 * 60 * 60 * 1000));
      items.push({ id: items.length + 1, feedId, title, excerpt, publishedAt, event });
      // A few outlets re-post their piece with a tweak (a same-feed near-duplicate).
      if (rand() < 0.03 && items.length < count) {
        items.push({
          id: items.length + 1,
          feedId,
          title: `UPDATE 2-${title}`,
          excerpt: `${excerpt} ${pick(rand, BACKGROUND)}`,
          publishedAt: new Date(publishedAt.getTime() + 60 * 60 * 1000),
          event,
        });
      }
    }
  }
  return items;
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Pairwise precision/recall of the stories against the generator's events. */
function pairwiseAgainstEvents(stories: Array<{ items: SyntheticItem[] }>, items: readonly SyntheticItem[]) {
  let predicted = 0;
  let correct = 0;
  for (const story of stories) {
    predicted += pairs(story.items.length);
    const perEvent = new Map<number, number>();
    for (const item of story.items) perEvent.set(item.event, (perEvent.get(item.event) ?? 0) + 1);
    for (const c of perEvent.values()) correct += pairs(c);
  }
  const perEvent = new Map<number, number>();
  for (const item of items) perEvent.set(item.event, (perEvent.get(item.event) ?? 0) + 1);
  let actual = 0;
  for (const c of perEvent.values()) actual += pairs(c);
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = actual === 0 ? 1 : correct / actual;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export async function benchCluster(): Promise<BenchResult> {
  const items = syntheticItems();
  const timings: number[] = [];
  let stories = clusterItems(items); // warm-up: JIT, and the figures below
  for (let run = 0; run < RUNS; run += 1) {
    const start = process.hrtime.bigint();
    stories = clusterItems(items);
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  timings.sort((x, y) => x - y);
  const sizes = stories.map((s) => s.items.length);
  const quality = pairwiseAgainstEvents(stories, items);
  const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
  return {
    name: 'cluster: 5,000 items into stories',
    figures: {
      items: items.length,
      events: new Set(items.map((i) => i.event)).size,
      stories: stories.length,
      multiOutletStories: sizes.filter((s) => s > 1).length,
      largestStory: Math.max(...sizes),
      medianMs: round(timings[Math.floor(timings.length / 2)] as number),
      minMs: round(timings[0] as number),
      maxMs: round(timings[timings.length - 1] as number),
      runs: RUNS,
      targetMs: 1000,
      pairPrecision: round(quality.precision, 3),
      pairRecall: round(quality.recall, 3),
      pairF1: round(quality.f1, 3),
    },
  };
}

// Run alone: `node dist/bench/cluster-bench.js`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchCluster();
  console.log(result.name);
  for (const [key, value] of Object.entries(result.figures)) console.log(`  ${key.padEnd(20)} ${value}`);
}
