import { describeRates, editionDeliverability } from '../../app/index.js';
import { UsageError } from '../../shared/errors.js';
import { table } from '../output.js';
import { withContext, type Command } from './command.js';
import { editionsApprove, editionsNote } from './editions-review.js';
import { describeReview } from '../../app/index.js';

export const editionsCommand: Command = (c) => {
  // The review desk (issue 11).
  if (c.args[0] === 'note') return editionsNote(c);
  if (c.args[0] === 'approve') return editionsApprove(c);
  return withContext(c, async (ctx) => {
    const [sub, arg] = c.args;
    if (sub === 'list') {
      const list = await ctx.store.editions.list({ digest: c.options.digest, limit: 50 });
      const rows = [];
      for (const e of list) rows.push({ edition: e, counts: await ctx.store.deliveries.counts(e.id), review: await ctx.store.reviews.get(e.id) });
      if (c.json) c.out.json(rows.map(({ edition: e, counts, review }) => ({ id: e.id, digest: e.digest, slot: e.slot, subject: e.subject, status: e.status, items: e.itemIds.length, createdAt: e.createdAt, deliveries: counts, review: review ? { status: review.status, dueAt: review.dueAt, sendAt: review.sendAt, approvedBy: review.approvedBy, outcome: review.outcome } : null })));
      else {
        c.out.print(
          table(
            ['id', 'digest', 'created', 'status', 'items', 'sent', 'failed', 'pending', 'subject', 'review'],
            rows.map(({ edition: e, counts, review }) => [String(e.id), e.digest, e.createdAt.toISOString().slice(0, 16).replace('T', ' '), e.status, String(e.itemIds.length), String(counts.sent), String(counts.failed), String(counts.pending), e.subject, review ? describeReview(review) : '']),
          ),
        );
        const drafts = rows.filter((r) => r.edition.status === 'draft').length;
        if (drafts > 0) c.out.print(`${drafts} draft${drafts === 1 ? '' : 's'} waiting for review: \`dispatch editions approve ID\` or the studio (\`dispatch preview\`)`);
      }
      return 0;
    }
    if (sub === 'show') {
      const id = Number(arg);
      const e = Number.isInteger(id) ? await ctx.store.editions.get(id) : undefined;
      if (!e) throw new UsageError(`usage: dispatch editions show ID (no edition "${arg ?? ''}")`);
      const counts = await ctx.store.deliveries.counts(e.id);
      const deliverability = await editionDeliverability(ctx, e.id);
      if (c.json) c.out.json({ ...e, deliveries: counts, deliverability });
      else {
        c.out.print(`edition ${e.id} of ${e.digest}: "${e.subject}" (${e.status})`);
        c.out.print(describeRates(deliverability));
        if (deliverability.held) c.out.print(`stopped: ${deliverability.held}`);
        c.out.print(`window ${e.windowStart.toISOString()} → ${e.windowEnd.toISOString()}; ${counts.sent} sent, ${counts.failed} failed, ${counts.pending} pending, ${counts.skipped} skipped`);
        for (const s of e.model.sections) {
          c.out.print(`\n${s.title}`);
          for (const st of s.stories) c.out.print(`  - ${st.headline.title} (${st.headline.source})`);
        }
      }
      return 0;
    }
    throw new UsageError('usage: dispatch editions list | show ID | note ID FILE.md | approve ID [--now]');
  });
};
