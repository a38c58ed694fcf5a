// Fixtures come from buildEditionModel, never hand-made models: a hand-made
// model once put the same story in the top block and a section, which the
// real builder never does, and hid that top-stories-only readers got nothing.
import { describe, expect, it } from 'vitest';
import { buildEditionModel, storiesOf } from '../../src/edition/index.js';
import { personaliseEdition, preferenceKey } from '../../src/render/index.js';
import type { EditionModel } from '../../src/shared/types.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

const NOW = new Date('2026-11-25T07:00:00Z');
const at = (minutesAgo: number): Date => new Date(NOW.getTime() - minutesAgo * 60_000);

/** Eight single-outlet stories; the three most recent (1–3) become top stories. */
function edition(): EditionModel {
  const items = [
    makeStoredItem({ id: 1, title: 'Sahel juntas meet', regions: ['sub-saharan-africa'], topics: ['diplomacy-summits'], publishedAt: at(1) }),
    makeStoredItem({ id: 2, title: 'Andes trade pact', regions: ['americas'], topics: ['trade-sanctions'], publishedAt: at(2) }),
    makeStoredItem({ id: 3, title: 'Baltic air patrols', regions: ['europe'], topics: ['security-defence'], publishedAt: at(3) }),
    makeStoredItem({ id: 4, title: 'EU tariffs', regions: ['europe'], topics: ['trade-sanctions'], publishedAt: at(40) }),
    makeStoredItem({ id: 5, title: 'Balkan summit', regions: ['europe'], topics: ['diplomacy-summits'], publishedAt: at(50) }),
    makeStoredItem({ id: 6, title: 'Red Sea escorts', regions: ['mena'], topics: ['security-defence'], publishedAt: at(60) }),
    makeStoredItem({ id: 7, title: 'Gulf mediation', regions: ['mena'], topics: ['diplomacy-summits'], publishedAt: at(70) }),
    makeStoredItem({ id: 8, title: 'Horn of Africa drought', regions: ['sub-saharan-africa'], topics: ['humanitarian'], publishedAt: at(80) }),
  ];
  return buildEditionModel(items, { name: 'daily', title: 'Daily', maxItems: 30, sectionBy: 'region' }, { now: NOW, editionId: 7 });
}

const ids = (m: EditionModel | null) => (m ? storiesOf(m).map((s) => s.headline.id) : null);

describe('personaliseEdition', () => {
  it('works on a model whose top stories are not repeated in the sections (as the builder makes it)', () => {
    const m = edition();
    expect(m.topStories?.map((s) => s.headline.id)).toEqual([1, 2, 3]);
    expect(m.sections.flatMap((s) => s.stories.map((st) => st.headline.id))).not.toContain(1);
    expect(m.storyCount).toBe(8);
  });

  it('returns the whole edition when no preference is set', () => {
    const m = edition();
    expect(personaliseEdition(m, {})).toBe(m);
    expect(personaliseEdition(m, undefined)).toBe(m);
  });

  it('gives a reader whose stories are all top stories a copy with those stories', () => {
    const r = personaliseEdition(edition(), { regions: ['americas'] });
    expect(r).not.toBeNull();
    expect(r?.topStories?.map((s) => s.headline.id)).toEqual([2]);
    expect(r?.sections).toEqual([]);
    expect(r?.storyCount).toBe(1);
    expect(r?.itemCount).toBe(1);
  });

  it('counts top stories and section stories alike', () => {
    const r = personaliseEdition(edition(), { regions: ['europe'] });
    expect(ids(r)).toEqual([3, 4, 5]);
    expect(r?.storyCount).toBe(3);
    expect(r?.itemCount).toBe(3);
    expect(r?.readingMinutes).toBeGreaterThanOrEqual(1);
  });

  it('requires every dimension that is set (regions and topics)', () => {
    const r = personaliseEdition(edition(), { regions: ['europe', 'mena'], topics: ['security-defence'] });
    expect(ids(r)).toEqual([3, 6]);
  });

  it('returns null for an empty copy and for a subscriber who opted out of this digest', () => {
    const m = edition();
    expect(personaliseEdition(m, { regions: ['south-central-asia'] })).toBeNull();
    expect(personaliseEdition(m, { digests: ['weekly'] })).toBeNull();
    expect(personaliseEdition(m, { digests: ['daily'] })).toBe(m);
  });

  it('gives equal preference sets equal keys', () => {
    expect(preferenceKey({ regions: ['mena', 'europe'] })).toBe(preferenceKey({ regions: ['europe', 'mena', 'europe'] }));
    expect(preferenceKey({ regions: ['europe'] })).not.toBe(preferenceKey({ topics: ['europe'] }));
  });
});
