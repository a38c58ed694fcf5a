// `dispatch digests resume NAME`: sending resumes for a digest the complaint
// rate paused (issue 10). `dispatch digests list` shows which are paused.
import { digestPauseReason, resumeDigest } from '../../app/index.js';
import { UsageError } from '../../shared/errors.js';
import { withContext, type Command } from './command.js';

export const digestsCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const [sub, name] = c.args;
    if (sub === 'list') {
      const rows = [];
      for (const d of ctx.config.digests) rows.push({ name: d.name, title: d.title, paused: await digestPauseReason(ctx, d.name) });
      if (c.json) c.out.json(rows);
      else for (const r of rows) c.out.print(`${r.name}: ${r.paused ?? 'sending'}`);
      return 0;
    }
    if (sub === 'resume') {
      if (!name) throw new UsageError('usage: dispatch digests resume NAME');
      if (!ctx.config.digests.some((d) => d.name === name)) {
        throw new UsageError(`digests resume: no digest "${name}" in the config (${ctx.config.digests.map((d) => d.name).join(', ')})`);
      }
      const was = await digestPauseReason(ctx, name);
      const resumed = await resumeDigest(ctx, name);
      if (c.json) c.out.json({ digest: name, resumed, was });
      else c.out.print(resumed ? `${name}: resumed (was ${was})` : `${name}: was not paused`);
      return 0;
    }
    throw new UsageError('usage: dispatch digests list | resume NAME');
  });
