import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeCopy, compileTemplates, normaliseEmail, openMailer, planEdition, SAMPLE_RECIPIENT, selectDigests, type AppContext } from '../../app/index.js';
import { loadConfig, type Config } from '../../config/index.js';
import {
  createStudioSession,
  DEFAULT_SELECTION,
  refreshIfEmpty,
  sendTestCopy,
  startPreviewServer,
  type CopySelection,
} from '../../preview/index.js';
import { DispatchError, UsageError } from '../../shared/errors.js';
import { plural } from '../output.js';
import { now, parsePort, printFetch, withContext, type Command, type CommandContext } from './command.js';

export const previewCommand: Command = (c) =>
  withContext(c, async (ctx) => {
    const [digest] = selectDigests(ctx, c.options.digest ?? ctx.config.digests[0]?.name);
    if (!digest) throw new UsageError('the config has no digest');
    if (c.json) {
      const plan = await planEdition(ctx, digest, now());
      c.out.json({ ...plan.model, willSend: plan.decision.build, reason: plan.decision.build ? null : plan.decision.reason });
      return 0;
    }
    if (c.options.out) {
      const plan = await planEdition(ctx, digest, now());
      const compiled = await compileTemplates(ctx.config);
      const { html } = composeCopy(ctx, { id: null, digest: digest.name, subject: plan.model.subject, model: plan.model }, SAMPLE_RECIPIENT, {
        compiled,
        date: now(),
      });
      if (!plan.decision.build) c.out.notice(`this would not be sent now: ${plan.decision.reason}`);
      const path = resolve(c.options.out);
      writeFileSync(path, html);
      c.out.print(`wrote ${path} (${(Buffer.byteLength(html) / 1024).toFixed(1)} KB, ${plural(plan.model.itemCount, 'item')})`);
      return 0;
    }
    const sendTo = typeof c.options['send-test'] === 'string' ? c.options['send-test'] : null;
    if (sendTo !== null) return sendTest(c, ctx, sendTo, { ...DEFAULT_SELECTION, digest: digest.name, ...(await selectionFromOptions(c, ctx)) });
    return serveStudio(c, ctx);
  });

async function selectionFromOptions(c: CommandContext, ctx: AppContext): Promise<Partial<CopySelection>> {
  const out: Partial<CopySelection> = {};
  if (c.options.edition) {
    const id = Number(c.options.edition);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--edition: expected an edition id, got "${c.options.edition}"`);
    out.editionId = id;
  }
  const who = typeof c.options.subscriber === 'string' ? c.options.subscriber : null;
  if (who) {
    const subscriber = /^\d+$/.test(who) ? await ctx.store.subscribers.get(Number(who)) : await ctx.store.subscribers.findByEmail(normaliseEmail(who));
    if (!subscriber) throw new UsageError(`--subscriber: no subscriber "${who}"`);
    out.subscriberId = subscriber.id;
  }
  return out;
}

async function sendTest(c: CommandContext, ctx: AppContext, address: string, selection: CopySelection): Promise<number> {
  const to = normaliseEmail(address);
  if (ctx.config.digests.length === 0) throw new UsageError('the config has no digest');
  const session = await createStudioSession({ ctx });
  const problem = session.state().problem;
  if (problem) throw new DispatchError(`${problem.file ? `${problem.file}${problem.line != null ? `:${problem.line}` : ''}: ` : ''}${problem.message}`);
  const shown = await session.show(selection, now());
  const mailer = openMailer(ctx.config);
  try {
    if (mailer.kind === 'outbox') c.out.notice(`DISPATCH_SMTP_URL is not set: the test goes to the ${mailer.describe()}`);
    const outcome = await sendTestCopy(shown.copy, to, mailer, { from: ctx.config.sending.from });
    if (!outcome.ok) {
      c.out.error(`dispatch: the test mail to ${to} failed: ${outcome.reply}`);
      return 1;
    }
    c.out.print(`sent a test of "${shown.subject}" to ${to} (${outcome.reply}); not recorded as a delivery`);
    return 0;
  } finally {
    await mailer.close();
  }
}

async function serveStudio(c: CommandContext, ctx: AppContext): Promise<number> {
  const port = parsePort(c.options.port ?? '4000');
  const fetched = await refreshIfEmpty(ctx, now);
  if (fetched) {
    c.out.notice('the store had no items yet: fetched the configured feeds first');
    printFetch(c, fetched);
  }
  const configFile = ctx.config.file;
  const server = await startPreviewServer({
    ctx,
    port,
    onListenError: (error) =>
      (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new UsageError(`--port ${port}: the port is in use; pick another with --port N`) : error,
    loadConfig: configFile ? () => loadConfig({ configPath: configFile, env: envOf(ctx.config) }) : undefined,
    onReload: (state, change) => {
      const what = change.files.map((f) => f.split(/[/\\]/).pop()).join(', ');
      if (state.problem) c.out.error(`preview: ${what} saved; ${state.problem.file ? `${state.problem.file}${state.problem.line != null ? `:${state.problem.line}` : ''}: ` : ''}${state.problem.message}`);
      else c.out.print(`preview: ${what} saved; re-rendered`);
    },
  });
  const watched = ctx.config.templatesDir ?? 'the built-in templates';
  c.out.print(`preview studio at ${server.url} (watching ${watched}${configFile ? ` and ${configFile}` : ''}; Ctrl-C to stop)`);
  if (!ctx.config.env.smtpUrl) c.out.print(`local inbox: ${server.url}inbox (mails written to ${ctx.config.outboxDir})`);
  await new Promise<void>((ok) => {
    process.once('SIGINT', ok);
    process.once('SIGTERM', ok);
  });
  await server.close();
  return 0;
}

/**
 * The environment the config was loaded with, for reloading it: the process
 * environment plus the DISPATCH_* values the first load used (a test or an
 * embedding may have passed its own).
 */
function envOf(config: Config): NodeJS.ProcessEnv {
  const e = config.env;
  const pinned: Record<string, string> = {};
  if (e.smtpUrl) pinned.DISPATCH_SMTP_URL = e.smtpUrl;
  if (e.databaseUrl) pinned.DISPATCH_DATABASE_URL = e.databaseUrl;
  if (e.secret) pinned.DISPATCH_SECRET = e.secret;
  if (e.inboundSmtp) pinned.DISPATCH_INBOUND_SMTP = e.inboundSmtp;
  pinned.DISPATCH_PUBLIC_URL = e.publicUrl;
  return { ...process.env, ...pinned };
}
