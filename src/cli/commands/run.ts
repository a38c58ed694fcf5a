// `dispatch run [--digest NAME]`: fetch feeds, then runDigest per digest
// (finish unfinished editions, build the next one, send it). SIGTERM or
// SIGINT drains like `serve`: messages in flight finish and are recorded,
// unsent claims and the lease are released, and the exit code is 1 while
// deliveries are pending (a second signal exits at once).
import {
  addSubscriber,
  compileTemplates,
  openMailer,
  processHolderId,
  runDigests,
  sharedSendRate,
  shutdownSignal,
  type AppContext,
  type RunReport,
} from '../../app/index.js';
import { checkSendingSafety } from '../../deliverability/index.js';
import { looksOffline } from '../../app/index.js';
import { plural } from '../output.js';
import { describeDelivery, fetchProgress, now, observe, OFFLINE_HINT, printFetch, sendProgress, withContext, type Command, type CommandContext } from './command.js';

export const runCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    checkSendingSafety(ctx.config, (w) => c.out.notice(w)); // go-live address/link check
    await ensureDemoSubscriber(c, ctx);
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    const notice = mailer.notice();
    if (notice) c.out.notice(notice);
    const shutdown = shutdownSignal({ onSignal: (sig) => c.out.notice(`${sig}: finishing the messages in flight, then stopping`) });
    let report: RunReport;
    const obs = await observe(c, ctx, 'run');
    try {
      report = await runDigests(ctx, {
        digest: c.options.digest,
        now,
        compiled,
        mailer,
        holder: processHolderId('run:'),
        rate: sharedSendRate(ctx, mailer),
        signal: shutdown.signal,
        onFetchProgress: fetchProgress(c),
        onSendProgress: sendProgress(c),
      });
    } finally {
      shutdown.dispose();
      await mailer.close();
      await obs.close();
    }
    c.out.endProgress();
    if (c.json) c.out.json(report);
    else {
      if (report.fetch) printFetch(c, report.fetch);
      for (const d of report.digests) {
        for (const r of d.resumed) c.out.print(`resumed ${describeDelivery(r)}`);
        if (d.skipped) c.out.print(`${d.digest}: no edition: ${d.skipped}`);
        if (d.edition) {
          const kb = (d.edition.htmlBytes / 1024).toFixed(1);
          c.out.print(`${d.digest}: edition ${d.edition.editionId} "${d.edition.subject}" — ${plural(d.edition.items, 'item')}, HTML ${kb} KB`);
          for (const w of d.edition.warnings) c.out.print(`  warning: ${w}`);
          c.out.print(`  preview: ${d.edition.previewPath}`);
        }
        if (d.delivery) c.out.print(`  ${describeDelivery(d.delivery)}`);
      }
      if (notice) c.out.print(`outbox (.eml files): ${ctx.config.outboxDir}`);
    }
    if (report.fetch?.allFailed) {
      c.out.error(`dispatch: every feed failed to fetch${looksOffline(report.fetch.feeds) ? ` (${OFFLINE_HINT})` : ''}`);
      return 1;
    }
    const stuck = report.digests.some((d) => (d.delivery?.pendingLeft ?? 0) > 0 || d.resumed.some((r) => r.pendingLeft > 0));
    if (shutdown.signal.aborted) {
      const left = (await ctx.store.editions.unfinished()).length;
      c.out.error(`dispatch: stopped by a signal${left ? `; ${plural(left, 'edition')} still ${left === 1 ? 'has' : 'have'} pending deliveries (the next run resumes them)` : ''}`);
      return stuck || left > 0 ? 1 : 0;
    }
    return stuck ? 1 : 0;
  });

// On built-in defaults with no SMTP (the README's first command), there is
// nobody to deliver to yet; one demo reader makes the outbox show real mail.
async function ensureDemoSubscriber(c: CommandContext, ctx: AppContext): Promise<void> {
  if (ctx.config.file !== null || ctx.config.env.smtpUrl) return;
  if ((await ctx.store.subscribers.list()).length > 0) return;
  await addSubscriber(ctx, { email: 'demo@example.org', name: 'Demo Reader', now: now(), source: 'demo' });
  c.out.notice('no config file and no subscribers: added demo@example.org so the outbox shows a real delivery');
}
