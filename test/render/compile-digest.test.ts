import { beforeAll, describe, expect, it } from 'vitest';
import {
  builtinTemplatesDir,
  compileDigest,
  GMAIL_CLIP_BYTES,
  GMAIL_STYLE_BYTES,
  loadTemplates,
  measureHtml,
  type CompiledDigest,
} from '../../src/render/index.js';
import { mjmlRuns } from '../../src/render/compile-digest.js';
import type { EditionModel } from '../../src/shared/types.js';
import { allItems, makeEditionModel, makeRecipient } from '../helpers/render-builders.js';

let digest: CompiledDigest;

beforeAll(async () => {
  digest = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
});

/** A 30-story model whose first items carry hostile feed text. */
function hostileModel(): EditionModel {
  const model = makeEditionModel({ items: 30, summaryChars: 300 });
  const [a, b, c, d] = model.sections.flatMap((s) => s.stories.map((st) => st.headline));
  if (!a || !b || !c || !d) throw new Error('builder gave too few items');
  a.title = '{{#each @root}}x{{/each}}';
  b.title = '<script>alert(1)</script>';
  c.source = '"><img src=x onerror=alert(1)>';
  d.title = 'Story without a safe link';
  d.url = null;
  return model;
}

describe('compileDigest', () => {
  it('keeps a 30-story edition with 300-character summaries under the size budgets', () => {
    const model = makeEditionModel({ items: 30, summaryChars: 300 });
    const { html } = digest.render(model, makeRecipient(1));
    const size = measureHtml(html);
    console.log(
      `30-story edition (${model.itemCount} items, 300-char summaries): HTML ${size.bytes} bytes ` +
        `(${(size.bytes / 1024).toFixed(1)} KB), <style> ${size.styleBytes} bytes`,
    );
    expect(size.bytes).toBeLessThan(GMAIL_CLIP_BYTES);
    expect(size.bytes).toBeLessThan(80 * 1024); // the project's target, well clear of Gmail's clip
    expect(size.styleBytes).toBeGreaterThan(0);
    expect(size.styleBytes).toBeLessThan(GMAIL_STYLE_BYTES);
    expect(size.warnings).toEqual([]);
    // Every headline made it in.
    for (const s of model.sections) for (const st of s.stories) expect(html).toContain(st.headline.title);
  });

  it('outputs hostile feed text as escaped characters, never as markup or template code', () => {
    const { html, text } = digest.render(hostileModel(), makeRecipient(1));
    // The title is data: it appears as those characters, and the template did not loop over @root.
    expect(html).toContain('{{#each @root}}x{{/each}}');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<img\b/i);
    expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    // The text part is text/plain: characters as they are, still not evaluated as a template.
    expect(text).toContain('{{#each @root}}x{{/each}}');
    expect(text).toContain('<script>alert(1)</script>');
  });

  it('puts the sanitized summary in as HTML (the one unescaped field)', () => {
    const model = makeEditionModel({ items: 3 });
    const first = allItems(model)[0]!;
    first.summaryHtml = '<p>Talks <em>resumed</em> in Geneva.</p>';
    const { html } = digest.render(model, makeRecipient(1));
    expect(html).toContain('<p>Talks <em>resumed</em> in Geneva.</p>');
  });

  it('renders an item whose url is null without any link', () => {
    const { html, text } = digest.render(hostileModel(), makeRecipient(1));
    expect(html).toContain('Story without a safe link');
    expect(html).not.toMatch(/<a\b[^>]*>\s*Story without a safe link/);
    expect(html).not.toMatch(/href="(null|undefined|)"/);
    const block = text.slice(text.indexOf('* Story without a safe link'));
    expect(block.slice(0, block.indexOf('\n*', 1))).not.toContain('http');
  });

  it('links headlines and other outlets only through their http(s) urls', () => {
    const model = makeEditionModel({ items: 10 });
    const { html } = digest.render(model, makeRecipient(1));
    for (const item of allItems(model)) expect(html).toContain(`href="${item.url}"`);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
  });

  it('puts the recipient links in: view in browser, unsubscribe and preferences', () => {
    const recipient = makeRecipient(7);
    const { html, text } = digest.render(makeEditionModel({ items: 5 }), recipient);
    const esc = (url: string) => url.replaceAll('=', '&#x3D;');
    expect(html).toContain(`href="${esc(recipient.viewInBrowserUrl)}"`);
    expect(html).toContain(`href="${esc(recipient.unsubscribeUrl)}"`);
    expect(html).toContain(`href="${esc(recipient.preferencesUrl)}"`);
    expect(html).toContain(recipient.email);
    expect(html.indexOf(esc(recipient.unsubscribeUrl))).toBeGreaterThan(html.lastIndexOf('Also reported by'));
    expect(text).toContain(recipient.unsubscribeUrl);
    expect(text).toContain(recipient.preferencesUrl);
    expect(text).toContain(recipient.viewInBrowserUrl);
  });

  it('omits the "view in browser" link when there is no archive URL (a preview)', () => {
    const { html, text } = digest.render(makeEditionModel({ items: 3 }), makeRecipient(1, { viewInBrowserUrl: '' }));
    expect(html).not.toContain('View this edition in your browser');
    expect(html).not.toContain('View in browser');
    expect(text).not.toContain('View in your browser');
  });

  it('has a preheader, a title and the digest masthead', () => {
    const model = makeEditionModel({ items: 3 });
    const { html } = digest.render(model, makeRecipient(1));
    expect(html).toMatch(/<div style="display:none;[^"]*">Ceasefire framework agreed; defence treaty ratified/);
    expect(html).toContain(`<title>${model.subject}</title>`);
    expect(html).toContain('Daily Foreign Policy Brief</h1>');
    expect(html).toContain('Wednesday 25 November 2026');
  });

  it('writes a text part with every headline, outlet and link', () => {
    const model = makeEditionModel({ items: 30 });
    const { text } = digest.render(model, makeRecipient(1));
    expect(digest.textSource).toBe('template');
    for (const item of allItems(model)) {
      expect(text).toContain(item.source);
      expect(text).toContain(item.url!);
    }
    for (const s of model.sections) {
      expect(text).toContain(`== ${s.title} ==`);
      for (const st of s.stories) expect(text).toContain(`* ${st.headline.title}`);
    }
    expect(text).not.toMatch(/<\/?(p|div|a)\b/);
    expect(text).not.toMatch(/\n{3,}/);
    // Excerpts are wrapped for plain-text readers.
    const excerptLines = text.split('\n').filter((l) => /^ {2}[^ ]/.test(l) && !/http|·|Also reported/.test(l));
    expect(excerptLines.length).toBeGreaterThan(30);
    for (const line of excerptLines) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('runs MJML once per compile, never per recipient', () => {
    const calls = mjmlRuns();
    expect(calls).toBe(1); // the compile in beforeAll
    const model = makeEditionModel({ items: 30, summaryChars: 300 });
    const wrong: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const recipient = makeRecipient(i);
      const out = digest.render(model, recipient);
      // Each copy carries its own recipient's address and token and not the
      // previous one's, so all 1,000 differ. render is a synchronous fill: it
      // cannot await the (async) MJML compiler.
      const ok =
        !(out instanceof Promise) &&
        out.html.includes(` ${recipient.email} `) &&
        out.html.includes(recipient.unsubscribeUrl.replaceAll('=', '&#x3D;')) &&
        !out.html.includes(` reader${i - 1}@example.org `) &&
        out.text.includes(recipient.unsubscribeUrl);
      if (!ok) wrong.push(i);
    }
    expect(wrong).toEqual([]);
    expect(mjmlRuns()).toBe(calls);
  });
});
