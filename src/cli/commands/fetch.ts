import { refreshFeeds } from '../../app/index.js';
import { fetchProgress, now, printFetch, withContext, type Command } from './command.js';

export const fetchCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const s = await refreshFeeds(ctx, { now, onProgress: fetchProgress(c) });
    c.out.endProgress();
    if (c.json) c.out.json(s);
    else printFetch(c, s);
    return s.allFailed ? 1 : 0;
  });
