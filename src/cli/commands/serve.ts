// `dispatch serve [--port N] [--host ADDR]`: the long-running process. Web
// pages (sign-up, confirm, unsubscribe, preferences, archive, /healthz), the
// subscribe-by-mail listener when DISPATCH_INBOUND_SMTP is set, and the
// scheduler, sharing one store, one mailer and one compiled digest. SIGTERM or
// SIGINT stops taking new work, lets what is running finish, and exits 0.
import { checkSendingSafety, dnsResolver } from '../../deliverability/index.js';
import {
  compileSubscriptionMails,
  compileTemplates,
  healthReport,
  openMailer,
  startScheduler,
  type SchedulerEvent,
} from '../../app/index.js';
import { createWebApp, startWebServer } from '../../web/index.js';
import { parsePort, withContext, type Command, type CommandContext } from './command.js';

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

function describeEvent(e: SchedulerEvent): string | null {
  switch (e.type) {
    case 'slot-done':
      return `schedule: ${e.digest} ${e.slot}: ${JSON.stringify(e.outcome)}`;
    case 'slot-missed':
      return `schedule: ${e.digest} ${e.slot} missed: ${e.reason}`;
    case 'error':
      return `schedule: ${e.digest ?? 'feeds'}: ${e.message}`;
    default:
      return null;
  }
}

export const serveCommand: Command = (c: CommandContext & { stop?: AbortSignal }) =>
  withContext(c, async (ctx) => {
    checkSendingSafety(ctx.config, (w) => c.out.notice(w)); // issue 10: go-live address/link check
    const port = parsePort(c.options.port ?? '8080');
    const host = typeof c.options.host === 'string' && c.options.host ? c.options.host : '127.0.0.1';
    // Everything that runs MJML happens here, once, before the first request.
    const compiled = await compileTemplates(ctx.config);
    const mails = await compileSubscriptionMails(ctx.config);
    const mailer = openMailer(ctx.config);
    const mail = { mailer, ...mails };
    const log = (line: string) => c.out.error(line);

    const app = createWebApp({ ctx, mail, digest: compiled, log, health: () => healthReport(ctx, new Date()) });
    const web = await startWebServer(app, { port, host });
    // Loaded only when configured: the SMTP server library is not needed otherwise.
    let inboundModule: typeof import('../../inbound/index.js') | null = null;
    const inboundLog = (e: import('../../inbound/index.js').InboundEvent) => inboundModule?.formatInboundEvent(e) ?? `inbound: ${e.type}`;
    const inbound = ctx.config.env.inboundSmtp
      ? await (inboundModule = await import('../../inbound/index.js')).startInboundSmtp({
          ctx,
          mail,
          listen: ctx.config.env.inboundSmtp,
          // Issue 10: every inbound action is logged with its outcome.
          onEvent: (e) => log(inboundLog(e)),
          resolver: dnsResolver(ctx.config.env.dnsServers).resolve, // issue 10: DKIM/SPF/DMARC lookups
        })
      : null;
    const abort = new AbortController();
    const scheduler = startScheduler(ctx, {
      signal: abort.signal,
      compiled,
      mailer,
      onEvent: (e) => {
        const line = describeEvent(e);
        if (line) log(line);
      },
    });

    c.out.print(`listening on ${web.url}/ (public URL ${ctx.config.env.publicUrl}; mail via ${mailer.describe()})`);
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
    c.out.print('stopped');
    return 0;
  });
