import { compile } from 'html-to-text';

// Compiled once: html-to-text builds its selector tables per options object.
const convert = compile({
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

/** Plain text from a filled HTML mail: the fallback when there is no text template. */
export function renderText(html: string): string {
  return convert(html);
}
