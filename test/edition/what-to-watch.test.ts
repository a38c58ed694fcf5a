import { describe, expect, it } from 'vitest';
import { buildEditionModel, findWhatToWatch } from '../../src/edition/index.js';
import type { StoryView } from '../../src/shared/types.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

// Edition on Tuesday 1 December 2026.
const NOW = new Date('2026-12-01T07:00:00Z');

function story(id: number, text: string, publishedAt: string, title = `Story ${id}`): StoryView {
  return {
    id: `item-${id}`,
    alsoReportedBy: [],
    headline: { id, source: 'Desk', title, url: `https://e.org/${id}`, summaryHtml: `<p>${text}</p>`, summaryText: text, excerpt: text, publishedAt, countries: [], regions: [], topics: [] },
  };
}

describe('findWhatToWatch', () => {
  it('resolves weekdays against the item\'s published date, not the edition\'s', () => {
    // Published Saturday 28 Nov: "Monday" is 30 Nov, already past on Tuesday 1 Dec; Thursday is 3 Dec.
    const past = story(1, 'Talks resume on Monday in Geneva.', '2026-11-28T10:00:00Z');
    const ahead = story(2, 'Ministers will meet on Thursday to sign the accord.', '2026-11-30T18:00:00Z');
    expect(findWhatToWatch([past, ahead], NOW)).toEqual([
      { date: '2026-12-03', when: 'Thu 3 Dec', text: 'Ministers will meet on Thursday to sign the accord.', storyId: 'item-2', source: 'Desk', url: 'https://e.org/2' },
    ]);
  });

  it('finds explicit dates and "next week", earliest first', () => {
    const w = findWhatToWatch(
      [
        story(3, 'Leaders are due to gather for the summit on 14 December.', '2026-11-30T09:00:00Z'),
        story(4, 'The alliance summit next week will focus on air defence.', '2026-11-30T09:00:00Z'),
      ],
      NOW,
    );
    expect(w.map((x) => [x.date, x.when])).toEqual([
      ['2026-12-07', 'Week of 7 Dec'],
      ['2026-12-14', 'Mon 14 Dec'],
    ]);
  });

  it('ignores dates a sentence reports in the past', () => {
    const w = findWhatToWatch(
      [
        story(5, 'The foreign minister said on Wednesday that the talks had failed.', '2026-11-30T09:00:00Z'),
        story(6, 'Rebels attacked the town. Nothing else is planned.', '2026-11-30T09:00:00Z'),
        story(7, 'The route cuts shipping times by about a week; officials will run a joint checkpoint.', '2026-11-30T09:00:00Z'),
      ],
      NOW,
    );
    expect(w).toEqual([]);
  });

  it('is filled by buildEditionModel', () => {
    const item = makeStoredItem({ id: 90, summaryHtml: '<p>Parliament will vote on the treaty on 9 December.</p>', publishedAt: new Date('2026-11-30T12:00:00Z') });
    const model = buildEditionModel([item], { name: 'daily', title: 'Daily', maxItems: 5 }, { now: NOW, editionId: null });
    expect(model.whatToWatch?.map((w) => [w.when, w.storyId])).toEqual([['Wed 9 Dec', 'item-90']]);
  });
});
