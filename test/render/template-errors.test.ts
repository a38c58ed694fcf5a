import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinTemplatesDir, compileDigest, loadTemplates } from '../../src/render/index.js';
import { expectTemplateError, makeTemplateDir, removeTemplateDirs } from '../helpers/render-templates.js';

afterAll(removeTemplateDirs);

/** Compiles the built-in templates with `files` overriding some of them. */
async function compileWith(files: Record<string, string>): Promise<{ dir: string; compile: Promise<unknown> }> {
  const dir = await makeTemplateDir(files);
  const compile = loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: dir }).then(compileDigest);
  return { dir, compile };
}

describe('template errors name the file and line', () => {
  it('an unclosed mj tag in a partial', async () => {
    const { dir, compile } = await compileWith({
      'partials/item.mjml': ['<!-- a story -->', '<mj-text css-class="story">', '  {{headline.title}}', ''].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/item.mjml'), 2, /<mj-text> is not closed/);
  });

  it('an mj attribute MJML does not know', async () => {
    const { dir, compile } = await compileWith({
      'partials/header.mjml': [
        '<mj-section>',
        '  <mj-column>',
        '    <mj-text colour="red">{{digest.title}}</mj-text>',
        '  </mj-column>',
        '</mj-section>',
      ].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/header.mjml'), 3, /Attribute colour is illegal/);
  });

  it('an mj element that does not exist, in the main template after the includes', async () => {
    const main = await import('node:fs/promises').then((fs) =>
      fs.readFile(path.join(builtinTemplatesDir(), 'digest.mjml'), 'utf8'),
    );
    const lines = main.split('\n');
    const at = lines.findIndex((l) => l.includes('partials/footer.mjml'));
    lines.splice(at, 0, '    <mj-spacer-x />');
    const { dir, compile } = await compileWith({ 'digest.mjml': lines.join('\n') });
    await expectTemplateError(compile, path.join(dir, 'digest.mjml'), at + 1, /mj-spacer-x/);
  });

  it('an unclosed Handlebars block', async () => {
    const { dir, compile } = await compileWith({
      'partials/item.mjml': [
        '<mj-text css-class="story">',
        '  {{#with headline}}',
        '  {{#if url}}<a href="{{url}}">{{title}}</a>',
        '  {{/with}}',
        '</mj-text>',
      ].join('\n'),
    });
    const file = path.join(dir, 'partials/item.mjml');
    const error = await expectTemplateError(compile, file, 3, /\{\{#if\}\} is not closed/);
    expect(error.message).toContain(`${file}:4`);
  });

  it('a Handlebars block left open at the end of a file', async () => {
    const { dir, compile } = await compileWith({
      'digest.txt.hbs': ['{{digest.title}}', '{{#each sections}}', '== {{title}} ==', ''].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'digest.txt.hbs'), 2, /\{\{#each\}\} is never closed/);
  });

  it('a Handlebars syntax error', async () => {
    const { dir, compile } = await compileWith({
      'partials/footer.mjml': ['<mj-section>', '  <mj-column>', '    <mj-text>{{recipient.email}</mj-text>', '  </mj-column>', '</mj-section>'].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/footer.mjml'), 3, /Handlebars parse error/);
  });

  it('unescaped feed text ({{{title}}}) is refused', async () => {
    const { dir, compile } = await compileWith({
      'partials/item.mjml': ['<mj-text>', '  {{{headline.summaryHtml}}}', '  {{{headline.title}}}', '</mj-text>'].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/item.mjml'), 3, /only \{\{\{summaryHtml\}\}\}/);
  });

  it('an unknown helper', async () => {
    const { dir, compile } = await compileWith({
      'partials/item.mjml': ['<mj-text>', '  {{shout headline.title}}', '</mj-text>'].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/item.mjml'), 2, /unknown helper shout/);
  });

  it('a Handlebars partial (composition is <mj-include>)', async () => {
    const { dir, compile } = await compileWith({
      'partials/item.mjml': ['<mj-text>', '  {{> story}}', '</mj-text>'].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/item.mjml'), 2, /mj-include/);
  });

  it('a block tag outside <mj-raw>, which MJML would silently drop', async () => {
    const { dir, compile } = await compileWith({
      'digest.mjml': [
        '<mjml>',
        '  <mj-body>',
        '    <mj-section>',
        '      <mj-column>',
        '        {{#each sections}}',
        '        <mj-text>{{title}}</mj-text>',
        '        <mj-raw>{{/each}}</mj-raw>',
        '      </mj-column>',
        '    </mj-section>',
        '  </mj-body>',
        '</mjml>',
      ].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'digest.mjml'), 5, /dropped by MJML/);
  });

  it('an include of a file that does not exist', async () => {
    const dir = await makeTemplateDir({
      'digest.mjml': ['<mjml>', '  <mj-body>', '    <mj-include path="partials/missing.mjml" />', '  </mj-body>', '</mjml>'].join('\n'),
    });
    await expectTemplateError(
      loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: dir }),
      path.join(dir, 'digest.mjml'),
      3,
      /partials\/missing\.mjml not found/,
    );
  });

  it('an include that leaves the templates folder', async () => {
    const dir = await makeTemplateDir({
      'digest.mjml': ['<mjml>', '  <mj-body>', '    <mj-include path="../secrets.mjml" />', '  </mj-body>', '</mjml>'].join('\n'),
    });
    await expectTemplateError(
      loadTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: dir }),
      path.join(dir, 'digest.mjml'),
      3,
      /outside the templates folder/,
    );
  });

  it('an include cycle', async () => {
    const { dir, compile } = await compileWith({
      'partials/footer.mjml': ['<mj-include path="loop.mjml" />'].join('\n'),
      'partials/loop.mjml': ['<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>', '<mj-include path="footer.mjml" />'].join('\n'),
    });
    await expectTemplateError(compile, path.join(dir, 'partials/loop.mjml'), 2, /cycle/);
  });
});
