import type { CommandSpec } from '../command-spec.js';
import { addSubscriber, compileTemplates, looksOffline, openMailer, runDigests, type AppContext, type RunReport } from '../../app/index.js';
import { plural } from '../output.js';
import { describeDelivery, fetchProgress, now, observe, OFFLINE_HINT, printFetch, sendProgress, withContext, type Command, type CommandContext } from './command.js';

export const runCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    await ensureDemoSubscriber(c, ctx);
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    if (mailer.kind === 'outbox') c.out.notice(`DISPATCH_SMTP_URL is not set: mails are written as .eml files to ${ctx.config.outboxDir}`);
    let report: RunReport;
    const obs = await observe(c, ctx, 'run');
    try {
      report = await runDigests(ctx, {
        digest: c.options.digest,
        now,
        compiled,
        mailer,
        onFetchProgress: fetchProgress(c),
        onSendProgress: sendProgress(c),
      });
    } finally {
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
      if (mailer.kind === 'outbox') c.out.print(`outbox (.eml files): ${ctx.config.outboxDir}`);
    }
    if (report.fetch?.allFailed) {
      c.out.error(`dispatch: every feed failed to fetch${looksOffline(report.fetch.feeds) ? ` (${OFFLINE_HINT})` : ''}`);
      return 1;
    }
    const stuck = report.digests.some((d) => (d.delivery?.pendingLeft ?? 0) > 0 || d.resumed.some((r) => r.pendingLeft > 0));
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

export const runSpec: CommandSpec = {
  name: 'run',
  summary: 'fetch feeds, finish unfinished editions, build the next edition and send it',
  options: [{ flags: '--digest <NAME>', description: 'only this digest (default: every digest)' }],
  examples: ['dispatch run', 'dispatch run --digest daily --config /srv/dispatch/dispatch.config.yaml', 'dispatch run --json'],
  run: runCommand,
};
