import { describe, expect, it } from 'vitest';
import { buildEditionModel, sizeImages } from '../../src/edition/index.js';
import { sanitizeSummary } from '../../src/curate/index.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

describe('sizeImages', () => {
  it('gives every image a width within the column and a height scaled with it', () => {
    const html = sanitizeSummary('<p><img src="https://e.org/a.jpg" alt="Map" width="1200" height="800"></p>', null);
    expect(sizeImages(html)).toBe(
      '<p><img src="https://e.org/a.jpg" alt="Map" width="544" height="363" style="display:block;width:100%;max-width:544px;height:auto;border:0;" /></p>',
    );
  });

  it('keeps small images at their size and sets a width where none was given', () => {
    expect(sizeImages('<img src="https://e.org/s.png" alt="" width="120" height="40" />')).toContain('width="120" height="40"');
    expect(sizeImages('<img src="https://e.org/n.png" alt="" />')).toContain('width="544" style=');
    expect(sizeImages('<p>No images</p>')).toBe('<p>No images</p>');
  });

  it('is applied to summaries by buildEditionModel', () => {
    const item = makeStoredItem({ summaryHtml: '<p><img src="https://e.org/a.jpg" alt="" width="1000" height="500" /></p>' });
    const model = buildEditionModel([item], { name: 'd', title: 'D', maxItems: 5 }, { now: new Date('2026-11-25T07:00:00Z'), editionId: null });
    expect(model.sections[0]?.stories[0]?.headline.summaryHtml).toContain('width="544" height="272"');
  });
});
