// Feed dates are whatever the publisher's CMS printed. One bad date must not
// drop an item (nor its feed), and a date in the future must not pin an item
// to the top of every edition.

/** Offsets in minutes for zone names feeds actually use (RFC 822 names plus common ones). */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  IST: 60, // Irish Summer Time in European feeds; ambiguous with India, which feeds write as +0530
  WEST: 60,
  CET: 60,
  MET: 60,
  CEST: 120,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Anything before this is a broken feed (epoch zero, year 1), not an old article. */
const EARLIEST = Date.UTC(1990, 0, 1);
/** More than this ahead of the fetch is a broken feed too, not a clock skew. */
const MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

// "Wed, 25 Nov 2026 07:00:00 +0000", "25 Nov 26 07:00 EST", "Tues, 3 March 2026 9:05:00 GMT"
const RFC822 =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:([+-])(\d{2}):?(\d{2})|\(?([A-Za-z]{1,5})\)?)?$/;

// "2026-11-25", "2026-11-25T07:00", "2026-11-25 07:00:00.123+01:00", "2026-11-25T07:00:00Z"
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(?:(Z|z)|([+-])(\d{2}):?(\d{2})?)?$/;

/**
 * The date to store for an item: `raw` parsed as RFC 822 or ISO 8601 (dates
 * without a zone are read as UTC, so the result never depends on the host's
 * time zone); missing, unparseable, before 1990 or more than a day ahead →
 * `firstSeen` (the edition ranks such items below properly dated ones of the
 * same fetch); up to a day ahead (clock skew) → `now`.
 */
export function parseItemDate(raw: string | undefined, firstSeen: Date, now: Date): Date {
  const ms = typeof raw === 'string' ? parseDateMs(raw.trim()) : null;
  if (ms === null || ms < EARLIEST || ms > now.getTime() + MAX_AHEAD_MS) return new Date(firstSeen.getTime());
  if (ms > now.getTime()) return new Date(now.getTime());
  return new Date(ms);
}

/** Epoch milliseconds for a feed date string, or null. */
export function parseDateMs(s: string): number | null {
  if (s === '' || s.length > 100) return null;
  // A string in a known shape with impossible fields (31 Feb) is invalid; it
  // must not reach Date.parse, which would roll it over into March.
  const known = parseIso(s);
  if (known !== undefined) return known;
  const rfc = parseRfc822(s);
  if (rfc !== undefined) return rfc;
  return parseFallback(s);
}

/** undefined: not this shape; null: this shape but not a real date. */
function parseIso(s: string): number | null | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac, z, sign, oh, om] = m;
  let offset = 0;
  if (!z && sign) offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? '0'));
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  return build(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms, offset);
}

function parseRfc822(s: string): number | null | undefined {
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const [, d, monName, yRaw, h = '0', mi = '0', sec = '0', sign, oh, om, zone] = m;
  const month = MONTHS[(monName ?? '').slice(0, 3).toLowerCase()];
  if (month === undefined) return null;
  let year = Number(yRaw);
  // RFC 2822 §4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx.
  if ((yRaw ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((yRaw ?? '').length === 3) year += 1900;
  let offset = 0;
  if (sign) {
    offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  } else if (zone) {
    const known = ZONES[zone.toUpperCase()];
    // RFC 822 military zones and unknown names: treated as UTC (RFC 2822 §4.3 says so for the former).
    offset = known ?? 0;
  }
  return build(year, month, Number(d), Number(h), Number(mi), Number(sec), 0, offset);
}

/** Last resort for other shapes Date.parse understands ("November 25, 2026 07:00 GMT"). */
function parseFallback(s: string): number | null {
  // V8's legacy parser reads almost anything ("1" is 1 Jan 2001); insist on a year.
  if (!/\b\d{4}\b/.test(s)) return null;
  // Without an explicit zone Date.parse uses the host's zone; pin it to UTC.
  const hasZone = /(?:[+-]\d{2}:?\d{2}|\b(?:Z|UTC|GMT|UT|[ECMP][SD]T)\b)\s*$/i.test(s);
  const ms = Date.parse(hasZone ? s : `${s} UTC`);
  if (Number.isFinite(ms)) return ms;
  const plain = Date.parse(s);
  return Number.isFinite(plain) ? plain : null;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes: number): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  if (h === 24 && (mi > 0 || s > 0)) return null;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms);
  // Reject 31 Feb and friends instead of letting Date roll them over into March.
  const check = new Date(Date.UTC(y, mo, d));
  if (check.getUTCMonth() !== mo || check.getUTCDate() !== d) return null;
  const result = t - offsetMinutes * 60_000;
  return Number.isFinite(result) ? result : null;
}
