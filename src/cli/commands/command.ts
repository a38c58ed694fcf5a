// What every command shares: the context it runs in, and a few printers.
import { openContext, type AppContext, type DeliverEditionResult, type RefreshSummary } from '../../app/index.js';
import type { Config } from '../../config/index.js';
import { UsageError } from '../../shared/errors.js';
import { table, type Output } from '../output.js';

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

export function sendProgress(c: CommandContext) {
  return (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) =>
    c.out.progress(`sending ${digest}`, p.sent + p.failed + p.skipped, p.sent + p.failed + p.skipped + p.pending);
}

export function printFetch(c: CommandContext, s: RefreshSummary): void {
  const rows = s.feeds.map((f) => [
    f.name,
    f.status === 'ok' ? `ok (${f.newItems} new)` : f.status,
    f.movedTo ? `moved to ${f.movedTo}` : f.error ?? '',
  ]);
  c.out.print(table(['feed', 'status', 'note'], rows));
  const failed = s.feeds.filter((f) => f.status === 'failed').length;
  c.out.print(`${s.feeds.length} feeds, ${failed} failed, ${s.newItems} new items`);
}

export function describeDelivery(d: DeliverEditionResult): string {
  return `edition ${d.editionId} (${d.digest}): ${d.sent} sent, ${d.failed} failed, ${d.skipped} skipped` +
    (d.retried ? `, ${d.retried} retried` : '') + (d.pendingLeft ? `, ${d.pendingLeft} still pending` : '') + ` — ${d.mailer}` +
    // Why the send stopped (the relay down, a full disk), said once per edition.
    (d.stoppedReason ? `\n  ${d.stoppedReason}` : '');
}


export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number, got "${text}"`);
  return port;
}
