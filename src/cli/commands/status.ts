// `dispatch status`: last and next run per digest, the last edition with its
// counts, failing feeds. Exit 1 when something needs a person (for monitoring).
import { describeRates, healthReport } from '../../app/index.js';
import { table } from '../output.js';
import { now, withContext, type Command } from './command.js';

export const statusCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const report = await healthReport(ctx, now());
    if (c.json) {
      c.out.json(report);
      return report.ok ? 0 : 1;
    }
    const short = (iso: string | null | undefined): string => (iso ? iso.slice(0, 16).replace('T', ' ') + 'Z' : '—');
    c.out.print(
      table(
        ['digest', 'last slot', 'outcome', 'next run', 'last edition', 'sent', 'failed', 'pending'],
        report.digests.map((d) => [
          d.name,
          short(d.lastRun?.slot),
          d.lastRun ? d.lastRun.status + (d.lastRun.reason ? `: ${d.lastRun.reason}` : '') : '—',
          short(d.nextRun),
          d.lastEdition ? `${d.lastEdition.id} (${d.lastEdition.status})` : '—',
          String(d.lastEdition?.deliveries.sent ?? 0),
          String(d.lastEdition?.deliveries.failed ?? 0),
          String(d.lastEdition?.deliveries.pending ?? 0),
        ]),
      ),
    );
    for (const d of report.digests) if (d.lease) c.out.print(`${d.name}: in progress by ${d.lease.holder} (lease until ${d.lease.expiresAt})`);
    if (report.feeds.failing.length === 0) c.out.print(`feeds: ${report.feeds.total}, none failing`);
    else {
      c.out.print(`feeds failing (${report.feeds.failing.length} of ${report.feeds.total}):`);
      for (const f of report.feeds.failing) {
        c.out.print(`  ${f.name}: ${f.failureStreak} failures in a row, next try ${short(f.retryAt)}: ${f.lastError ?? ''}`);
      }
    }
    // Issue 10: rates per digest and over all digests, last 30 days.
    for (const d of report.deliverability.digests) c.out.print(`${d.name}, last 30 days: ${describeRates(d.last30Days)}`);
    for (const w of report.deliverability.warnings) c.out.error(`warning: ${w}`);
    for (const p of report.problems) c.out.error(`problem: ${p}`);
    return report.ok ? 0 : 1;
  });
