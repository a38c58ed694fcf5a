import { describe, expect, it } from 'vitest';
import { personaliseEdition, preferenceKey } from '../../src/edition/index.js';
import type { EditionModel, ItemView, StoryView } from '../../src/shared/types.js';

function view(id: number, regions: string[], topics: string[]): ItemView {
  return { id, source: 'Desk', title: `Story ${id}`, url: null, summaryHtml: '', excerpt: '', publishedAt: '2026-11-25T00:00:00Z', countries: [], regions, topics };
}
function story(headline: ItemView, also: ItemView[] = []): StoryView {
  return { id: `story-${headline.id}`, headline, alsoReportedBy: also };
}

const europeTrade = story(view(1, ['europe'], ['trade-sanctions']));
const europeSecurity = story(view(2, ['europe'], ['security-defence']), [view(3, ['europe', 'mena'], ['diplomacy-summits'])]);
const africaSecurity = story(view(4, ['sub-saharan-africa'], ['security-defence']));
const model: EditionModel = {
  digest: { name: 'daily', title: 'Daily' },
  editionId: 7,
  subject: 'Daily',
  preheader: '',
  date: '2026-11-25T07:00:00Z',
  sections: [
    { key: 'europe', title: 'Europe', stories: [europeTrade, europeSecurity] },
    { key: 'sub-saharan-africa', title: 'Sub-Saharan Africa', stories: [africaSecurity] },
  ],
  topStories: [europeSecurity],
  itemCount: 4,
};

describe('personaliseEdition', () => {
  it('returns the whole edition when no preference is set', () => {
    expect(personaliseEdition(model, {})).toBe(model);
    expect(personaliseEdition(model, undefined)).toBe(model);
  });

  it('keeps stories in the wanted regions, matching any item of the story', () => {
    const mena = personaliseEdition(model, { regions: ['mena'] });
    expect(mena?.sections.map((s) => s.stories.map((st) => st.id))).toEqual([['story-2']]);
    expect(mena?.itemCount).toBe(2);
    expect(mena?.topStories?.map((s) => s.id)).toEqual(['story-2']);
  });

  it('requires every dimension that is set (regions and topics)', () => {
    const r = personaliseEdition(model, { regions: ['europe', 'sub-saharan-africa'], topics: ['security-defence'] });
    expect(r?.sections.flatMap((s) => s.stories.map((st) => st.id))).toEqual(['story-2', 'story-4']);
  });

  it('returns null for an empty copy and for a subscriber who opted out of this digest', () => {
    expect(personaliseEdition(model, { regions: ['americas'] })).toBeNull();
    expect(personaliseEdition(model, { digests: ['weekly'] })).toBeNull();
    expect(personaliseEdition(model, { digests: ['daily'] })).toBe(model);
  });

  it('gives equal preference sets equal keys', () => {
    expect(preferenceKey({ regions: ['mena', 'europe'] })).toBe(preferenceKey({ regions: ['europe', 'mena', 'europe'] }));
    expect(preferenceKey({ regions: ['europe'] })).not.toBe(preferenceKey({ topics: ['europe'] }));
  });
});
