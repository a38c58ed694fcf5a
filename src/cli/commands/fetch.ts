import { refreshFeeds } from '../../app/index.js';
import { now, printFetch, withContext, type Command } from './command.js';

export const fetchCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const s = await refreshFeeds(ctx, { now, onProgress: (d, t) => c.out.progress('fetching feeds', d, t) });
    c.out.endProgress();
    if (c.json) c.out.json(s);
    else printFetch(c, s);
    return s.allFailed ? 1 : 0;
  });
