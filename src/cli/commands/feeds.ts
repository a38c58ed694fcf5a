import { UsageError } from '../../shared/errors.js';
import { table } from '../output.js';
import { now, withContext, type Command } from './command.js';

export const feedsCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    if (c.args[0] !== 'list') throw new UsageError('usage: dispatch feeds list');
    for (const source of ctx.config.feeds) await ctx.store.feeds.upsert(source, now());
    const list = await ctx.store.feeds.list();
    if (c.json) c.out.json(list);
    else {
      c.out.print(
        table(
          ['feed', 'status', 'last fetch', 'url'],
          list.map((f) => [
            f.name,
            f.paused ? 'paused' : f.lastStatus ? (f.failureStreak > 0 ? `failing ×${f.failureStreak}` : f.lastStatus) : 'never fetched',
            f.lastFetchedAt ? f.lastFetchedAt.toISOString().slice(0, 16).replace('T', ' ') : '',
            f.url,
          ]),
        ),
      );
    }
    return 0;
  });
