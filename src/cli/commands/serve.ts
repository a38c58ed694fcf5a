// `dispatch serve [--port N] [--host ADDR]`: the long-running process. Web
// pages (sign-up, confirm, unsubscribe, preferences, archive, /healthz), the
// subscribe-by-mail listener when DISPATCH_INBOUND_SMTP is set, and the
// scheduler, sharing one store, one mailer and one compiled digest. SIGTERM or
// SIGINT stops taking new work, lets what is running finish, and exits 0.
import type { CommandSpec } from '../command-spec.js';
import {
  compileSubscriptionMails,
  compileTemplates,
  healthReport,
  openMailer,
  startScheduler,
} from '../../app/index.js';
import { publishEvent } from '../../observability/index.js';
import { createWebApp, startWebServer } from '../../web/index.js';
import { observe, parsePort, withContext, type Command, type CommandContext } from './command.js';

/** Resolves on the first SIGINT/SIGTERM (or when `stop` aborts, for tests). */
function untilStopped(stop?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(why);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    stop?.addEventListener('abort', () => done('stop'), { once: true });
  });
}

export const serveCommand: Command = (c: CommandContext & { stop?: AbortSignal }) =>
  withContext(c, async (ctx) => {
    const port = parsePort(c.options.port ?? '8080');
    const host = typeof c.options.host === 'string' && c.options.host ? c.options.host : '127.0.0.1';
    // Everything that runs MJML happens here, once, before the first request.
    const compiled = await compileTemplates(ctx.config);
    const mails = await compileSubscriptionMails(ctx.config);
    const mailer = openMailer(ctx.config);
    const mail = { mailer, ...mails };
    // Slot outcomes, sign-ups, unsubscribes, sends and feed failures are
    // logged as structured events (see src/observability); metrics too when
    // DISPATCH_METRICS_ADDR is set.
    const obs = await observe(c, ctx, 'serve');
    try {
      const log = (line: string) => obs.logger.warn({ event: 'web' }, line);

      const app = createWebApp({ ctx, mail, digest: compiled, log, health: () => healthReport(ctx, new Date()) });
      const web = await startWebServer(app, { port, host });
      // Loaded only when configured: the SMTP server library is not needed otherwise.
      const inbound = ctx.config.env.inboundSmtp
        ? await (await import('../../inbound/index.js')).startInboundSmtp({
            ctx,
            mail,
            listen: ctx.config.env.inboundSmtp,
            onEvent: (e) => {
              if (e.type === 'error') obs.logger.error({ event: 'inbound-error' }, `inbound: ${e.message}`);
              else if (e.type === 'subscribe') publishEvent({ type: 'inbound-mail', from: e.email, action: 'subscribe', outcome: e.outcome });
              else if (e.type === 'unsubscribe') publishEvent({ type: 'inbound-mail', from: e.email, action: 'unsubscribe', outcome: e.changed ? 'unsubscribed' : 'no change' });
              else publishEvent({ type: 'inbound-mail', from: null, action: 'ignored', outcome: e.reason });
            },
          })
        : null;
      const abort = new AbortController();
      const scheduler = startScheduler(ctx, {
        signal: abort.signal,
        compiled,
        mailer,
      });

      c.out.print(`listening on ${web.url}/ (public URL ${ctx.config.env.publicUrl}; mail via ${mailer.describe()})`);
      if (obs.metricsUrl) c.out.print(`metrics: ${obs.metricsUrl}`);
      if (inbound) c.out.print(`subscribe by mail: SMTP on ${inbound.host}:${inbound.port} for ${inbound.addresses.join(', ')}`);
      c.out.print(`scheduler running (${scheduler.holder}); Ctrl-C or SIGTERM stops`);

      const why = await untilStopped(c.stop);
      c.out.print(`${why}: shutting down`);
      abort.abort();
      await web.close();
      await app.drain();
      await inbound?.close();
      await scheduler.done;
      await mailer.close();
    } finally {
      await obs.close();
    }
    c.out.print('stopped');
    return 0;
  });

export const serveSpec: CommandSpec = {
  name: 'serve',
  summary: 'sign-up pages, subscribe-by-mail and the scheduler in one long-running process',
  options: [
    { flags: '--port <N>', description: 'web port (default 8080)' },
    { flags: '--host <ADDR>', description: 'listen address (default 127.0.0.1)' },
  ],
  examples: ['dispatch serve', 'dispatch serve --host 0.0.0.0 --port 8080', 'DISPATCH_METRICS_ADDR=127.0.0.1:9464 dispatch serve'],
  run: serveCommand,
};
