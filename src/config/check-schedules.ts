// A cron expression can be well-formed and still never fire ("0 0 31 2 *",
// the 31st of February). Such a digest would silently never be sent, so it is
// a config error that names the digest.
import { Cron } from 'croner';
import { ConfigError } from '../shared/errors.js';

export function assertSchedulesFire(digests: ReadonlyArray<{ name: string; schedule: string; timezone: string }>, label: string): void {
  for (const [i, d] of digests.entries()) {
    let next: Date | null;
    try {
      // croner looks several years ahead and answers null when no date matches.
      next = new Cron(d.schedule, { paused: true, timezone: d.timezone }).nextRun();
    } catch {
      continue; // the schema already reported a malformed expression
    }
    if (next === null) {
      throw new ConfigError(
        `${label}: digests[${i}].schedule: the schedule "${d.schedule}" of digest "${d.name}" never fires (no such date); expected a cron expression that matches a real date`,
      );
    }
  }
}

/** Most YAML aliases a config may use: enough for any real file, far too few for an alias bomb. */
export const MAX_YAML_ALIASES = 100;
