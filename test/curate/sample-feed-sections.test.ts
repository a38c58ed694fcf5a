// The bundled sample feeds, curated and classified as `dispatch run` does,
// then built into an edition by region: the Red Sea, Suez and IAEA stories
// that used to land in "More" get a Middle East & North Africa section, and
// the DRC ceasefire story goes to Sub-Saharan Africa.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyItems, curateItems } from '../../src/curate/index.js';
import { buildEditionModel } from '../../src/edition/index.js';
import { fetchFeeds } from '../../src/ingest/index.js';
import type { StoredItem } from '../../src/shared/types.js';

const feedsDir = fileURLToPath(new URL('../../feeds/', import.meta.url));
const NOW = new Date('2026-11-25T12:00:00Z');

describe('sample feeds by region', () => {
  it('gives MENA and every region with stories its section', async () => {
    const urls = ['sample/world-desk.xml', 'sample/diplomacy-journal.atom', 'sample/security-monitor.xml'];
    const outcomes = await fetchFeeds(urls.map((url, i) => ({ id: i + 1, url, etag: null, lastModified: null })), { baseDir: feedsDir });
    const items: StoredItem[] = [];
    for (const o of outcomes) {
      if (o.kind !== 'ok') throw new Error(`feed ${o.feedId} failed`);
      const curated = curateItems(o.items, { feedId: o.feedId, feedUrl: urls[o.feedId - 1]!, tags: [], now: NOW, seenOnlyBefore: null });
      for (const item of classifyItems(curated.items, {}, NOW)) {
        if (!item.seenOnly) items.push({ ...item, id: items.length + 1, source: `feed ${o.feedId}`, feedWeight: 1 });
      }
    }
    const model = buildEditionModel(items, { name: 'daily', title: 'Daily', maxItems: 40, sectionBy: 'region', topStories: 0 }, { now: NOW, editionId: null });
    const sectionOf = (title: RegExp): string | undefined => model.sections.find((s) => s.stories.some((st) => title.test(st.headline.title)))?.key;
    expect(model.sections.map((s) => s.key)).toContain('mena');
    expect(sectionOf(/Red Sea shipping insurers/)).toBe('mena');
    expect(sectionOf(/IAEA inspectors return/)).toBe('mena');
    expect(sectionOf(/eastern DRC/)).toBe('sub-saharan-africa');
    expect(sectionOf(/Colombia and Venezuela/)).toBe('americas');
    expect(sectionOf(/South China Sea code of conduct/)).toBe('east-asia-pacific');
  });
});
