// The checks panel: what tends to go wrong with a digest in real inboxes,
// measured on one rendered copy. Pure: the copy comes in, a list of verdicts
// goes out, so the thresholds are unit-tested and the studio only displays.
import { GMAIL_CLIP_BYTES, measureHtml } from '../render/index.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CopyCheck {
  id: 'size' | 'style' | 'links' | 'images' | 'image-load' | 'alt' | 'https' | 'unsubscribe' | 'subject' | 'preheader' | 'text';
  label: string;
  status: CheckStatus;
  /** One line for the panel: the measurement and, when not ok, what to do. */
  detail: string;
}

export interface CopyToCheck {
  html: string;
  text: string;
  subject: string;
  preheader: string;
  /** Message headers by lower-case name (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Record<string, string>;
  /** The recipient's unsubscribe link, which the body must carry. */
  unsubscribeUrl: string;
}

/** Above this share of Gmail's clip limit the size is a warning: a long news day adds 20 %. */
export const SIZE_WARN_RATIO = 0.8;
/** Inbox lists show about this many subject characters on a desktop (phones show ~40). */
export const SUBJECT_WARN_CHARS = 78;
/** Shorter preheaders get padded by clients with whatever text follows. */
export const PREHEADER_MIN_CHARS = 40;
/** Clients show at most about this many characters of preheader. */
export const PREHEADER_MAX_CHARS = 140;

export function checkCopy(copy: CopyToCheck): CopyCheck[] {
  const measure = measureHtml(copy.html);
  const links = hrefs(copy.html);
  const images = imgTags(copy.html);
  const web = links.filter((l) => /^https?:/i.test(l));
  const insecure = web.filter((l) => /^http:/i.test(l));
  const noAlt = images.filter((tag) => !/\salt\s*=/i.test(tag));
  const listUnsub = copy.headers['list-unsubscribe'] ?? '';
  const oneClick = /List-Unsubscribe=One-Click/i.test(copy.headers['list-unsubscribe-post'] ?? '');
  const inBody = links.includes(copy.unsubscribeUrl);
  const inHeader = listUnsub.includes(`<${copy.unsubscribeUrl}>`);
  const subject = copy.subject.trim();
  const pre = copy.preheader.trim();

  return [
    {
      id: 'size',
      label: 'HTML size',
      status: measure.bytes > GMAIL_CLIP_BYTES ? 'fail' : measure.bytes > GMAIL_CLIP_BYTES * SIZE_WARN_RATIO ? 'warn' : 'ok',
      detail:
        `${kb(measure.bytes)} KB of Gmail's ${kb(GMAIL_CLIP_BYTES)} KB` +
        (measure.bytes > GMAIL_CLIP_BYTES
          ? ': Gmail will clip this message (lower maxItems or shorten the templates)'
          : measure.bytes > GMAIL_CLIP_BYTES * SIZE_WARN_RATIO
            ? ': close to the clip limit'
            : ''),
    },
    {
      id: 'style',
      label: 'Style block',
      status: measure.warnings.some((w) => w.includes('<style>')) ? 'warn' : 'ok',
      detail: `${kb(measure.styleBytes)} KB of <style>` + (measure.styleBytes > 16 * 1024 ? ': Gmail drops styles above 16 KB' : ''),
    },
    { id: 'links', label: 'Links', status: 'ok', detail: `${links.length} link${links.length === 1 ? '' : 's'}` },
    { id: 'images', label: 'Images', status: 'ok', detail: `${images.length} image${images.length === 1 ? '' : 's'}` },
    {
      id: 'alt',
      label: 'Alt text',
      status: noAlt.length ? 'warn' : 'ok',
      detail: noAlt.length
        ? `${noAlt.length} image${noAlt.length === 1 ? '' : 's'} without alt text (screen readers and image-blocking clients show nothing)`
        : images.length ? 'every image has alt text' : 'no images',
    },
    {
      id: 'https',
      label: 'HTTPS links',
      status: insecure.length ? 'warn' : 'ok',
      detail: insecure.length
        ? `${insecure.length} of ${web.length} links are not https, e.g. ${shorten(insecure[0] ?? '')}`
        : `all ${web.length} web links use https`,
    },
    {
      id: 'unsubscribe',
      label: 'Unsubscribe',
      status: inBody && inHeader && oneClick ? 'ok' : 'fail',
      detail: [
        inBody ? 'link in the body' : 'NO unsubscribe link in the body',
        inHeader ? 'List-Unsubscribe header' : 'NO List-Unsubscribe header with the link',
        oneClick ? 'one-click (RFC 8058)' : 'NO List-Unsubscribe-Post one-click header',
      ].join(' · '),
    },
    {
      id: 'subject',
      label: 'Subject',
      status: subject === '' ? 'fail' : subject.length > SUBJECT_WARN_CHARS ? 'warn' : 'ok',
      detail:
        subject === ''
          ? 'the subject is empty'
          : `${subject.length} characters` +
            (subject.length > SUBJECT_WARN_CHARS ? `: inboxes cut subjects after about ${SUBJECT_WARN_CHARS}` : ''),
    },
    {
      id: 'preheader',
      label: 'Preheader',
      status: pre.length < PREHEADER_MIN_CHARS || pre.length > PREHEADER_MAX_CHARS ? 'warn' : 'ok',
      detail:
        pre === ''
          ? 'no preheader: clients show the first text of the body instead'
          : `${pre.length} characters` +
            (pre.length < PREHEADER_MIN_CHARS
              ? `: under ${PREHEADER_MIN_CHARS}, clients pad it with body text`
              : pre.length > PREHEADER_MAX_CHARS
                ? `: clients show about ${PREHEADER_MAX_CHARS}`
                : ''),
    },
    {
      id: 'text',
      label: 'Plain-text part',
      status: copy.text.trim() === '' ? 'fail' : 'ok',
      detail: copy.text.trim() === '' ? 'the text part is empty' : `${copy.text.split('\n').length} lines`,
    },
  ];
}

const HREF_RE = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const IMG_RE = /<img\b[^>]*>/gi;

/** Link targets of <a> tags, entity-decoded the way a browser would read them. */
function hrefs(html: string): string[] {
  return [...html.matchAll(HREF_RE)].map((m) => decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim()));
}

function imgTags(html: string): string[] {
  return [...html.matchAll(IMG_RE)].map((m) => m[0]);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function shorten(url: string): string {
  return url.length > 60 ? `${url.slice(0, 57)}…` : url;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
