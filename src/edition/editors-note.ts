// The editor's note: Markdown written in the review desk (or with
// `dispatch editions note ID FILE.md`). An editor's keyboard is trusted more
// than a feed, but the note still goes through curate's allowlist sanitizer:
// a pasted <script> or javascript: link must not reach a subscriber either.
import type { convert as Convert } from 'html-to-text';
import type { Marked as MarkedClass } from 'marked';
import { lazyRequire } from '../shared/lazy-require.js';
import { sanitizeSummary } from '../curate/index.js';
import type { EditorsNote } from '../shared/types.js';

/** A note longer than this is an article, not a note. */
export const MAX_NOTE_CHARS = 4000;

const htmlToText = lazyRequire<{ convert: typeof Convert }>('html-to-text');
const markedModule = lazyRequire<{ Marked: typeof MarkedClass }>('marked');
// A private instance: options set here never leak to other users of marked.
let marked: MarkedClass | null = null;

/** Markdown → sanitized HTML and its plain text; null for a blank note. */
export function renderEditorsNote(markdown: string): EditorsNote | null {
  const source = markdown.replace(/\r\n?/g, '\n').trim();
  if (source === '') return null;
  // Raw HTML in the Markdown is allowed through marked and then cut down by
  // the sanitizer, exactly like feed HTML.
  marked ??= new (markedModule().Marked)({ gfm: true, breaks: false, async: false });
  const html = sanitizeSummary(marked.parse(source) as string, null);
  if (html === '') return null;
  const text = htmlToText().convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
    ],
  }).trim();
  return { noteHtml: html, text };
}
