import { describe, expect, it } from 'vitest';
import { clusterItems, DEFAULT_THRESHOLD, DEFAULT_WINDOW_MS, storySimilarities } from '../../src/cluster/index.js';
import { BASE_TIME, HOUR, makeClusterItem, storyIds, storyOf } from '../helpers/cluster-builders.js';
import { labelledItems } from './labelled-pairs.js';

const TRUCE = {
  title: "Sudan's army and RSF agree 90-day ceasefire in Jeddah talks",
  excerpt: "Sudan's army and the Rapid Support Forces agreed to a 90-day nationwide ceasefire after talks in Jeddah, mediators said.",
};

const UNRELATED = {
  title: 'Chile and Argentina sign lithium cooperation pact',
  excerpt: 'The two neighbours agreed in Santiago to coordinate lithium mining rules and share geological data.',
};

/** Seeded shuffle, so the test is the same on every run. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('clusterItems', () => {
  it('returns no stories for no items', () => {
    expect(clusterItems([])).toEqual([]);
  });

  it('groups the same event from different outlets and names the story after its smallest item id', () => {
    const a = makeClusterItem({ id: 7, feedId: 1, ...TRUCE, hoursAfter: 1 });
    const b = makeClusterItem({
      id: 3,
      feedId: 2,
      title: 'Sudan war: Army and RSF sign truce after Jeddah talks',
      excerpt: "The two sides in Sudan's civil war signed a three-month ceasefire in Jeddah, raising hopes for aid to Darfur.",
      hoursAfter: 2,
    });
    const c = makeClusterItem({ id: 9, feedId: 3, ...UNRELATED });
    const stories = clusterItems([a, b, c]);
    expect(stories.map((s) => s.id)).toEqual(['story-3', 'story-9']);
    // Items oldest first inside a story.
    expect(storyIds(stories)).toEqual([[7, 3], [9]]);
  });

  it("gives a story the countries its items are about: as stored at ingest when given, as tagged otherwise", () => {
    const brokered = {
      title: 'US-brokered talks aim for Sudan truce in Jeddah',
      excerpt: 'American mediators pressed the generals to accept a ceasefire.',
    };
    const tagged = clusterItems([makeClusterItem({ id: 1, ...brokered })]);
    expect(tagged[0]?.countries).toEqual(['US', 'SD', 'SA']);
    expect(tagged[0]?.aboutCountries).toEqual(['SD']);
    // A stored item carries what ingest found (migration 008): that is what the story says.
    const stored = clusterItems([makeClusterItem({ id: 1, ...brokered, countries: ['US', 'SD'], aboutCountries: ['SD', 'SS'] })]);
    expect(stored[0]?.countries).toEqual(['US', 'SD']);
    expect(stored[0]?.aboutCountries).toEqual(['SD', 'SS']);
  });

  it('keeps a single unrelated item as a story of its own', () => {
    const items = [
      makeClusterItem({ id: 1, feedId: 1, ...TRUCE }),
      makeClusterItem({ id: 2, feedId: 2, ...TRUCE, title: `${TRUCE.title}, mediators say` }),
      makeClusterItem({ id: 3, feedId: 3, ...UNRELATED }),
    ];
    const stories = clusterItems(items);
    expect(storyOf(stories, 3)).toEqual([3]);
    expect(stories.find((s) => s.items.some((i) => i.id === 3))?.id).toBe('story-3');
    expect(storyOf(stories, 1)).toEqual([1, 2]);
  });

  it('puts every item in exactly one story', () => {
    const stories = clusterItems(labelledItems);
    const seen = stories.flatMap((s) => s.items.map((i) => i.id)).sort((x, y) => x - y);
    expect(seen).toEqual(labelledItems.map((i) => i.id).sort((x, y) => x - y));
    for (const s of stories) expect(s.items.length).toBeGreaterThan(0);
  });

  describe('time window', () => {
    it('joins identical reports just inside the window and not just outside it', () => {
      const inside = [makeClusterItem({ id: 1, feedId: 1, ...TRUCE }), makeClusterItem({ id: 2, feedId: 2, ...TRUCE, hoursAfter: 47 })];
      const outside = [makeClusterItem({ id: 1, feedId: 1, ...TRUCE }), makeClusterItem({ id: 2, feedId: 2, ...TRUCE, hoursAfter: 49 })];
      expect(storyIds(clusterItems(inside))).toEqual([[1, 2]]);
      expect(storyIds(clusterItems(outside))).toEqual([[1], [2]]);
    });

    it('honours a custom window', () => {
      const items = [makeClusterItem({ id: 1, feedId: 1, ...TRUCE }), makeClusterItem({ id: 2, feedId: 2, ...TRUCE, hoursAfter: 7 })];
      expect(storyIds(clusterItems(items, { windowMs: 6 * HOUR }))).toEqual([[1], [2]]);
      expect(storyIds(clusterItems(items, { windowMs: 8 * HOUR }))).toEqual([[1, 2]]);
    });

    it('never lets a story span more than the window, even through a chain of identical reports', () => {
      // 0 h, 30 h, 60 h: each neighbour is within 48 h, the ends are not.
      const items = [0, 30, 60].map((h, k) => makeClusterItem({ id: k + 1, feedId: k + 1, ...TRUCE, hoursAfter: h }));
      const stories = clusterItems(items);
      for (const s of stories) {
        const times = s.items.map((i) => i.publishedAt.getTime());
        expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(DEFAULT_WINDOW_MS);
      }
      expect(storyOf(stories, 1)).not.toContain(3);
    });
  });

  describe('determinism', () => {
    it('gives the same stories for the same input, run after run', () => {
      const first = clusterItems(labelledItems);
      const second = clusterItems(labelledItems);
      expect(second.map((s) => ({ id: s.id, ids: s.items.map((i) => i.id) }))).toEqual(first.map((s) => ({ id: s.id, ids: s.items.map((i) => i.id) })));
    });

    it('does not depend on the order of the input', () => {
      const expected = clusterItems(labelledItems).map((s) => ({ id: s.id, ids: s.items.map((i) => i.id) }));
      for (const seed of [1, 2, 3]) {
        const got = clusterItems(shuffled(labelledItems, seed)).map((s) => ({ id: s.id, ids: s.items.map((i) => i.id) }));
        expect(got).toEqual(expected);
      }
    });

    it('does not mutate the input', () => {
      const items = shuffled(labelledItems, 9);
      const before = items.map((i) => i.id);
      clusterItems(items);
      expect(items.map((i) => i.id)).toEqual(before);
    });
  });

  describe('chaining', () => {
    // A (prisoner swap) ~ B (swap and grain talks) ~ C (grain talks), A ≁ C.
    const A = makeClusterItem({
      id: 1,
      feedId: 1,
      title: 'Russia and Ukraine swap prisoners after Istanbul talks',
      excerpt: 'Russia and Ukraine exchanged 300 prisoners of war each on Tuesday, the first swap agreed at the talks in Istanbul.',
    });
    const B = makeClusterItem({
      id: 2,
      feedId: 2,
      title: 'Prisoner swap agreed in Istanbul as Turkey hosts Black Sea grain talks',
      excerpt: 'Turkey, which brokered the exchange of 300 prisoners of war, also hosted talks on reopening a Black Sea grain corridor.',
    });
    const C = makeClusterItem({
      id: 3,
      feedId: 3,
      title: 'Turkey hosts talks on Black Sea grain corridor',
      excerpt: 'Delegations met in Istanbul to discuss safe passage for grain ships through the Black Sea, a Turkish official said.',
    });
    const fillers = [
      makeClusterItem({ id: 4, feedId: 4, title: 'Brazil elects new president', excerpt: 'Voters in Brazil chose a new president.' }),
      makeClusterItem({ id: 5, feedId: 5, title: 'Chile holds referendum on constitution', excerpt: 'Chileans voted on a new constitution.' }),
    ];

    it('does not join A and C through B (policy: average linkage, and no pair below half the threshold)', () => {
      const items = [A, B, C, ...fillers];
      const sim = (a: number, b: number): number =>
        storySimilarities(items).find((s) => s.a === a && s.b === b)?.similarity ?? 0;
      // The premise: A~B relate and B~C clear the threshold, A and C barely
      // relate. (Since issue 11, A~B is below the threshold too: A is about
      // Russia and Ukraine, B about Turkey, and clashing subjects halve it.)
      expect(sim(1, 2)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD / 2);
      expect(sim(2, 3)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
      expect(sim(1, 3)).toBeLessThan(DEFAULT_THRESHOLD / 2);

      const stories = clusterItems(items);
      expect(storyOf(stories, 1)).not.toContain(3);
      // B goes with the closer of the two (C), A stays alone.
      expect(storyOf(stories, 2)).toEqual([2, 3]);
      expect(storyOf(stories, 1)).toEqual([1]);
    });
  });

  describe('one outlet, one item per story', () => {
    it('keeps two different developments from the same feed apart, though each matches the other outlet', () => {
      const dayOne = makeClusterItem({
        id: 1,
        feedId: 1,
        title: 'China stages military drills around Taiwan, simulates blockade',
        excerpt: "China's military began drills around Taiwan involving navy, air force and rocket forces, calling them a stern warning.",
      });
      const dayTwo = makeClusterItem({
        id: 2,
        feedId: 1,
        hoursAfter: 22,
        title: 'China extends Taiwan drills into second day with live-fire exercises',
        excerpt: "Chinese forces fired long-range rockets into waters east of Taiwan as the drills around the island entered a second day.",
      });
      const items = [dayOne, dayTwo];
      const sims = storySimilarities(items);
      expect(sims[0]?.similarity ?? 0).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
      expect(storyIds(clusterItems(items))).toEqual([[1], [2]]);
      // The same two texts from two outlets would be one story.
      expect(storyIds(clusterItems([dayOne, { ...dayTwo, feedId: 2 }]))).toEqual([[1, 2]]);
    });

    it('joins an outlet\'s own near-duplicate re-post (an "UPDATE 1")', () => {
      const items = labelledItems.filter((i) => i.id === 1 || i.id === 6);
      expect(items.every((i) => i.feedId === items[0]?.feedId)).toBe(true);
      expect(storyIds(clusterItems(items))).toEqual([[1, 6]]);
    });

    it('lets the caller loosen the near-duplicate bar', () => {
      const a = makeClusterItem({ id: 1, feedId: 1, ...TRUCE });
      const b = makeClusterItem({
        id: 2,
        feedId: 1,
        title: 'Sudan war: Army and RSF sign truce after Jeddah talks',
        excerpt: "The two sides in Sudan's civil war signed a three-month truce in Jeddah, raising hopes for aid to Darfur.",
      });
      const sim = storySimilarities([a, b])[0]?.similarity ?? 0;
      expect(sim).toBeGreaterThanOrEqual(0.3);
      expect(sim).toBeLessThan(0.8);
      expect(storyIds(clusterItems([a, b]))).toEqual([[1], [2]]);
      expect(storyIds(clusterItems([a, b], { sameFeedThreshold: 0.3 }))).toEqual([[1, 2]]);
    });
  });

  describe('text handling', () => {
    it('tells South Sudan from Sudan', () => {
      const items = [
        makeClusterItem({ id: 1, feedId: 1, title: 'Sudan: army and RSF agree ceasefire', excerpt: 'The ceasefire in Sudan starts on Saturday.' }),
        makeClusterItem({ id: 2, feedId: 2, title: 'South Sudan: army and rebels agree ceasefire', excerpt: 'The ceasefire in South Sudan starts on Saturday.' }),
      ];
      const sim = storySimilarities(items)[0]?.similarity ?? 0;
      const same = storySimilarities([items[0] as (typeof items)[number], { ...(items[1] as (typeof items)[number]), title: 'Sudan: army and rebels agree ceasefire', excerpt: 'The ceasefire in Sudan starts on Saturday.' }])[0]?.similarity ?? 0;
      expect(sim).toBeLessThan(same);
    });

    it('matches a demonym or capital to its country ("Japanese", "Tokyo" → Japan)', () => {
      const items = [
        makeClusterItem({ id: 1, feedId: 1, title: 'Tokyo and Beijing agree maritime hotline', excerpt: '' }),
        makeClusterItem({ id: 2, feedId: 2, title: 'Japan and China agree maritime hotline', excerpt: '' }),
      ];
      expect(storySimilarities(items)[0]?.similarity ?? 0).toBeGreaterThan(0.9);
    });

    it('joins one event reported in English, German, Spanish and Portuguese, and keeps a same-day look-alike apart', () => {
      // Cases written for this test: a compound ("Gaspipeline-Abkommen"), amounts in
      // four notations, a leader for his country, and the same two countries' drills.
      const items = [
        makeClusterItem({ id: 1, feedId: 1, hoursAfter: 0, title: 'Hungary and Serbia sign $1.5bn gas pipeline deal', excerpt: 'The two governments agreed in Belgrade to build a pipeline carrying Russian gas to Hungary, officials said.' }),
        makeClusterItem({ id: 2, feedId: 2, hoursAfter: 1, title: 'Ungarn und Serbien unterzeichnen Gaspipeline-Abkommen', excerpt: 'Die Leitung im Wert von 1,5 Milliarden Dollar soll russisches Gas nach Ungarn bringen, hieß es in Belgrad.' }),
        makeClusterItem({ id: 3, feedId: 3, hoursAfter: 2, title: 'Orbán y Vučić firman un acuerdo de gasoducto', excerpt: 'Hungría y Serbia construirán un gasoducto de 1.500 millones de dólares para el gas ruso.' }),
        makeClusterItem({ id: 4, feedId: 4, hoursAfter: 2, title: 'Hungria e Sérvia assinam acordo de gasoduto de US$ 1,5 bilhão', excerpt: 'O gasoduto levará gás russo à Hungria.' }),
        makeClusterItem({ id: 5, feedId: 5, hoursAfter: 3, title: 'Serbian and Hungarian troops begin joint drills near border', excerpt: 'Some 2,000 soldiers from Serbia and Hungary started a week of exercises near Subotica.' }),
        makeClusterItem({ id: 6, feedId: 6, hoursAfter: 1, title: 'Chile and Argentina sign lithium cooperation pact', excerpt: 'The two neighbours agreed in Santiago to coordinate lithium mining rules.' }),
        makeClusterItem({ id: 7, feedId: 7, hoursAfter: 2, title: 'Kenya hosts talks on Somalia drought aid', excerpt: 'Donors met in Nairobi to pledge food aid for Somalia.' }),
      ];
      const stories = clusterItems(items);
      expect(storyOf(stories, 1)).toEqual([1, 2, 3, 4]);
      expect(storyOf(stories, 5)).toEqual([5]);
    });

    it('survives items with empty text and invalid dates', () => {
      const items = [
        makeClusterItem({ id: 1, title: '', excerpt: '' }),
        makeClusterItem({ id: 2, ...TRUCE, publishedAt: new Date(Number.NaN) }),
        makeClusterItem({ id: 3, ...TRUCE }),
        makeClusterItem({ id: 4, ...TRUCE, hoursAfter: 1 }),
      ];
      const stories = clusterItems(items);
      expect(storyOf(stories, 1)).toEqual([1]);
      // An undated item cannot be placed in any window: it stays alone.
      expect(storyOf(stories, 2)).toEqual([2]);
      expect(storyOf(stories, 3)).toEqual([3, 4]);
    });
  });

  describe('options', () => {
    it('rejects nonsense thresholds and windows', () => {
      const items = [makeClusterItem()];
      expect(() => clusterItems(items, { threshold: 0 })).toThrow(RangeError);
      expect(() => clusterItems(items, { threshold: 1.5 })).toThrow(RangeError);
      expect(() => clusterItems(items, { threshold: Number.NaN })).toThrow(RangeError);
      expect(() => clusterItems(items, { windowMs: -1 })).toThrow(RangeError);
      expect(() => clusterItems(items, { sameFeedThreshold: 2 })).toThrow(RangeError);
    });

    it('a higher threshold never merges more', () => {
      const loose = clusterItems(labelledItems, { threshold: 0.2 }).length;
      const strict = clusterItems(labelledItems, { threshold: 0.5 }).length;
      expect(strict).toBeGreaterThanOrEqual(loose);
    });
  });

  it('uses the time of the items, not the clock', () => {
    const items = [makeClusterItem({ id: 1, feedId: 1, ...TRUCE, publishedAt: new Date(BASE_TIME - 400 * 24 * HOUR) }), makeClusterItem({ id: 2, feedId: 2, ...TRUCE, publishedAt: new Date(BASE_TIME - 400 * 24 * HOUR + HOUR) })];
    expect(storyIds(clusterItems(items))).toEqual([[1, 2]]);
  });
});
