// `dispatch editions note ID FILE.md` and `dispatch editions approve ID [--now]`:
// the review desk from the command line (the studio has the same controls).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  approveEdition,
  compileTemplates,
  describeReview,
  editDraft,
  editorName,
  openMailer,
  readDraft,
  sendReleased,
} from '../../app/index.js';
import { UsageError } from '../../shared/errors.js';
import { describeDelivery, now, withContext, type CommandContext } from './command.js';

function editionId(arg: string | undefined, usage: string): number {
  const id = Number(arg);
  if (!arg || !Number.isInteger(id) || id <= 0) throw new UsageError(`usage: ${usage} (edition id "${arg ?? ''}" is not a number)`);
  return id;
}

export function editionsNote(c: CommandContext): Promise<number> {
  const usage = 'dispatch editions note ID FILE.md';
  const id = editionId(c.args[1], usage);
  const file = c.args[2];
  if (!file) throw new UsageError(`usage: ${usage} (the Markdown file is missing; an empty file clears the note)`);
  let markdown: string;
  try {
    markdown = readFileSync(resolve(c.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the note: ${(error as Error).message}`);
  }
  return withContext(c, async (ctx) => {
    const model = await editDraft(ctx, id, { op: 'note', markdown }, editorName('cli', c.options.name), now());
    if (c.json) c.out.json({ editionId: id, editorsNote: model.editorsNote ?? null });
    else c.out.print(model.editorsNote ? `edition ${id}: editor's note saved (${model.readingMinutes}-minute read)` : `edition ${id}: editor's note cleared`);
    return 0;
  });
}

export function editionsApprove(c: CommandContext): Promise<number> {
  const id = editionId(c.args[1], 'dispatch editions approve ID [--now]');
  return withContext(c, async (ctx) => {
    const by = editorName('cli', c.options.name);
    const r = await approveEdition(ctx, id, { by, now: now(), when: c.options.now ? 'now' : 'slot' });
    if (!r.released) {
      const { review } = await readDraft(ctx, id);
      if (c.json) c.out.json({ editionId: id, approved: true, sendAt: r.sendAt, sent: null });
      else c.out.print(`edition ${id}: ${describeReview(review)}; the scheduler (\`dispatch serve\`) or the next \`dispatch run\` sends it then`);
      return 0;
    }
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    if (mailer.kind === 'outbox') c.out.notice(`DISPATCH_SMTP_URL is not set: mails are written as .eml files to ${ctx.config.outboxDir}`);
    try {
      const d = await sendReleased(ctx, id, { now, compiled, mailer });
      if (c.json) c.out.json({ editionId: id, approved: true, sendAt: r.sendAt, sent: d });
      else c.out.print(`edition ${id}: approved by ${by}; ${describeDelivery(d)}`);
      return d.pendingLeft > 0 ? 1 : 0;
    } finally {
      await mailer.close();
    }
  });
}
