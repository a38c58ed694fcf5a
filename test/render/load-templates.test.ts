import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinTemplatesDir, compileDigest, loadTemplates, MAIN_TEMPLATE, TEXT_TEMPLATE } from '../../src/render/index.js';
import { makeEditionModel, makeRecipient } from '../helpers/render-builders.js';
import { copyTemplateDir, expectTemplateError, makeTemplateDir, removeTemplateDirs } from '../helpers/render-templates.js';

afterAll(removeTemplateDirs);

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('builtinTemplatesDir', () => {
  it('is templates/ at the package root', () => {
    expect(builtinTemplatesDir()).toBe(path.join(packageRoot, 'templates'));
    expect(existsSync(path.join(builtinTemplatesDir(), MAIN_TEMPLATE))).toBe(true);
  });
});

describe('loadTemplates', () => {
  it('loads the main template, every partial it includes, and the text template', async () => {
    const builtinDir = builtinTemplatesDir();
    const set = await loadTemplates({ builtinDir });
    expect([...set.files.keys()].sort()).toEqual(
      [MAIN_TEMPLATE, TEXT_TEMPLATE, 'partials/footer.mjml', 'partials/header.mjml', 'partials/item.mjml', 'partials/what-to-watch.mjml'].sort(),
    );
    for (const file of set.files.values()) {
      expect(file.path).toBe(path.join(builtinDir, file.name));
      expect(file.source.length).toBeGreaterThan(0);
      expect(file.source).not.toContain('\r');
    }
  });

  it('takes a file from the override folder and every other file from the built-ins', async () => {
    const builtinDir = builtinTemplatesDir();
    const overrideDir = await makeTemplateDir({
      'partials/footer.mjml': [
        '<mj-section>',
        '  <mj-column>',
        '    <mj-text>Custom footer for {{recipient.email}}: <a href="{{recipient.unsubscribeUrl}}">leave</a></mj-text>',
        '  </mj-column>',
        '</mj-section>',
      ].join('\n'),
      'unrelated.txt': 'not a template',
    });
    const set = await loadTemplates({ builtinDir, overrideDir });
    for (const file of set.files.values()) {
      const dir = file.name === 'partials/footer.mjml' ? overrideDir : builtinDir;
      expect(file.path).toBe(path.join(dir, file.name));
    }
    expect(set.files.has('unrelated.txt')).toBe(false);

    const { html } = (await compileDigest(set)).render(makeEditionModel({ items: 4 }), makeRecipient(3));
    expect(html).toContain('Custom footer for reader3@example.org');
    expect(html).not.toContain('Preferences</a>'); // the built-in footer is gone…
    expect(html).toContain('Daily Foreign Policy Brief</h1>'); // …the built-in header is not
    expect(html).toContain('View this edition in your browser');
  });

  it('lets an override add a partial of its own', async () => {
    const overrideDir = await makeTemplateDir({
      'partials/footer.mjml': '<mj-include path="sponsor.mjml" />\n',
      'partials/sponsor.mjml': '<mj-section><mj-column><mj-text>Sponsored by nobody</mj-text></mj-column></mj-section>\n',
    });
    const set = await loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir });
    expect(set.files.get('partials/sponsor.mjml')?.path).toBe(path.join(overrideDir, 'partials/sponsor.mjml'));
    const { html } = (await compileDigest(set)).render(makeEditionModel({ items: 2 }), makeRecipient(1));
    expect(html).toContain('Sponsored by nobody');
  });

  it('treats a missing override folder file as "use the built-in"', async () => {
    const set = await loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: null });
    expect(set.files.get(MAIN_TEMPLATE)?.path).toBe(path.join(builtinTemplatesDir(), MAIN_TEMPLATE));
  });

  it('fails with the path of the missing main template', async () => {
    const builtinDir = await makeTemplateDir({ 'partials/item.mjml': '<mj-text>x</mj-text>' });
    await expectTemplateError(loadTemplates({ builtinDir }), path.join(builtinDir, MAIN_TEMPLATE), null, /not found/);
  });

  it('leaves the text template out when there is none (the text part then comes from the HTML)', async () => {
    const builtinDir = await copyTemplateDir(builtinTemplatesDir());
    await rm(path.join(builtinDir, TEXT_TEMPLATE));
    const set = await loadTemplates({ builtinDir });
    expect(set.files.has(TEXT_TEMPLATE)).toBe(false);
    expect((await compileDigest(set)).textSource).toBe('html-to-text');
  });
});
