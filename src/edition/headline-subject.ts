// Subject and preheader from the headlines, shared by the builder and the
// review desk (a pinned or re-written lead changes the subject too). Pure.
import { formatDay } from './format-date.js';

// Inboxes cut subjects at about 78 characters; the preview checks the same limit.
const MAX_SUBJECT_CHARS = 78;
const MAX_PREHEADER_CHARS = 140;

/**
 * Subject: "<digest title>: <lead headline>"; the date is in the mail's Date
 * header and the headline is what earns the open. Preheader: the next
 * headlines joined by " · ", at most 140 characters; with a single story,
 * "1 story · 25 Nov 2026".
 */
export function headlineSubject(title: string, headlines: string[], now: Date, timeZone?: string): { subject: string; preheader: string } {
  const lead = headlines[0];
  const subject = oneLine(lead ? `${title}: ${lead}` : title, MAX_SUBJECT_CHARS);
  const next = headlines.slice(1, 4);
  const preheader =
    next.length > 0
      ? joinCapped(next, ' · ', MAX_PREHEADER_CHARS)
      : oneLine(`${headlines.length} ${headlines.length === 1 ? 'story' : 'stories'} · ${formatDay(now, timeZone)}`, MAX_PREHEADER_CHARS);
  return { subject, preheader };
}

/** Collapses whitespace (no CR/LF can reach a header) and caps at a word boundary. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max * 0.5 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,;:.\-–—·]+$/u, '')}…`;
}

/** Joins whole parts while they fit; if not even the first fits, it is cut. */
function joinCapped(parts: string[], sep: string, max: number): string {
  let out = '';
  for (const part of parts) {
    const flat = part.replace(/\s+/g, ' ').trim();
    const next = out === '' ? flat : `${out}${sep}${flat}`;
    if (next.length > max) return out === '' ? oneLine(flat, max) : out;
    out = next;
  }
  return out;
}
