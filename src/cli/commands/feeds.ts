import { redactUrl, redactUrlsIn } from '../../shared/redact-url.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { fetchFeeds, parseOpml, toOpml } from '../../ingest/index.js';
import { UsageError } from '../../shared/errors.js';
import { backoffPolicy, feedHealth, looksOffline, peopleCheck } from '../../app/index.js';
import { plural, table } from '../output.js';
import { now, OFFLINE_HINT, withContext, type Command, type CommandContext } from './command.js';

const USAGE = 'usage: dispatch feeds list | check | import-opml FILE [--out CATALOG.yaml] | export-opml [--out FILE] | people-check';

export const feedsCommand: Command = (c) => {
  switch (c.args[0]) {
    case 'list':
      return list(c);
    case 'check':
      return check(c);
    case 'import-opml':
      return importOpml(c);
    case 'export-opml':
      return exportOpml(c);
    case 'people-check':
      return checkPeople(c);
    default:
      throw new UsageError(USAGE);
  }
};

const list: Command = (c) =>
  withContext(c, async (ctx) => {
    for (const source of ctx.config.feeds) await ctx.store.feeds.upsert(source, now());
    const feeds = await ctx.store.feeds.list();
    // The same definition of "failing" as `dispatch status` (see app/feed-health.ts).
    const policy = backoffPolicy(ctx);
    if (c.json) c.out.json(feeds.map((f) => ({ ...f, url: redactUrl(f.url), lastError: f.lastError === null ? null : redactUrlsIn(f.lastError), health: feedHealth(f, policy).state })));
    else {
      c.out.print(
        table(
          ['feed', 'status', 'last fetch', 'url'],
          feeds.map((f) => [
            f.name,
            f.lastError?.startsWith('malformed feed') && feedHealth(f, policy).state === 'ok' ? `${feedHealth(f, policy).label}, malformed` : feedHealth(f, policy).label,
            f.lastFetchedAt ? f.lastFetchedAt.toISOString().slice(0, 16).replace('T', ' ') : '',
            redactUrl(f.url),
          ]),
        ),
      );
    }
    return 0;
  });

// Fetches every configured feed once, unconditionally, and says whether it
// parses; nothing is stored, so it is safe to run against a live list.
async function check(c: CommandContext): Promise<number> {
  const feeds = c.config.feeds.map((f, i) => ({ id: i, url: f.url, etag: null, lastModified: null }));
  const outcomes = await fetchFeeds(feeds, {
    timeoutMs: c.config.fetch.timeoutMs,
    maxBytes: c.config.fetch.maxBytes,
    userAgent: c.config.fetch.userAgent,
    concurrency: c.config.fetch.concurrency,
    onProgress: (d, t, _id, o) => {
      if (c.out.stderr.isTTY) c.out.progress('checking feeds', d, t);
      else c.out.error(`checking feeds ${d}/${t}: ${c.config.feeds[o.feedId]?.name ?? o.feedId}: ${o.kind}`);
    },
  });
  c.out.endProgress();
  const rows = outcomes.map((o) => {
    const f = c.config.feeds[o.feedId]!;
    const status = o.kind === 'ok' ? `ok (${plural(o.items.length, 'item')})` : o.kind === 'failed' ? 'failed' : 'not modified';
    const note = o.permanentRedirect ? `moved to ${redactUrl(o.permanentRedirect)}` : o.kind === 'failed' ? redactUrlsIn(o.reason) : '';
    return { name: f.name, url: redactUrl(f.url), status, note, ok: o.kind !== 'failed', error: o.kind === 'failed' ? redactUrlsIn(o.reason) : null };
  });
  const offline = looksOffline(rows.map((r) => ({ url: r.url, status: r.ok ? 'ok' : 'failed', error: r.error })));
  if (c.json) c.out.json(rows);
  else {
    c.out.print(table(['feed', 'status', 'note'], rows.map((r) => [r.name, r.status, offline && !r.ok ? '' : r.note])));
    if (offline) c.out.print(`${OFFLINE_HINT} (e.g. ${rows.find((r) => !r.ok)?.error ?? ''}); check the network or DNS, then run again`);
    c.out.print(`${plural(rows.length, 'feed')}, ${rows.filter((r) => !r.ok).length} failed`);
  }
  return rows.length > 0 && rows.every((r) => !r.ok) ? 1 : 0;
}

// OPML goes into a catalog file (the config itself is the user's to edit):
// the command writes the catalog and says which line to add to the config.
async function importOpml(c: CommandContext): Promise<number> {
  const file = c.args[1];
  if (!file) throw new UsageError(USAGE);
  const path = resolve(c.cwd, file);
  if (!existsSync(path)) throw new UsageError(`import-opml: file not found: ${path}`);
  const parsed = parseOpml(readFileSync(path, 'utf8'));
  for (const e of parsed.errors) c.out.error(`${path}: ${e}`);
  const known = new Set(c.config.feeds.map((f) => f.url));
  const fresh = parsed.feeds.filter((f) => !known.has(f.url));
  const base = c.config.file ? dirname(c.config.file) : c.cwd;
  const out = resolve(base, c.options.out ?? 'feeds/imported.yaml');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, toYaml(fresh.map((f) => ({ name: f.name, url: f.url, ...(f.homepage ? { homepage: f.homepage } : {}), tags: f.tags }))));
  const line = `  - catalog: ${relative(base, out)}`;
  if (c.json) c.out.json({ imported: fresh.length, alreadyConfigured: parsed.feeds.length - fresh.length, errors: parsed.errors, catalog: out });
  else {
    c.out.print(`wrote ${plural(fresh.length, 'feed')} to ${out} (${parsed.feeds.length - fresh.length} already configured, ${parsed.errors.length} skipped)`);
    c.out.print(`add this under "feeds:" in your config to use them:\n${line}`);
  }
  return parsed.feeds.length === 0 && parsed.errors.length > 0 ? 1 : 0;
}

async function exportOpml(c: CommandContext): Promise<number> {
  const xml = toOpml(c.config.feeds.filter((f) => /^https?:\/\//i.test(f.url)), 'Dispatch feeds');
  if (c.options.out) {
    writeFileSync(resolve(c.cwd, c.options.out), xml);
    c.out.print(`wrote ${resolve(c.cwd, c.options.out)}`);
  } else c.out.print(xml);
  return 0;
}

// Lists the people-gazetteer entries not checked for over a year. A list to
// work through, not a failure: exit 0 either way.
async function checkPeople(c: CommandContext): Promise<number> {
  const report = peopleCheck(now());
  if (c.json) {
    c.out.json({
      total: report.total,
      maxAgeDays: report.maxAgeDays,
      file: report.file,
      stale: report.stale.map((p) => ({ name: p.name, country: p.country ?? null, org: p.org ?? null, role: p.role, validFrom: p.validFrom, validTo: p.validTo ?? null, checked: p.checked, ageDays: p.ageDays })),
    });
    return 0;
  }
  if (report.stale.length === 0) {
    c.out.print(`all ${report.total} people in ${report.file} were checked in the last ${report.maxAgeDays} days`);
    return 0;
  }
  c.out.print(
    table(
      ['name', 'for', 'role', 'valid from', 'checked', 'days'],
      report.stale.map((p) => [p.name, p.country ?? p.org ?? '', p.role, `${p.validFrom}${p.validTo ? ` to ${p.validTo}` : ''}`, p.checked, String(p.ageDays)]),
    ),
  );
  c.out.print(`${report.stale.length} of ${report.total} entries in ${report.file} were last checked more than ${report.maxAgeDays} days ago: confirm each against an official source and update "checked" (see README, "People gazetteer")`);
  return 0;
}
