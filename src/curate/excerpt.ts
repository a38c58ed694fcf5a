// A plain-text excerpt for the text part of a mail, previews and the content hash.
import type { compile as Compile } from 'html-to-text';
import { lazyRequire } from '../shared/lazy-require.js';

const ELLIPSIS = '…';

// Compiled once, on first use: html-to-text builds its selector tables per
// options object (and is not loaded at all by a process that never curates).
const htmlToTextModule = lazyRequire<{ compile: typeof Compile }>('html-to-text');
let htmlToPlainText: ReturnType<typeof Compile> | null = null;
const excerptOptions: Parameters<typeof Compile>[0] = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'object', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    { selector: 'head', format: 'skip' },
    // A bullet means nothing in a one-line excerpt (an empty prefix would fall back to " * ").
    { selector: 'ul', options: { itemPrefix: ' ' } },
    { selector: 'blockquote', format: 'block' },
    { selector: 'table', format: 'block' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
  ],
};

/** HTML (or text) to one line of plain text: entities decoded, tags gone, whitespace collapsed. */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  htmlToPlainText ??= htmlToTextModule().compile(excerptOptions);
  return collapseWhitespace(htmlToPlainText(html));
}

/**
 * Plain-text excerpt of `html`: no link URLs, no images, whitespace collapsed,
 * at most `maxChars` characters, cut at a word boundary with "…" when longer.
 */
export function toExcerpt(html: string, maxChars = 300): string {
  return truncateText(htmlToText(html), maxChars);
}

/** Cuts plain text to at most `maxChars` characters at a word boundary, ending in "…" when cut. */
export function truncateText(text: string, maxChars: number): string {
  const limit = Math.max(1, Math.floor(maxChars));
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - ELLIPSIS.length + 1);
  // Cut back to the last space, unless that throws away most of the text
  // (one very long word or URL): then a hard cut reads better than nothing.
  const lastSpace = cut.lastIndexOf(' ');
  cut = lastSpace >= limit * 0.5 ? cut.slice(0, lastSpace) : cut.slice(0, limit - ELLIPSIS.length);
  // Never leave half a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/[\s,;:.\-–—(]+$/u, '');
  return cut + ELLIPSIS;
}

export function collapseWhitespace(text: string): string {
  // \s covers NBSP and other Unicode spaces; zero-width characters go too.
  return text.replace(/[\u200B-\u200D\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
}
