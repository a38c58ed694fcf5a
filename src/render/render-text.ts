import type { compile as Compile } from 'html-to-text';
import { lazyRequire } from '../shared/lazy-require.js';

// Compiled once, on first use: html-to-text builds its selector tables per
// options object, and loading it costs ~8 MB of RSS that a process sending
// with a text template (the built-in set has one) never needs. A synchronous
// require keeps this function synchronous like the fill that calls it.
const htmlToText = lazyRequire<{ compile: typeof Compile }>('html-to-text');
let convert: ReturnType<typeof Compile> | null = null;

function converter(): ReturnType<typeof Compile> {
  return htmlToText().compile({
    wordwrap: 78,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
      { selector: 'img', format: 'skip' },
      // MJML's hidden preheader block: it is for the inbox list, not the text part.
      { selector: 'div[style*="display:none"]', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  });
}

/** Plain text from a filled HTML mail: the fallback when there is no text template. */
export function renderText(html: string): string {
  convert ??= converter();
  return convert(html);
}
