import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinTemplatesDir, compileDigest, loadTemplates, renderText, TEXT_TEMPLATE } from '../../src/render/index.js';
import { allItems, makeEditionModel, makeRecipient } from '../helpers/render-builders.js';
import { copyTemplateDir, removeTemplateDirs } from '../helpers/render-templates.js';

afterAll(removeTemplateDirs);

describe('renderText', () => {
  it('turns HTML into text with link targets, skipping images and the hidden preheader', () => {
    const text = renderText(
      '<html><body><div style="display:none;font-size:1px">Hidden preheader</div>' +
        '<h1>Brief</h1><h3><a href="https://example.org/a?x=1&amp;y=2">Talks &lt;resume&gt;</a></h3>' +
        '<img src="https://example.org/p.gif"><p>Body</p></body></html>',
    );
    expect(text).not.toContain('Hidden preheader');
    expect(text).toContain('Brief');
    expect(text).toContain('Talks <resume> <https://example.org/a?x=1&y=2>');
    expect(text).not.toContain('p.gif');
  });

  it('is the text part when the templates have no digest.txt.hbs', async () => {
    const builtinDir = await copyTemplateDir(builtinTemplatesDir());
    await rm(path.join(builtinDir, TEXT_TEMPLATE));
    const digest = await compileDigest(await loadTemplates({ builtinDir }));
    const model = makeEditionModel({ items: 6 });
    const recipient = makeRecipient(5);
    const { text } = digest.render(model, recipient);
    for (const item of allItems(model)) expect(text).toContain(item.url!);
    const flat = text.replace(/\s+/g, ' '); // html-to-text wraps at 78 columns
    for (const s of model.sections) for (const st of s.stories) expect(flat).toContain(st.headline.title);
    expect(text).toContain(recipient.unsubscribeUrl);
    expect(text).not.toContain(model.preheader);
    expect(text).not.toMatch(/<\/?(p|div|a|td)\b/);
  });
});
