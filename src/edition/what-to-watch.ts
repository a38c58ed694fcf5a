// "What to watch": dated upcoming events found in the items ("talks resume on
// Monday", "a summit next week", "on 3 December"), each resolved against the
// item's own published date, so "Monday" in a Saturday report is the Monday
// after that Saturday, not the Monday after the edition. Pure.
//
// chrono-node finds and resolves the date phrases; what it cannot know is
// whether a sentence looks forward ("will meet on Monday") or back ("said on
// Monday"), which is by far the commoner use in news copy. The rules below
// keep a phrase only when the sentence looks forward and the date is still
// ahead of the edition.
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import type { StoryView, WatchItem } from '../shared/types.js';

// Loaded on first use, and only the English parser: chrono-node is ~150
// modules, which every command (most never build an edition) would otherwise load.
let english: typeof Chrono.en | null = null;
function chronoEn(): typeof Chrono.en {
  english ??= (createRequire(import.meta.url)('chrono-node') as typeof Chrono).en;
  return english;
}

/** At most this many entries: a briefing lists the few dates that matter. */
export const MAX_WATCH_ITEMS = 5;
/** Dates further out than this are background, not "what to watch". */
const HORIZON_DAYS = 45;
const MAX_TEXT_CHARS = 220;

// A verb just before the date phrase that reports the past: "said on Monday".
const PAST_BEFORE = /\b(?:said|says|told|announced|met|agreed|signed|held|was|were|had|killed|died|reported|confirmed|launched|voted|began|ended|struck|attacked|arrived|left|visited|warned|added|wrote|released|published|claimed|denied)\s+(?:\S+\s+){0,2}$/i;
// Something in the sentence that looks ahead.
const FUTURE = /\b(?:will|would|shall|is due|are due|due to|scheduled|set to|expected|plans? to|planned|to (?:meet|hold|vote|resume|begin|start|open|sign|decide|visit|host|travel|announce)|resumes?|resuming|upcoming|next|convenes?|opens?|begins?|starts?|deadline|summit|vote|ballot|election|talks|meeting|hearing|ruling|visit)\b/i;
const WEEKDAY = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b/i;
const NEXT_WEEK = /\bnext week\b/i;
const TOMORROW = /\btomorrow\b/i;
// An explicit calendar date: a month name or a numeric day/month. "In about a
// week" resolves to a date too, but it is a duration, not an event's date.
const CALENDAR = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b\d{1,2}\/\d{1,2}\b/i;

interface Candidate {
  /** YYYY-MM-DD (UTC calendar day of the resolved date). */
  day: string;
  label: string;
  text: string;
}

/**
 * Upcoming events in the stories, earliest first, one per story, at most
 * MAX_WATCH_ITEMS, only on or after the edition's day and within 45 days.
 */
export function findWhatToWatch(stories: StoryView[], now: Date): WatchItem[] {
  const today = isoDay(now);
  const horizon = isoDay(new Date(now.getTime() + HORIZON_DAYS * 86_400_000));
  const out: WatchItem[] = [];
  for (const story of stories) {
    const h = story.headline;
    const published = new Date(h.publishedAt);
    if (Number.isNaN(published.getTime())) continue;
    const text = `${h.title}. ${h.summaryText ?? h.excerpt}`;
    const found = datesIn(text, published).filter((c) => c.day >= today && c.day <= horizon);
    found.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const first = found[0];
    if (!first) continue;
    out.push({ date: first.day, when: first.label, text: first.text, storyId: story.id, source: h.source, url: h.url });
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out.slice(0, MAX_WATCH_ITEMS);
}

/** Forward-looking date phrases in `text`, resolved against `published`. */
export function datesIn(text: string, published: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const sentence of splitSentences(text)) {
    if (!FUTURE.test(sentence)) continue;
    let results: Chrono.ParsedResult[];
    try {
      results = chronoEn().parse(sentence, { instant: published, timezone: 0 }, { forwardDate: true });
    } catch {
      continue;
    }
    for (const r of results) {
      const before = sentence.slice(0, r.index);
      if (PAST_BEFORE.test(before)) continue;
      const phrase = r.text;
      const start = r.start;
      let date = start.date();
      let label: string;
      if (NEXT_WEEK.test(phrase)) {
        date = mondayAfter(published);
        label = `Week of ${shortDay(date)}`;
      } else if (TOMORROW.test(phrase) || WEEKDAY.test(phrase) || (CALENDAR.test(phrase) && start.isCertain('day') && start.isCertain('month'))) {
        // A bare weekday is the next one after publication (forwardDate).
        label = weekdayLabel(date);
      } else {
        continue; // "this month", "in the spring": no date a reader can plan by
      }
      // A resolved date before publication is a report about the past.
      if (isoDay(date) < isoDay(published)) continue;
      out.push({ day: isoDay(date), label, text: clip(sentence.trim()) });
    }
  }
  return out;
}

function splitSentences(text: string): string[] {
  // Abbreviations such as "Dec." must not end a sentence before the day number.
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z"“'‘(])/)
    .filter((s) => s.trim() !== '');
}

function mondayAfter(d: Date): Date {
  const day = d.getUTCDay(); // 0 Sunday … 6 Saturday
  const add = ((8 - day) % 7) || 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + add, 12));
}

const DAY_FMT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const WEEKDAY_FMT = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

function shortDay(d: Date): string {
  return DAY_FMT.format(d).replace('Sept', 'Sep');
}

function weekdayLabel(d: Date): string {
  return WEEKDAY_FMT.format(d).replace(',', '').replace('Sept', 'Sep');
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function clip(s: string): string {
  if (s.length <= MAX_TEXT_CHARS) return s;
  const cut = s.slice(0, MAX_TEXT_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TEXT_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
