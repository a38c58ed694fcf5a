import type { CommandSpec } from '../command-spec.js';
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

export const fetchSpec: CommandSpec = {
  name: 'fetch',
  summary: 'fetch feeds only; per-feed status table',
  examples: ['dispatch fetch', 'dispatch fetch --json'],
  run: fetchCommand,
};
