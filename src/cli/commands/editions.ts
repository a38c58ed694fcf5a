import { describeRates, editionDeliverability } from '../../app/index.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../../shared/errors.js';
import { table } from '../output.js';
import { withContext, type Command } from './command.js';

export const editionsCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const [sub, arg] = c.args;
    if (sub === 'list') {
      const list = await ctx.store.editions.list({ digest: c.options.digest, limit: 50 });
      const rows = [];
      for (const e of list) rows.push({ edition: e, counts: await ctx.store.deliveries.counts(e.id) });
      if (c.json) c.out.json(rows.map(({ edition: e, counts }) => ({ id: e.id, digest: e.digest, slot: e.slot, subject: e.subject, status: e.status, items: e.itemIds.length, createdAt: e.createdAt, deliveries: counts })));
      else {
        c.out.print(
          table(
            ['id', 'digest', 'created', 'status', 'items', 'sent', 'failed', 'pending', 'subject'],
            rows.map(({ edition: e, counts }) => [String(e.id), e.digest, e.createdAt.toISOString().slice(0, 16).replace('T', ' '), e.status, String(e.itemIds.length), String(counts.sent), String(counts.failed), String(counts.pending), e.subject]),
          ),
        );
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
    throw new UsageError('usage: dispatch editions list | show ID');
  });

export const editionsSpec: CommandSpec = {
  name: 'editions',
  summary: 'stored editions and their delivery counts',
  subcommands: [
    {
      name: 'list',
      summary: 'the last 50 editions with sent/failed/pending counts',
      options: [{ flags: '--digest <NAME>', description: 'only this digest' }],
      examples: ['dispatch editions list', 'dispatch editions list --digest daily --json'],
    },
    {
      name: 'show',
      summary: 'one edition: window, counts, sections and stories',
      arguments: [{ name: 'ID', description: 'edition id (see `dispatch editions list`)' }],
      examples: ['dispatch editions show 12'],
    },
  ],
  run: editionsCommand,
};
