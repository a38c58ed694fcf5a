// The briefing blocks and the fixes of issue 11 as the built-in templates
// render them: the header counts stories and says the reading time, the text
// part carries the same summary text as the HTML, the editor's note and
// "What to watch" appear, and a copy without recipient links has no personal footer.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, buildEditionModel } from '../../src/edition/index.js';
import { builtinTemplatesDir, compileDigest, loadTemplates, type CompiledDigest } from '../../src/render/index.js';
import type { EditionModel } from '../../src/shared/types.js';
import { makeStoredItem } from '../helpers/curate-builders.js';
import { makeRecipient } from '../helpers/render-builders.js';

const NOW = new Date('2026-12-01T07:00:00Z');
const LONG =
  'The proposed framework would let monitors from both sides verify the withdrawal of heavy weapons along the line of contact, ' +
  'a step that earlier rounds never reached. Diplomats said the text still had to be approved by both cabinets, and that the ' +
  'mediators would publish a timetable only after the first inspection. Parliament will vote on the accord on 9 December, ' +
  'and the opposition has promised to challenge it in court if the vote passes by a narrow margin.';

let compiled: CompiledDigest;
let model: EditionModel;

beforeAll(async () => {
  compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
  const items = [
    // Two outlets on one story: 8 stories, 9 items.
    makeStoredItem({ id: 1, title: 'Ceasefire framework agreed', source: 'Wire A', countries: ['AM', 'AZ'], summaryHtml: `<p>${LONG}</p>`, excerpt: `${LONG.slice(0, 120)}…`, publishedAt: new Date('2026-11-30T20:00:00Z') }),
    makeStoredItem({ id: 2, feedId: 2, title: 'Ceasefire framework agreed', source: 'Wire B', summaryHtml: `<p>${LONG}</p>`, excerpt: LONG, countries: ['AM', 'AZ'], publishedAt: new Date('2026-11-30T19:00:00Z') }),
    ...[3, 4, 5, 6, 7, 8, 9].map((id) => makeStoredItem({ id, title: `Other story ${id}`, source: `Desk ${id}`, publishedAt: new Date(NOW.getTime() - id * 3600_000) })),
  ];
  model = buildEditionModel(items, { name: 'daily', title: 'Daily Brief', maxItems: 30 }, { now: NOW, editionId: 5 });
  model = applyEdits(model, [{ op: 'note', markdown: 'Good morning. **Two** things to know today.' }]);
});

describe('digest template blocks', () => {
  it('counts stories, not items, and shows the reading time', () => {
    expect(model.storyCount).toBe(8);
    expect(model.itemCount).toBe(9);
    const { html, text } = compiled.render(model, makeRecipient(1));
    expect(html).toContain('8 stories · 1-minute read');
    expect(text).toContain('8 stories · 1-minute read');
    expect(html).not.toContain('9 items');
  });

  it('puts the whole summary in the text part, as in the HTML', () => {
    const { html, text } = compiled.render(model, makeRecipient(1));
    expect(html).toContain(LONG);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(LONG);
    expect(flat).not.toContain('The proposed…');
  });

  it('shows the editor\'s note at the top and the "What to watch" block', () => {
    const { html, text } = compiled.render(model, makeRecipient(1));
    expect(html).toContain('From the editor');
    expect(html).toContain('Good morning. <strong>Two</strong> things to know today.');
    const body = html.slice(html.indexOf('<body'));
    expect(body.indexOf('From the editor')).toBeLessThan(body.indexOf('>Ceasefire framework agreed</a>'));
    expect(html).toContain('What to watch');
    expect(html).toContain('Wed 9 Dec');
    expect(text).toContain('== From the editor ==');
    expect(text).toContain('* Wed 9 Dec: Parliament will vote on the accord on 9 December');
  });

  it('styles for dark mode (media query, Outlook and Gmail selectors) and makes headlines look like links', () => {
    const { html } = compiled.render(model, makeRecipient(1));
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('[data-ogsc]');
    expect(html).toContain('u + .body');
    expect(html).toMatch(/<a class="dm-link" href="[^"]+" style="color:#0b4f8a;text-decoration:underline;/);
  });

  it('leaves out the personal footer when the copy has no recipient links (the public archive)', () => {
    const archive = compiled.render(model, { email: '', name: null, unsubscribeUrl: '', preferencesUrl: '', viewInBrowserUrl: '' });
    expect(archive.html).not.toContain('Unsubscribe');
    expect(archive.html).not.toContain('because');
    expect(archive.text).not.toContain('Unsubscribe');
    const personal = compiled.render(model, makeRecipient(1));
    expect(personal.html).toContain('Unsubscribe');
  });
});
