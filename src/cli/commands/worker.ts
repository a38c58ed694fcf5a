// `dispatch worker`: a send worker for PostgreSQL. Runs until SIGTERM or
// SIGINT, sending whatever editions have pending rows (claimed in batches,
// shared with every other worker and with run/send/serve), then prints a
// summary (`--json`: { sent, failed, retried, editions, pendingLeft, holder }).
// On SIGTERM messages in flight finish and are recorded and unsent claims are
// released at once; a second signal exits at once.
//
// The use cases come from their own app/ modules, not the app/ barrel, which
// would load every use case (feed fetching, the scheduler, subscriptions…) into
// every worker process; a worker needs only the send path.
import { compileTemplates } from '../../app/compile-templates.js';
import { sharedSendRate } from '../../app/shared-send-rate.js';
import { shutdownSignal } from '../../app/shutdown-signal.js';
import { processHolderId } from '../../schedule/index.js';
import { resolveDatabaseTarget } from '../../store/index.js';
import { UsageError } from '../../shared/errors.js';
import { now, observe, withContext, type Command, type CommandContext } from './command.js';
import { plural } from '../output.js';

export const workerCommand: Command = async (c: CommandContext & { stop?: AbortSignal }) => {
  // SQLite has one writer: a second sending process adds nothing there.
  if (resolveDatabaseTarget({ url: c.config.env.databaseUrl, dataDir: c.config.dataDir }).dialect !== 'postgres') {
    throw new UsageError(
      'worker: send workers share a PostgreSQL database; set DISPATCH_DATABASE_URL=postgres://… ' +
        '(on the SQLite default, `dispatch run`, `dispatch send` or `dispatch serve` send on their own)',
    );
  }
  return withContext(c, async (ctx) => {
    const compiled = await compileTemplates(ctx.config);
    // The send path is loaded after compiling, not before: MJML's thread (tens
    // of MB while it runs) then adds to a process that does not hold it yet,
    // instead of setting the worker's peak RSS at start.
    const { openMailer } = await import('../../app/deliver-edition.js');
    const { runWorker } = await import('../../app/run-worker.js');
    const mailer = openMailer(ctx.config);
    const notice = mailer.notice();
    if (notice) c.out.notice(notice);
    const shutdown = shutdownSignal({ onSignal: (sig) => c.out.notice(`${sig}: finishing the messages in flight, releasing the rest`) });
    const signal = c.stop ? AbortSignal.any([shutdown.signal, c.stop]) : shutdown.signal;
    const holder = processHolderId('worker:');
    c.out.notice(`worker ${holder} sending via ${mailer.describe()}; SIGTERM stops`);
    // Structured logs (send started/finished, …) and, with DISPATCH_METRICS_ADDR, /metrics.
    const obs = await observe(c, ctx, 'worker');
    if (obs.metricsUrl) c.out.notice(`metrics: ${obs.metricsUrl}`);
    let summary;
    try {
      summary = await runWorker(ctx, {
        now,
        compiled,
        mailer,
        holder,
        signal,
        rate: sharedSendRate(ctx, mailer),
        onRound: (round) => {
          for (const r of round) {
            if (r.sent + r.failed > 0) c.out.notice(`edition ${r.editionId} (${r.digest}): ${r.sent} sent, ${r.failed} failed`);
          }
        },
      });
    } finally {
      shutdown.dispose();
      await mailer.close();
      await obs.close();
    }
    if (c.json) c.out.json(summary);
    else {
      c.out.print(
        `worker ${summary.holder} stopped: ${summary.sent} sent, ${summary.failed} failed, ${summary.retried} retried` +
          ` in ${plural(summary.editions.length, 'edition')}; ${plural(summary.pendingLeft, 'row')} left for others`,
      );
    }
    return 0;
  });
};
