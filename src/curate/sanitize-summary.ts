// Feed summaries are hostile HTML that ends up unescaped in a mail, so they go
// through an allowlist: a few text-level tags, links and (real) images only.
import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../shared/lazy-require.js';
import { cleanLinkUrl } from './canonical-url.js';

const sanitizeHtmlModule = lazyRequire<typeof SanitizeHtml>('sanitize-html');

const DROP = 'dispatch-drop'; // a tag name no allowlist contains: the element goes, its text stays

/** Elements whose content is not prose (or is hostile): dropped with everything inside. */
const DROP_WITH_CONTENT = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'option',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'button',
  'svg',
  'math',
  'head',
  'title',
  'xmp',
  'noembed',
  'noframes',
];

/** Images that are (almost certainly) tracking pixels or feed furniture, by URL. */
const PIXEL_URL_PATTERNS = [
  /^https?:\/\/feeds\.feedburner\.com\/~r\//i,
  /^https?:\/\/feeds\.feedburner\.com\/~ff\//i,
  /^https?:\/\/pixel\./i,
  /^https?:\/\/stats\.wordpress\.com\//i,
  /^https?:\/\/pixel\.wp\.com\//i,
  /^https?:\/\/[^/]*doubleclick\.net\//i,
  /^https?:\/\/[^/]*google-analytics\.com\//i,
  /^https?:\/\/[^/]*\.list-manage\.com\/track\//i,
  /^https?:\/\/[^/]*\/(?:pixel|tracking|track|beacon|open)\.(?:gif|png|php)(?:[?#]|$)/i,
  /\/(?:1x1|spacer|blank|transparent)\.(?:gif|png)(?:[?#]|$)/i,
  /^https?:\/\/[^/]*\/wf\/open\?/i, // SendGrid opens
];

const MAX_ALT_LENGTH = 300;

/**
 * A publisher's self-promotion, recognised by how it starts: "See our Central
 * Asia coverage", "Read more of our…", "Sign up for…", "The post … appeared
 * first on …". Links (and paragraphs) whose whole text starts like this go;
 * they are the outlet talking about itself, not the story.
 */
const PROMO_TEXT = [
  /^(?:see|read|explore|browse|discover|follow|get|find|watch|listen to)\s+(?:more\s+(?:of\s+)?|all\s+(?:of\s+)?|the\s+(?:rest|latest)\s+of\s+)?our\b/i,
  /^read\s+more\b/i,
  /^(?:continue|keep)\s+reading\b/i,
  /^sign\s+up\b/i,
  /^subscribe\s+(?:to|now|here|for|today)\b/i,
  /^(?:click|tap)\s+here\b/i,
  /^(?:get|receive)\s+(?:our|the)\s+(?:daily|weekly|free)?\s*newsletter\b/i,
  /^the\s+post\s+.+\s+appeared\s+first\s+on\b/i,
];
/** Longer than this, a paragraph is copy that happens to start with "Read more", not a promo line. */
const MAX_PROMO_CHARS = 160;
// Links and blocks only: an inline <strong>Sign up…</strong> must stay until its paragraph is judged whole.
const PROMO_CONTAINERS = new Set(['a', 'p', 'div', 'li', 'h3', 'h4', 'figcaption']);

export function isPromotion(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim().replace(/^[\s→»›>*•–—-]+/u, '');
  return t.length > 0 && t.length <= MAX_PROMO_CHARS && PROMO_TEXT.some((re) => re.test(t));
}

/**
 * Sanitizes untrusted summary HTML into markup that is safe to put into a mail
 * unescaped. Relative `href`/`src` are resolved against `baseUrl` (the item
 * link, else the feed URL); links lose tracking parameters and get
 * `rel="noopener noreferrer"`; anything that is not http(s) or mailto goes.
 * Images survive only with an absolute http(s) `src` and not as tracking pixels.
 */
export function sanitizeSummary(html: string, baseUrl: string | null): string {
  if (typeof html !== 'string' || html.trim() === '') return '';
  // Two passes: when an element is dropped (renamed to DROP), sanitize-html can
  // misname the closing tags it adds for unclosed elements ("<img><p>" came out
  // as "<p></dispatch-drop>", "<a></a><p>" as an unclosed "<p>"), so one pass
  // is not a fixed point. The second pass sees only allowed markup and closes
  // it properly; the fuzz test checks that a third would change nothing.
  return sanitizeOnce(sanitizeOnce(html, baseUrl), baseUrl);
}

function sanitizeOnce(html: string, baseUrl: string | null): string {
  const out = sanitizeHtmlModule()(html, {
    allowedTags: ['p', 'br', 'a', 'strong', 'em', 'b', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'img', 'h3', 'h4', 'figure', 'figcaption', 'cite', 'q', 'code', 'pre', 'sub', 'sup', 'div', 'span', 'hr'],
    allowedAttributes: {
      a: ['href', 'rel', 'title'],
      img: ['src', 'alt', 'width', 'height'],
    },
    // Belt and braces: transformTags below already rewrote every URL to http(s)/mailto.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    parseStyleAttributes: false,
    // Self-promotion links and lines go, with their text (see PROMO_TEXT).
    exclusiveFilter: (frame) => PROMO_CONTAINERS.has(frame.tag) && isPromotion(frame.text),
    transformTags: {
      h1: 'h3',
      h2: 'h3',
      h5: 'h4',
      h6: 'h4',
      // Layout tables become blocks so cells do not run together; no table markup reaches a mail.
      tr: 'div',
      td: 'span',
      th: 'span',
      section: 'div',
      article: 'div',
      header: 'div',
      footer: 'div',
      aside: 'div',
      main: 'div',
      dt: 'div',
      dd: 'div',
      a: (tagName, attribs) => {
        const href = safeLink(attribs.href, baseUrl);
        // An anchor whose target is unsafe is unwrapped: its text stays, the link goes.
        if (!href) return { tagName: DROP, attribs: {} };
        const kept: Record<string, string> = { href, rel: 'noopener noreferrer' };
        if (attribs.title) kept.title = attribs.title;
        return { tagName, attribs: kept };
      },
      img: (tagName, attribs) => {
        const src = attribs.src ? cleanLinkUrl(attribs.src, baseUrl) : null;
        if (!src || isTrackingPixel(src, attribs)) return { tagName: DROP, attribs: {} };
        const kept: Record<string, string> = { src, alt: (attribs.alt ?? '').slice(0, MAX_ALT_LENGTH) };
        const width = dimension(attribs.width);
        const height = dimension(attribs.height);
        if (width !== null) kept.width = String(width);
        if (height !== null) kept.height = String(height);
        return { tagName, attribs: kept };
      },
    },
  });
  // A dropped element's leftover tags, then a paragraph left with nothing but
  // whitespace once a promo link went.
  return out.replace(DROP_TAG_LEFTOVER, '').replace(/<(p|div|span|em|i|strong|b|li)>(?:\s|&nbsp;|<br \/>)*<\/\1>/g, '').trim();
}

const DROP_TAG_LEFTOVER = new RegExp(`</?${DROP}\\b[^>]*>`, 'g');

function safeLink(href: string | undefined, baseUrl: string | null): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (/^mailto:/i.test(trimmed)) {
    // mailto: links keep only the address part; headers like ?body= are how
    // phishing pre-fills a message, and a mail digest has no use for them.
    const address = trimmed.slice('mailto:'.length).split('?')[0] ?? '';
    return /^[^\s<>"'@]+@[^\s<>"'@]+$/.test(decodeSafe(address)) ? `mailto:${address}` : null;
  }
  return cleanLinkUrl(trimmed, baseUrl);
}

function isTrackingPixel(src: string, attribs: Record<string, string | undefined>): boolean {
  const width = dimension(attribs.width);
  const height = dimension(attribs.height);
  if ((width !== null && width <= 2) || (height !== null && height <= 2)) return true;
  const style = (attribs.style ?? '').toLowerCase().replace(/\s+/g, '');
  if (/display:none|visibility:hidden|(?:^|;)(?:width|height):[0-2](?:px)?(?:;|$)/.test(style)) return true;
  return PIXEL_URL_PATTERNS.some((re) => re.test(src));
}

/** A width/height attribute as a whole number of pixels, or null when absent or not a number. */
function dimension(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*(\d{1,5})(?:\.\d+)?\s*(?:px)?\s*$/i.exec(value);
  return m ? Number(m[1]) : null;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
