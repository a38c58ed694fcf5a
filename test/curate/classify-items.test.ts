import { describe, expect, it } from 'vitest';
import { classifyItems } from '../../src/curate/index.js';
import type { NewItem } from '../../src/shared/types.js';

const NOW = new Date('2026-11-25T12:00:00Z');
let n = 0;
function item(title: string, excerpt = '', overrides: Partial<NewItem> = {}): NewItem {
  n += 1;
  return {
    feedId: 1,
    guid: `g${n}`,
    url: null,
    canonicalUrl: null,
    title,
    summaryHtml: '',
    excerpt,
    publishedAt: new Date(NOW.getTime() - n * 60_000),
    firstSeenAt: NOW,
    contentHash: `h${n}`,
    tags: [],
    countries: [],
    regions: [],
    topics: [],
    seenOnly: false,
    ...overrides,
  };
}

describe('classifyItems', () => {
  it('tags countries, regions and topics from title and excerpt', () => {
    const [a] = classifyItems([item('Kenya and Ethiopia sign a border security pact', 'Nairobi hosted the talks.')], {}, NOW);
    expect(a?.countries).toEqual(expect.arrayContaining(['KE', 'ET']));
    expect(a?.regions).toEqual(['sub-saharan-africa']);
    expect(a?.topics.length).toBeGreaterThan(0);
  });

  it("falls back to the feed's default regions and topics when the tagger finds none", () => {
    const [a] = classifyItems([item('Editorial: the week ahead')], { regions: ['europe'], topics: ['diplomacy-summits'] }, NOW);
    expect(a).toMatchObject({ countries: [], regions: ['europe'], topics: ['diplomacy-summits'], seenOnly: false });
  });

  it('with filter foreign-policy, keeps only items with a country or a topic', () => {
    const out = classifyItems(
      [item('Local bakery wins a regional prize'), item('France recalls its ambassador to Mali')],
      { filter: 'foreign-policy' },
      NOW,
    );
    expect(out.map((i) => i.seenOnly)).toEqual([true, false]);
  });

  it('applies include/exclude keywords on word boundaries, maximum age and the per-fetch cap', () => {
    const items = [item('Sanctions on Iran widened'), item('Sports: Iran wins the cup'), item('Iranian oil exports fall')];
    expect(classifyItems(items, { include: ['sanctions', 'oil'] }, NOW).map((i) => i.seenOnly)).toEqual([false, true, false]);
    expect(classifyItems(items, { exclude: ['sports'] }, NOW).map((i) => i.seenOnly)).toEqual([false, true, false]);
    expect(classifyItems(items, { include: ['sanction'] }, NOW).map((i) => i.seenOnly)).toEqual([true, true, true]);
    const old = item('Old news from Chile', '', { publishedAt: new Date(NOW.getTime() - 10 * 86_400_000) });
    expect(classifyItems([old], { maxAgeMs: 7 * 86_400_000 }, NOW)[0]?.seenOnly).toBe(true);
    const onTopic = [item('Sanctions on Iran widened'), item('Iran and Iraq sign gas deal'), item('Iranian oil exports fall')];
    const capped = classifyItems(onTopic, { maxItems: 2 }, NOW);
    // Newest two stay offered; the oldest (the last built) is recorded as seen.
    expect(capped.map((i) => i.seenOnly)).toEqual([false, false, true]);
  });

  it('keeps sports results, celebrity, weather and markets-only items out of every feed by default', () => {
    const items = [
      item('Spain beat Germany 2-1 to top World Cup qualifying group', 'Spain came from behind in Madrid.'),
      item('Pop star announces world tour with shows in Lisbon', 'The singer will release a new album in March.'),
      item('Snow and ice forecast across Bavaria and Austria', 'The weather service warned of icy roads until Monday.'),
      item('Nikkei ends week at record high as yen weakens', "Tokyo's benchmark index rose 1.4% to a record close."),
      item('EU adopts new sanctions package against Russia', 'Ministers agreed to list 40 more tankers.'),
      item('Markets fall as US imposes tariffs on Chinese steel', 'Shares in Shanghai slid after Washington announced the tariffs.'),
    ];
    expect(classifyItems(items, {}, NOW).map((i) => i.seenOnly)).toEqual([true, true, true, true, false, false]);
    // A feed that wants them says `filter: none`.
    expect(classifyItems(items, { filter: 'none' }, NOW).every((i) => !i.seenOnly)).toBe(true);
  });

  it('files an item under the regions it is about, and keeps every country it names', () => {
    const [a] = classifyItems([item('US-brokered talks aim for three-month Sudan truce', 'American mediators pressed the warring generals to accept a ceasefire.')], {}, NOW);
    expect(a?.countries).toEqual(['US', 'SD']);
    expect(a?.aboutCountries).toEqual(['SD']);
    expect(a?.regions).toEqual(['sub-saharan-africa']);
  });

  it('never un-hides an item that was already seenOnly (back catalogue)', () => {
    const [a] = classifyItems([item('Japan and Korea hold talks', '', { seenOnly: true })], {}, NOW);
    expect(a?.seenOnly).toBe(true);
  });
});
