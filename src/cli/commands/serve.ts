// `dispatch serve [--port N] [--host ADDR]`: the long-running process. Web
// pages (sign-up, confirm, unsubscribe, preferences, archive, /healthz), the
// subscribe-by-mail listener when DISPATCH_INBOUND_SMTP is set, and the
// scheduler, sharing one store, one mailer and one compiled digest. SIGTERM or
// SIGINT stops taking new work, lets what is running finish, and exits 0
// (a second signal exits at once).
import {
  compileSubscriptionMails,
  compileTemplates,
  openMailer,
  shutdownSignal,
  startScheduler,
  templatesFor,
} from '../../app/index.js';
import { checkSendingSafety, dnsResolver } from '../../deliverability/index.js';
import { publishEvent } from '../../observability/index.js';
import { createWebApp, startWebServer } from '../../web/index.js';
import { observe, parsePort, withContext, type Command, type CommandContext } from './command.js';

/** Resolves with the reason once `signal` aborts. */
function until(signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const why = (): string => {
      const r: unknown = signal.reason;
      const m = r instanceof Error ? /received (SIG\w+)/.exec(r.message) : null;
      return m?.[1] ?? 'stop';
    };
    if (signal.aborted) return resolve(why());
    signal.addEventListener('abort', () => resolve(why()), { once: true });
  });
}

export const serveCommand: Command = (c: CommandContext & { stop?: AbortSignal }) =>
  withContext(c, async (ctx) => {
    checkSendingSafety(ctx.config, (w) => c.out.notice(w)); // go-live address/link check
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
    // First SIGTERM/SIGINT: graceful stop; a second one exits at once.
    const shutdown = shutdownSignal();
    const stop = c.stop ? AbortSignal.any([shutdown.signal, c.stop]) : shutdown.signal;
    try {
      const log = (line: string) => obs.logger.warn({ event: 'web' }, line);
      const app = createWebApp({
        ctx,
        mail,
        digest: compiled,
        // The archive shows each edition in its own digest's templates.
        templatesFor: (digest) => templatesFor(ctx, compiled, digest),
        log,
      });
      const web = await startWebServer(app, { port, host });
      // Loaded only when configured: the SMTP server library is not needed otherwise.
      let inboundModule: typeof import('../../inbound/index.js') | null = null;
      const inbound = ctx.config.env.inboundSmtp
        ? await (inboundModule = await import('../../inbound/index.js')).startInboundSmtp({
            ctx,
            mail,
            listen: ctx.config.env.inboundSmtp,
            // Every inbound action is logged with its outcome.
            onEvent: (e) => {
              if (e.type === 'error') obs.logger.error({ event: 'inbound-error' }, `inbound: ${e.message}`);
              else publishEvent({ type: 'inbound-mail', from: 'email' in e ? e.email : null, action: e.type, outcome: inboundModule?.formatInboundEvent(e) ?? e.type });
            },
            resolver: dnsResolver(ctx.config.env.dnsServers).resolve, // DKIM/SPF/DMARC lookups
          })
        : null;
      // Slot outcomes are published by the scheduler itself (see observability).
      const scheduler = startScheduler(ctx, { signal: stop, compiled, mailer });

      c.out.print(`listening on ${web.url}/ (public URL ${ctx.config.env.publicUrl}; mail via ${mailer.describe()})`);
      if (obs.metricsUrl) c.out.print(`metrics: ${obs.metricsUrl}`);
      if (inbound) c.out.print(`subscribe by mail: SMTP on ${inbound.host}:${inbound.port} for ${inbound.addresses.join(', ')}`);
      c.out.print(`scheduler running (${scheduler.holder}); Ctrl-C or SIGTERM stops`);

      const why = await until(stop);
      c.out.print(`${why}: shutting down`);
      await web.close();
      await app.drain();
      await inbound?.close();
      await scheduler.done;
      await mailer.close();
      c.out.print('stopped');
      return 0;
    } finally {
      shutdown.dispose();
      await obs.close();
    }
  });
