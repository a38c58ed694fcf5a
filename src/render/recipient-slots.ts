// The per-recipient fill, made cheap. Everything in a digest but the
// recipient's own values (address, name, signed links) is the same for every
// reader of one personal copy, so the compiled template is filled once per
// (model, recipient shape) with markers in place of those values; the output
// is split at the markers, and each recipient's copy is the split joined with
// their values, escaped exactly as Handlebars escapes them.
//
// The first join of each split is checked against a real Handlebars fill for
// the same recipient; any difference (a template that passes a recipient
// value through a helper, uses it in a condition, or prints it unescaped)
// turns the shortcut off for that split and every copy is a plain fill.
import type { EditionModel, RecipientView } from '../shared/types.js';

type Fill = (data: unknown) => string;

interface Split {
  /** Static text; a recipient value goes between parts[i] and parts[i+1]. */
  parts: string[];
  /** Index (into the recipient's keys) of the value for each gap. */
  slots: number[];
}

interface Entry {
  keys: string[];
  html: Split | null;
  text: Split | null;
  verified: boolean;
}

const MARK = '\u0000';
// NUL cannot occur in XML feed text, so it is safe to use as a marker.
// eslint-disable-next-line no-control-regex
const MARKER = /\u0000(\d+)\u0000/g;

/** Text = parts[0] + values[0] + parts[1] + …; `parts` is shared by every copy of one shape. */
export interface SplicedText {
  parts: readonly string[];
  values: string[];
}

export interface SlotRendered {
  html: string;
  text: string;
  /**
   * The same html and text as a shared shape plus this recipient's values,
   * when the shortcut served this copy (the MIME builder encodes the shape
   * once); absent when the copy was a plain fill.
   */
  spliced?: { html: SplicedText; text: SplicedText };
}

export interface SlotRenderer {
  render(model: EditionModel, recipient: RecipientView): SlotRendered;
}

export function createSlotRenderer(opts: {
  html: Fill;
  text: Fill | null;
  /** Used when there is no text template (html-to-text over the HTML). */
  textFromHtml: (html: string) => string;
  escape: (value: string) => string;
}): SlotRenderer {
  const byModel = new WeakMap<EditionModel, Map<string, Entry>>();
  const unsafeModels = new WeakSet<EditionModel>();

  const plain = (model: EditionModel, recipient: RecipientView) => {
    const data = { ...model, recipient };
    const html = opts.html(data);
    return { html, text: opts.text ? opts.text(data) : opts.textFromHtml(html) };
  };

  return {
    render(model, recipient) {
      if (unsafeModels.has(model)) return plain(model, recipient);
      const shape = shapeOf(recipient);
      if (shape === null) return plain(model, recipient);
      let entries = byModel.get(model);
      if (!entries) {
        // A marker character in feed text would confuse the split: no shortcut.
        if (JSON.stringify(model).includes(MARK)) {
          unsafeModels.add(model);
          return plain(model, recipient);
        }
        entries = new Map();
        byModel.set(model, entries);
      }
      let entry = entries.get(shape.key);
      if (!entry) {
        const marked = Object.fromEntries(shape.keys.map((k, i) => [k, markerFor(recipient, k, i)]));
        const data = { ...model, recipient: marked };
        const html = split(opts.html(data));
        entry = { keys: shape.keys, html, text: opts.text ? split(opts.text(data)) : null, verified: false };
        entries.set(shape.key, entry);
      }
      if (!entry.html || (opts.text && !entry.text)) return plain(model, recipient);

      const values = entry.keys.map((k) => (recipient as unknown as Record<string, unknown>)[k]);
      const htmlValues = gapValues(entry.html, values, opts.escape);
      const html = join(entry.html.parts, htmlValues);
      const textValues = opts.text && entry.text ? gapValues(entry.text, values, (v) => v) : null;
      const text = entry.text && textValues ? join(entry.text.parts, textValues) : opts.textFromHtml(html);
      if (!entry.verified) {
        const real = plain(model, recipient);
        if (real.html !== html || real.text !== text) {
          entry.html = null;
          return real;
        }
        entry.verified = true;
      }
      return entry.text && textValues
        ? { html, text, spliced: { html: { parts: entry.html.parts, values: htmlValues }, text: { parts: entry.text.parts, values: textValues } } }
        : { html, text };
    },
  };
}

/**
 * Which recipient fields are set decides `{{#if}}` branches, so it is part of
 * the cache key. Null when the recipient holds something other than strings
 * and nulls (then no shortcut is taken).
 */
function shapeOf(recipient: RecipientView): { key: string; keys: string[] } | null {
  const keys = Object.keys(recipient).sort();
  let key = '';
  for (const k of keys) {
    const v = (recipient as unknown as Record<string, unknown>)[k];
    if (v !== null && v !== undefined && typeof v !== 'string') return null;
    if (typeof v === 'string' && v.includes(MARK)) return null;
    key += `${k}:${v ? 1 : 0};`;
  }
  return { key, keys };
}

function markerFor(recipient: RecipientView, key: string, index: number): string | null | undefined {
  const v = (recipient as unknown as Record<string, unknown>)[key] as string | null | undefined;
  return v ? `${MARK}${index}${MARK}` : v;
}

function split(filled: string): Split | null {
  const parts: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of filled.matchAll(MARKER)) {
    parts.push(filled.slice(last, m.index));
    slots.push(Number(m[1]));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(filled.slice(last));
  // A marker that a helper cut or changed would leave a stray marker character.
  return parts.some((p) => p.includes(MARK)) ? null : { parts, slots };
}

/** The recipient's value for each gap of a split, escaped for where it goes. */
function gapValues(s: Split, values: unknown[], escape: (v: string) => string): string[] {
  return s.slots.map((slot) => escape(String(values[slot] ?? '')));
}

function join(parts: readonly string[], values: readonly string[]): string {
  let out = parts[0] ?? '';
  for (let i = 0; i < values.length; i++) out += (values[i] as string) + (parts[i + 1] ?? '');
  return out;
}
