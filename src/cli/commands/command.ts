// What every command shares: the context it runs in, and a few printers.
//
// Every command imports this file, so it takes what it needs from single app/
// modules, not the app/ barrel: the barrel loads every use case (feed fetching,
// edition building, the review desk…) into every command, `dispatch worker`
// included. Observability (pino, prom-client) is imported by observe() only.
import type { AppContext, DeliverEditionResult, FeedProgress, RefreshSummary } from '../../app/index.js';
import { looksOffline } from '../../app/feed-health.js';
import { openContext } from '../../app/open-context.js';
import type { Config } from '../../config/index.js';
import type { Observability } from '../../observability/index.js';
import { UsageError } from '../../shared/errors.js';
import { plural, table, type Output } from '../output.js';

export interface CommandContext {
  config: Config;
  args: string[];
  options: { digest?: string; edition?: string; out?: string; port?: string; name?: string; json?: boolean; [k: string]: unknown };
  out: Output;
  json: boolean;
  /** Where relative paths given on the command line are resolved. */
  cwd: string;
}

export type Command = (c: CommandContext) => Promise<number>;

export async function withContext(c: CommandContext, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
  const ctx = await openContext(c.config);
  for (const n of ctx.notices) c.out.notice(n);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export const now = (): Date => new Date();

/**
 * Structured logs on stderr and, with DISPATCH_METRICS_ADDR, /metrics on its
 * own listener, for the long-running and scheduled commands (`serve`,
 * `worker`, `run`). Call once the context is open; close it when done.
 */
export async function observe(c: CommandContext, ctx: AppContext, command: string): Promise<Observability> {
  const { startObservability } = await import('../../observability/index.js');
  return startObservability({ env: ctx.config.env, store: ctx.store, stream: c.out.stderr, command });
}

export function sendProgress(c: CommandContext) {
  return (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) =>
    c.out.progress(`sending ${digest}`, p.sent + p.failed + p.skipped, p.sent + p.failed + p.skipped + p.pending);
}

/**
 * Fetch progress: a bar on a terminal; elsewhere (cron, CI, a pipe) one line
 * per feed as it finishes, so a slow or offline run is never silent.
 */
export function fetchProgress(c: CommandContext, label = 'fetching feeds') {
  const tty = Boolean(c.out.stderr.isTTY);
  return (done: number, total: number, feed?: FeedProgress) => {
    if (tty || !feed) c.out.progress(label, done, total);
    else c.out.error(`${label} ${done}/${total}: ${feed.name}: ${feed.status}${feed.error ? ` (${feed.error})` : ''}`);
  };
}

/** Printed once instead of the same DNS or connection error for every feed. */
export const OFFLINE_HINT = 'this machine looks offline: every feed failed with a DNS or connection error';

export function printFetch(c: CommandContext, s: RefreshSummary): void {
  const offline = looksOffline(s.feeds);
  const rows = s.feeds.map((f) => [
    f.name,
    f.status === 'ok' ? `ok (${plural(f.newItems, 'new item')})` : f.status,
    f.movedTo ? `moved to ${f.movedTo}` : offline && f.status === 'failed' ? '' : f.error ?? '',
  ]);
  c.out.print(table(['feed', 'status', 'note'], rows));
  if (offline) {
    const example = s.feeds.find((f) => f.status === 'failed')?.error ?? '';
    c.out.print(`${OFFLINE_HINT} (e.g. ${example}); check the network or DNS, then run again`);
  }
  const failed = s.feeds.filter((f) => f.status === 'failed').length;
  c.out.print(`${plural(s.feeds.length, 'feed')}, ${failed} failed, ${plural(s.newItems, 'new item')}`);
}

export function describeDelivery(d: DeliverEditionResult): string {
  // Without a relay nothing is sent: say what happened to the copies instead
  // of "1 sent" next to "nothing is sent".
  const outbox = /^outbox folder (\S+)/.exec(d.mailer);
  const done = outbox ? `${plural(d.sent, 'copy', 'copies')} written to the outbox` : `${d.sent} sent`;
  return `edition ${d.editionId} (${d.digest}): ${done}, ${d.failed} failed, ${d.skipped} skipped` +
    (d.retried ? `, ${d.retried} retried` : '') + (d.pendingLeft ? `, ${d.pendingLeft} still pending` : '') +
    (outbox ? ` (${outbox[1]}; DISPATCH_SMTP_URL is not set, so nothing was mailed)` : ` — ${d.mailer}`) +
    // Why the send stopped (the relay down, a full disk), said once per edition.
    (d.stoppedReason ? `\n  ${d.stoppedReason}` : '');
}


export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number, got "${text}"`);
  return port;
}
