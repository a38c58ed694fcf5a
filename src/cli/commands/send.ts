// `dispatch send [--edition ID]`: send (or resume) an edition; without
// --edition every unfinished one. It joins editions other processes are
// sending (rows are claimed in batches, never sent twice), needs no lease,
// and on SIGTERM lets the messages in flight finish and gives the rest back.
import {
  compileTemplates,
  openMailer,
  processHolderId,
  runDigest,
  sharedSendRate,
  shutdownSignal,
  type DeliverEditionResult,
} from '../../app/index.js';
import { checkSendingSafety } from '../../deliverability/index.js';
import { UsageError } from '../../shared/errors.js';
import { describeDelivery, now, sendProgress, withContext, type Command } from './command.js';

export const sendCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    checkSendingSafety(ctx.config, (w) => c.out.notice(w)); // go-live address/link check
    let editions;
    if (c.options.force && !c.options.edition) throw new UsageError('--force: name the edition the bounce breaker stopped with --edition ID');
    if (c.options.edition) {
      const id = Number(c.options.edition);
      const edition = Number.isInteger(id) ? await ctx.store.editions.get(id) : undefined;
      if (!edition) throw new UsageError(`--edition: no edition with id "${c.options.edition}" (see \`dispatch editions list\`)`);
      editions = [edition];
    } else {
      editions = await ctx.store.editions.unfinished();
    }
    if (editions.length === 0) {
      if (c.json) c.out.json({ editions: [] });
      else c.out.print('nothing to send: every edition is fully sent');
      return 0;
    }
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    const notice = mailer.notice();
    if (notice) c.out.notice(notice);
    const shutdown = shutdownSignal({ onSignal: (sig) => c.out.notice(`${sig}: finishing the messages in flight, then stopping`) });
    const results: DeliverEditionResult[] = [];
    try {
      const deps = {
        now,
        compiled,
        mailer,
        holder: processHolderId('send:'),
        rate: sharedSendRate(ctx, mailer),
        signal: shutdown.signal,
        onSendProgress: sendProgress(c),
      };
      for (const e of editions) {
        if (shutdown.signal.aborted) break;
        const r = await runDigest(ctx, e.digest, deps, { build: false, editionId: e.id, force: c.options.force === true && Boolean(c.options.edition) });
        results.push(...r.resumed);
      }
    } finally {
      shutdown.dispose();
      await mailer.close();
    }
    c.out.endProgress();
    if (c.json) c.out.json({ editions: results });
    else for (const r of results) c.out.print(describeDelivery(r));
    return shutdown.signal.aborted || results.some((r) => r.pendingLeft > 0) ? 1 : 0;
  });
