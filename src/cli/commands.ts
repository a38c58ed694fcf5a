// One function per `dispatch` command: open the context, call use cases, print.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import {
  addSubscriber,
  compileTemplates,
  deliverEdition,
  listSubscribers,
  openContext,
  openMailer,
  planEdition,
  recipientView,
  refreshFeeds,
  removeSubscriber,
  runDigests,
  selectDigests,
  type AppContext,
  type DeliverEditionResult,
  type RefreshSummary,
  type RunReport,
} from '../app/index.js';
import type { Config } from '../config/index.js';
import { UsageError } from '../shared/errors.js';
import { table, type Output } from './output.js';

export interface CommandContext {
  config: Config;
  args: string[];
  options: { digest?: string; edition?: string; out?: string; port?: string; name?: string; json?: boolean };
  out: Output;
  json: boolean;
}

type Command = (c: CommandContext) => Promise<number>;

async function withContext(c: CommandContext, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
  const ctx = await openContext(c.config);
  for (const n of ctx.notices) c.out.notice(n);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

const now = () => new Date();

function sendProgress(c: CommandContext) {
  return (digest: string, p: { sent: number; failed: number; skipped: number; pending: number }) =>
    c.out.progress(`sending ${digest}`, p.sent + p.failed + p.skipped, p.sent + p.failed + p.skipped + p.pending);
}

function printFetch(c: CommandContext, s: RefreshSummary): void {
  const rows = s.feeds.map((f) => [
    f.name,
    f.status === 'ok' ? `ok (${f.newItems} new)` : f.status,
    f.movedTo ? `moved to ${f.movedTo}` : f.error ?? '',
  ]);
  c.out.print(table(['feed', 'status', 'note'], rows));
  const failed = s.feeds.filter((f) => f.status === 'failed').length;
  c.out.print(`${s.feeds.length} feeds, ${failed} failed, ${s.newItems} new items`);
}

function describeDelivery(d: DeliverEditionResult): string {
  return `edition ${d.editionId} (${d.digest}): ${d.sent} sent, ${d.failed} failed, ${d.skipped} skipped` +
    (d.retried ? `, ${d.retried} retried` : '') + (d.pendingLeft ? `, ${d.pendingLeft} still pending` : '') + ` — ${d.mailer}`;
}

const run: Command = (c) =>
  withContext(c, async (ctx) => {
    await ensureDemoSubscriber(c, ctx);
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    if (mailer.kind === 'outbox') c.out.notice(`DISPATCH_SMTP_URL is not set: mails are written as .eml files to ${ctx.config.outboxDir}`);
    let report: RunReport;
    try {
      report = await runDigests(ctx, {
        digest: c.options.digest,
        now,
        compiled,
        mailer,
        onFetchProgress: (d, t) => c.out.progress('fetching feeds', d, t),
        onSendProgress: sendProgress(c),
      });
    } finally {
      await mailer.close();
    }
    c.out.endProgress();
    if (c.json) c.out.json(report);
    else {
      if (report.fetch) printFetch(c, report.fetch);
      for (const d of report.digests) {
        for (const r of d.resumed) c.out.print(`resumed ${describeDelivery(r)}`);
        if (d.skipped) c.out.print(`${d.digest}: no edition: ${d.skipped}`);
        if (d.edition) {
          const kb = (d.edition.htmlBytes / 1024).toFixed(1);
          c.out.print(`${d.digest}: edition ${d.edition.editionId} "${d.edition.subject}" — ${d.edition.items} items, HTML ${kb} KB`);
          for (const w of d.edition.warnings) c.out.print(`  warning: ${w}`);
          c.out.print(`  preview: ${d.edition.previewPath}`);
        }
        if (d.delivery) c.out.print(`  ${describeDelivery(d.delivery)}`);
      }
      if (mailer.kind === 'outbox') c.out.print(`outbox (.eml files): ${ctx.config.outboxDir}`);
    }
    if (report.fetch?.allFailed) {
      c.out.error('dispatch: every feed failed to fetch');
      return 1;
    }
    const stuck = report.digests.some((d) => (d.delivery?.pendingLeft ?? 0) > 0 || d.resumed.some((r) => r.pendingLeft > 0));
    return stuck ? 1 : 0;
  });

// On built-in defaults with no SMTP (the README's first command), there is
// nobody to deliver to yet; one demo reader makes the outbox show real mail.
async function ensureDemoSubscriber(c: CommandContext, ctx: AppContext): Promise<void> {
  if (ctx.config.file !== null || ctx.config.env.smtpUrl) return;
  if ((await ctx.store.subscribers.list()).length > 0) return;
  await addSubscriber(ctx, { email: 'demo@example.org', name: 'Demo Reader', now: now(), source: 'demo' });
  c.out.notice('no config file and no subscribers: added demo@example.org so the outbox shows a real delivery');
}

const fetch: Command = (c) =>
  withContext(c, async (ctx) => {
    const s = await refreshFeeds(ctx, { now, onProgress: (d, t) => c.out.progress('fetching feeds', d, t) });
    c.out.endProgress();
    if (c.json) c.out.json(s);
    else printFetch(c, s);
    return s.allFailed ? 1 : 0;
  });

const preview: Command = (c) =>
  withContext(c, async (ctx) => {
    const [digest] = selectDigests(ctx, c.options.digest ?? ctx.config.digests[0]?.name);
    if (!digest) throw new UsageError('the config has no digest');
    const plan = await planEdition(ctx, digest, now());
    if (c.json) {
      c.out.json({ ...plan.model, willSend: plan.decision.build, reason: plan.decision.build ? null : plan.decision.reason });
      return 0;
    }
    const compiled = await compileTemplates(ctx.config);
    const { html } = compiled.render(plan.model, recipientView(ctx, { id: 0 }, { subscriberId: 0, email: 'reader@example.org', name: null }));
    if (!plan.decision.build) c.out.notice(`this would not be sent now: ${plan.decision.reason}`);
    if (c.options.out) {
      const path = resolve(c.options.out);
      writeFileSync(path, html);
      c.out.print(`wrote ${path} (${(Buffer.byteLength(html) / 1024).toFixed(1)} KB, ${plan.model.itemCount} items)`);
      return 0;
    }
    const port = parsePort(c.options.port ?? '4000');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" });
      res.end(html);
    });
    await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
    c.out.print(`preview of "${digest.title}" at http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
    await new Promise<void>((ok) => {
      process.once('SIGINT', ok);
      process.once('SIGTERM', ok);
    });
    server.close();
    return 0;
  });

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number, got "${text}"`);
  return port;
}

const send: Command = (c) =>
  withContext(c, async (ctx) => {
    let editions;
    if (c.options.edition) {
      const id = Number(c.options.edition);
      const edition = Number.isInteger(id) ? await ctx.store.editions.get(id) : undefined;
      if (!edition) throw new UsageError(`--edition: no edition with id "${c.options.edition}" (see \`dispatch editions list\`)`);
      editions = [edition];
    } else {
      editions = await ctx.store.editions.unfinished();
    }
    if (editions.length === 0) {
      if (c.json) c.out.json({ editions: [] });
      else c.out.print('nothing to send: every edition is fully sent');
      return 0;
    }
    const compiled = await compileTemplates(ctx.config);
    const mailer = openMailer(ctx.config);
    if (mailer.kind === 'outbox') c.out.notice(`DISPATCH_SMTP_URL is not set: mails are written as .eml files to ${ctx.config.outboxDir}`);
    const results: DeliverEditionResult[] = [];
    try {
      for (const e of editions) {
        results.push(await deliverEdition(ctx, e, { now, compiled, mailer, onProgress: (p) => sendProgress(c)(e.digest, p) }));
      }
    } finally {
      await mailer.close();
    }
    c.out.endProgress();
    if (c.json) c.out.json({ editions: results });
    else for (const r of results) c.out.print(describeDelivery(r));
    return results.some((r) => r.pendingLeft > 0) ? 1 : 0;
  });

const subscribers: Command = (c) =>
  withContext(c, async (ctx) => {
    const [sub, arg] = c.args;
    switch (sub) {
      case 'add': {
        if (!arg) throw new UsageError('usage: dispatch subscribers add EMAIL [--name NAME]');
        const r = await addSubscriber(ctx, { email: arg, name: c.options.name, now: now() });
        if (c.json) c.out.json({ email: r.subscriber.email, status: r.subscriber.status, created: r.created });
        else c.out.print(r.created ? `added ${r.subscriber.email}` : `${r.subscriber.email} is already on the list (${r.subscriber.status})`);
        return 0;
      }
      case 'remove': {
        if (!arg) throw new UsageError('usage: dispatch subscribers remove EMAIL');
        const removed = await removeSubscriber(ctx, arg);
        if (c.json) c.out.json({ removed });
        else c.out.print(removed ? `removed ${arg.trim()}` : `${arg.trim()} is not on the list`);
        return 0;
      }
      case 'list': {
        const list = await listSubscribers(ctx);
        if (c.json) {
          c.out.json(list.map((s) => ({ email: s.email, name: s.name, status: s.status, createdAt: s.createdAt, consentSource: s.consentSource })));
        } else {
          c.out.print(table(['email', 'status', 'since'], list.map((s) => [s.email, s.status, s.createdAt.toISOString().slice(0, 10)])));
          c.out.print(`${list.length} subscribers, ${list.filter((s) => s.status === 'active').length} active`);
        }
        return 0;
      }
      default:
        throw new UsageError('usage: dispatch subscribers add EMAIL | remove EMAIL | list');
    }
  });

const feeds: Command = (c) =>
  withContext(c, async (ctx) => {
    if (c.args[0] !== 'list') throw new UsageError('usage: dispatch feeds list');
    for (const source of ctx.config.feeds) await ctx.store.feeds.upsert(source, now());
    const list = await ctx.store.feeds.list();
    if (c.json) c.out.json(list);
    else {
      c.out.print(
        table(
          ['feed', 'status', 'last fetch', 'url'],
          list.map((f) => [
            f.name,
            f.paused ? 'paused' : f.lastStatus ? (f.failureStreak > 0 ? `failing ×${f.failureStreak}` : f.lastStatus) : 'never fetched',
            f.lastFetchedAt ? f.lastFetchedAt.toISOString().slice(0, 16).replace('T', ' ') : '',
            f.url,
          ]),
        ),
      );
    }
    return 0;
  });

const editions: Command = (c) =>
  withContext(c, async (ctx) => {
    const [sub, arg] = c.args;
    if (sub === 'list') {
      const list = await ctx.store.editions.list({ digest: c.options.digest, limit: 50 });
      const rows = [];
      for (const e of list) rows.push({ edition: e, counts: await ctx.store.deliveries.counts(e.id) });
      if (c.json) c.out.json(rows.map(({ edition: e, counts }) => ({ id: e.id, digest: e.digest, slot: e.slot, subject: e.subject, status: e.status, items: e.itemIds.length, createdAt: e.createdAt, deliveries: counts })));
      else {
        c.out.print(
          table(
            ['id', 'digest', 'created', 'status', 'items', 'sent', 'failed', 'pending', 'subject'],
            rows.map(({ edition: e, counts }) => [String(e.id), e.digest, e.createdAt.toISOString().slice(0, 16).replace('T', ' '), e.status, String(e.itemIds.length), String(counts.sent), String(counts.failed), String(counts.pending), e.subject]),
          ),
        );
      }
      return 0;
    }
    if (sub === 'show') {
      const id = Number(arg);
      const e = Number.isInteger(id) ? await ctx.store.editions.get(id) : undefined;
      if (!e) throw new UsageError(`usage: dispatch editions show ID (no edition "${arg ?? ''}")`);
      const counts = await ctx.store.deliveries.counts(e.id);
      if (c.json) c.out.json({ ...e, deliveries: counts });
      else {
        c.out.print(`edition ${e.id} of ${e.digest}: "${e.subject}" (${e.status})`);
        c.out.print(`window ${e.windowStart.toISOString()} → ${e.windowEnd.toISOString()}; ${counts.sent} sent, ${counts.failed} failed, ${counts.pending} pending, ${counts.skipped} skipped`);
        for (const s of e.model.sections) {
          c.out.print(`\n${s.title}`);
          for (const st of s.stories) c.out.print(`  - ${st.headline.title} (${st.headline.source})`);
        }
      }
      return 0;
    }
    throw new UsageError('usage: dispatch editions list | show ID');
  });

export const commands: Record<string, Command> = { run, fetch, preview, send, subscribers, feeds, editions };
