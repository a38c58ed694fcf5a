import type { CommandSpec } from '../command-spec.js';
import {
  compileTemplates,
  deliverEdition,
  digestLeaseName,
  markSlotSent,
  openMailer,
  processHolderId,
  type DeliverEditionResult,
} from '../../app/index.js';
import { holdLease } from '../../schedule/index.js';
import { UsageError } from '../../shared/errors.js';
import { describeDelivery, now, sendProgress, withContext, type Command } from './command.js';

export const sendCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    let editions;
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
    if (mailer.kind === 'outbox') c.out.notice(`DISPATCH_SMTP_URL is not set: mails are written as .eml files to ${ctx.config.outboxDir}`);
    const results: DeliverEditionResult[] = [];
    let busy = false;
    try {
      const holder = processHolderId('send:');
      for (const e of editions) {
        // The same single-flight lease as `run` and the scheduler: a hand-started
        // send never races a scheduled one over the same edition.
        const lease = await holdLease({ leases: ctx.store.leases, name: digestLeaseName(e.digest), holder, clock: { now }, ttlMs: ctx.config.schedule.leaseTtlMs });
        if (!lease.acquired) {
          c.out.error(`edition ${e.id} (${e.digest}): not sent now: ${lease.heldBy.holder} is working on this digest until ${lease.heldBy.expiresAt.toISOString()}`);
          busy = true;
          continue;
        }
        try {
          const r = await deliverEdition(ctx, e, { now, compiled, mailer, signal: lease.held.lost, onProgress: (p) => sendProgress(c)(e.digest, p) });
          if (r.pendingLeft === 0) await markSlotSent(ctx, e, now());
          results.push(r);
        } finally {
          await lease.held.release();
        }
      }
    } finally {
      await mailer.close();
    }
    c.out.endProgress();
    if (c.json) c.out.json({ editions: results });
    else for (const r of results) c.out.print(describeDelivery(r));
    return busy || results.some((r) => r.pendingLeft > 0) ? 1 : 0;
  });

export const sendSpec: CommandSpec = {
  name: 'send',
  summary: 'send (or resume) an edition; without --edition, every unfinished one',
  options: [{ flags: '--edition <ID>', description: 'only this edition (see `dispatch editions list`)' }],
  examples: ['dispatch send', 'dispatch send --edition 12'],
  run: sendCommand,
};
