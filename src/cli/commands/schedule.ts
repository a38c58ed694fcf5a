// `dispatch schedule`: each digest's next five run times in its own time zone.
import { formatDateTime } from '../../edition/index.js';
import { formatMs, nextSlots } from '../../schedule/index.js';
import { UsageError } from '../../shared/errors.js';
import { now, type Command } from './command.js';

export const scheduleCommand: Command = async (c) => {
  // Reads the config only: no database needed to answer "when does it run?".
  const digests = c.options.digest ? c.config.digests.filter((d) => d.name === c.options.digest) : c.config.digests;
  if (digests.length === 0) {
    throw new UsageError(`no digest named "${c.options.digest}"; the config has: ${c.config.digests.map((d) => d.name).join(', ')}`);
  }
  const at = now();
  const rows = digests.map((d) => ({
    digest: d.name,
    title: d.title,
    schedule: d.schedule,
    timezone: d.timezone,
    catchUpGrace: formatMs(d.catchUpGraceMs ?? c.config.schedule.catchUpGraceMs),
    next: nextSlots(d, at, 5),
  }));
  if (c.json) {
    c.out.json(rows.map((r) => ({ ...r, next: r.next.map((d) => d.toISOString()) })));
    return 0;
  }
  for (const r of rows) {
    c.out.print(`${r.digest} (${r.title}): "${r.schedule}" in ${r.timezone}, catch-up grace ${r.catchUpGrace}`);
    for (const d of r.next) c.out.print(`  ${weekday(d, r.timezone)} ${formatDateTime(d, r.timezone)}`);
  }
  c.out.print(`feeds are fetched every ${formatMs(c.config.schedule.fetchEveryMs)}`);
  return 0;
};

function weekday(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone }).format(d);
}
