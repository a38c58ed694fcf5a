// Human dates for subjects and messages. Pure and host-independent: the zone
// is explicit (UTC unless the digest has one).

/** "25 Nov 2026" in `timeZone` (default UTC). */
export function formatDay(date: Date, timeZone = 'UTC'): string {
  const parts = partsOf(date, timeZone);
  return `${parts.day} ${parts.month} ${parts.year}`;
}

/** "24 Nov 2026, 07:00 UTC" (or the zone's short name, e.g. "CET"). */
export function formatDateTime(date: Date, timeZone = 'UTC'): string {
  const parts = partsOf(date, timeZone);
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

function partsOf(date: Date, timeZone: string): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(date)) out[p.type] = p.value;
  // en-GB writes "Sept" for September; the other months are three letters already.
  if (out.month === 'Sept') out.month = 'Sep';
  return out;
}
