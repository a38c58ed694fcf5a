import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { createSlotRenderer } from '../../src/render/recipient-slots.js';
import type { EditionModel, RecipientView } from '../../src/shared/types.js';
import { makeEditionModel } from '../helpers/render-builders.js';

function recipient(i: number, overrides: Partial<RecipientView> = {}): RecipientView {
  return {
    email: `reader${i}@example.org`,
    name: i % 2 ? `Reader "${i}" <b>&</b>` : null,
    unsubscribeUrl: `https://brief.example.org/unsubscribe?token=t${i}.sig=${i}`,
    preferencesUrl: `https://brief.example.org/preferences?token=p${i}`,
    viewInBrowserUrl: i % 3 ? `https://brief.example.org/editions/${i}` : '',
    ...overrides,
  };
}

function renderers(htmlSource: string, textSource: string | null, setup?: (hb: typeof Handlebars) => void) {
  const hb = Handlebars.create();
  setup?.(hb);
  const html = hb.compile(htmlSource, { strict: false });
  const text = textSource ? hb.compile(textSource, { noEscape: true }) : null;
  const plain = (model: EditionModel, r: RecipientView) => {
    const data = { ...model, recipient: r };
    const h = html(data);
    return { html: h, text: text ? text(data) : `TEXT(${h})` };
  };
  const slots = createSlotRenderer({
    html: (d) => html(d),
    text: text ? (d) => text(d) : null,
    textFromHtml: (h) => `TEXT(${h})`,
    escape: (v) => hb.Utils.escapeExpression(v),
  });
  return { plain, slots };
}

const HTML = `<h1>{{digest.title}}</h1>{{#each sections}}<h2>{{title}}</h2>{{#each stories}}<a href="{{headline.url}}">{{headline.title}}</a>{{{headline.summaryHtml}}}{{/each}}{{/each}}
<p>Hello {{#if recipient.name}}{{recipient.name}}{{else}}reader{{/if}} ({{recipient.email}})</p>
<a href="{{recipient.unsubscribeUrl}}">unsubscribe</a> <a href="{{recipient.preferencesUrl}}">preferences</a>
{{#if recipient.viewInBrowserUrl}}<a href="{{recipient.viewInBrowserUrl}}">view</a>{{/if}}`;
const TEXT = `{{digest.title}} for {{recipient.email}}\nUnsubscribe: {{recipient.unsubscribeUrl}}`;

describe('createSlotRenderer', () => {
  it('produces exactly what a full Handlebars fill produces, for every recipient and shape', () => {
    const { plain, slots } = renderers(HTML, TEXT);
    const model = makeEditionModel({ items: 5, summaryChars: 80 });
    for (let i = 0; i < 60; i++) {
      const r = recipient(i, i === 7 ? { email: `x"><script>alert(1)</script>@example.org` } : {});
      const out = slots.render(model, r);
      expect({ html: out.html, text: out.text }).toEqual(plain(model, r));
      // The spliced form (what the MIME builder encodes once per shape) joins to the same text.
      if (i > 0) {
        expect(out.spliced).toBeDefined();
        const join = (s: { parts: readonly string[]; values: readonly string[] }) => s.parts.map((p, k) => p + (s.values[k] ?? '')).join('');
        expect(join(out.spliced!.html)).toBe(out.html);
        expect(join(out.spliced!.text)).toBe(out.text);
        // One parts array per shape, shared by every recipient of it.
        expect(out.spliced!.html.parts).toBe(slots.render(model, r).spliced?.html.parts);
      }
    }
  });

  it('falls back to a full fill when a template passes a recipient value through a helper', () => {
    const { plain, slots } = renderers(`<p>{{shout recipient.email}}</p>{{recipient.email}}`, null, (hb) =>
      hb.registerHelper('shout', (s: string) => String(s).toUpperCase()),
    );
    const model = makeEditionModel({ items: 1 });
    for (let i = 0; i < 5; i++) expect(slots.render(model, recipient(i))).toMatchObject(plain(model, recipient(i)));
  });

  it('falls back when a recipient value is printed unescaped', () => {
    const { plain, slots } = renderers(`<a href="{{{recipient.unsubscribeUrl}}}">x</a>`, null);
    const model = makeEditionModel({ items: 1 });
    for (let i = 0; i < 5; i++) expect(slots.render(model, recipient(i))).toMatchObject(plain(model, recipient(i)));
  });

  it('never takes the shortcut for feed text that holds the marker character', () => {
    const { plain, slots } = renderers(HTML, TEXT);
    const model = makeEditionModel({ items: 2 });
    const poisoned: EditionModel = { ...model, digest: { ...model.digest, title: 'Brief \u00000\u0000' } };
    for (let i = 0; i < 3; i++) expect(slots.render(poisoned, recipient(i))).toMatchObject(plain(poisoned, recipient(i)));
  });

  it('fills the template once per recipient shape (plus one check), not once per recipient', () => {
    const hb = Handlebars.create();
    const html = hb.compile(HTML);
    let fills = 0;
    const slots = createSlotRenderer({
      html: (d) => {
        fills += 1;
        return html(d);
      },
      text: null,
      textFromHtml: (h) => h,
      escape: (v) => hb.Utils.escapeExpression(v),
    });
    const model = makeEditionModel({ items: 5 });
    // Shapes: name set or not × view-in-browser link set or not = 4.
    for (let i = 0; i < 600; i++) slots.render(model, recipient(i));
    expect(fills).toBeLessThanOrEqual(8);
  });
});
