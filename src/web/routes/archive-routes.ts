// The public archive: /editions, /editions/ID and the Atom feed
// /editions.atom. Only editions that went out are public (never a draft or a
// skipped one). An archived edition is the mail rendered for nobody in
// particular: no "you receive this because…", no unsubscribe or preferences
// links (they lead nowhere without a reader's token), inside the site's own
// chrome: masthead, a subscribe call to action, older/newer navigation,
// og: meta for sharing and the feed advertised with <link rel="alternate">.
import type { Hono } from 'hono';
import { Feed } from 'feed';
import { getPublishedEdition, listPublishedEditions, listTitle, renderArchivedEdition } from '../../app/index.js';
import type { Edition } from '../../shared/types.js';
import { HttpError } from '../http-error.js';
import { EDITION_CSP } from '../security-headers.js';
import type { C, Env, WebKit } from '../web-kit.js';

const FEED_SIZE = 30;
const LIST_SIZE = 100;

export function registerArchiveRoutes(app: Hono<Env>, kit: WebKit): void {
  const { ctx, base } = kit;
  const publicUrl = ctx.config.env.publicUrl;
  const siteTitle = listTitle(ctx.config);
  const digestTitle = (name: string): string => ctx.config.digests.find((d) => d.name === name)?.title ?? name;
  const fmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const render = (e: Edition): Promise<string> => {
    const digest = kit.digest;
    return renderArchivedEdition(ctx, kit.templatesFor ?? (() => Promise.resolve(digest as NonNullable<typeof digest>)), e);
  };

  async function listEditions(c: C) {
    if (!kit.digest) throw new HttpError(404, 'There is no archive here.');
    const editions = await listPublishedEditions(ctx, LIST_SIZE);
    return kit.page(c, 'editions', {
      pageTitle: 'Past editions',
      feedUrl: `${base}/editions.atom`,
      editions: editions.map((e) => ({
        url: `${base}/editions/${e.id}`,
        subject: e.subject,
        digestTitle: digestTitle(e.digest),
        iso: e.windowEnd.toISOString(),
        date: fmt.format(e.windowEnd),
      })),
    });
  }

  async function showEdition(c: C) {
    const id = c.req.param('id') ?? '';
    if (!kit.digest || !/^\d{1,9}$/.test(id)) throw new HttpError(404, 'There is no such edition.');
    const edition = await getPublishedEdition(ctx, Number(id));
    if (!edition) throw new HttpError(404, 'There is no such edition.');
    const html = await render(edition);
    // Older and newer editions of the same digest.
    const siblings = await listPublishedEditions(ctx, LIST_SIZE, edition.digest);
    const at = siblings.findIndex((e) => e.id === edition.id);
    const newer = at > 0 ? siblings[at - 1] : undefined;
    const older = at >= 0 ? siblings[at + 1] : undefined;
    // The mail's HTML carries inline styles: a looser style-src for this page only, still no script.
    c.header('content-security-policy', EDITION_CSP);
    c.header('cache-control', 'public, max-age=300');
    return c.html(
      archivePage({
        mailHtml: html,
        edition,
        digestTitle: digestTitle(edition.digest),
        publicUrl,
        base,
        date: fmt.format(edition.windowEnd),
        newer: newer ? { url: `${base}/editions/${newer.id}`, subject: newer.subject } : null,
        older: older ? { url: `${base}/editions/${older.id}`, subject: older.subject } : null,
      }),
    );
  }

  async function atomFeed(c: C) {
    if (!kit.digest) throw new HttpError(404, 'There is no archive here.');
    const editions = await listPublishedEditions(ctx, FEED_SIZE);
    const feed = new Feed({
      title: siteTitle,
      description: `Past editions of ${siteTitle}`,
      id: `${publicUrl}/editions`,
      link: `${publicUrl}/editions`,
      language: 'en',
      updated: editions[0]?.createdAt ?? new Date(0),
      feedLinks: { atom: `${publicUrl}/editions.atom` },
      copyright: `Summaries are excerpts from each outlet's feed; headlines link to the original articles.`,
    });
    for (const e of editions) {
      feed.addItem({
        title: e.subject,
        id: `${publicUrl}/editions/${e.id}`,
        link: `${publicUrl}/editions/${e.id}`,
        description: e.model.preheader,
        content: mailParts(await render(e)).body,
        date: e.createdAt,
      });
    }
    c.header('content-type', 'application/atom+xml; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    return c.body(feed.atom1());
  }

  // /editions.atom before /editions/:id, which would not match it anyway (digits only).
  app.get('/editions.atom', atomFeed);
  app.get('/editions', listEditions);
  app.get('/editions/:id', showEdition);
}

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/** The <style> blocks and the <body> content of a rendered mail. */
export function mailParts(html: string): { styles: string; body: string } {
  const styles = [...html.matchAll(/<style\b[^>]*>[\s\S]*?<\/style>/gi)].map((m) => m[0]).join('\n');
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return { styles, body };
}

interface ArchivePageData {
  mailHtml: string;
  edition: Edition;
  digestTitle: string;
  publicUrl: string;
  base: string;
  date: string;
  newer: { url: string; subject: string } | null;
  older: { url: string; subject: string } | null;
}

/**
 * The archive page: site chrome around the mail's own body. Everything that
 * is not the rendered mail is escaped here; the mail was rendered by the
 * digest templates, which escape every feed field but the sanitized summaries.
 */
export function archivePage(d: ArchivePageData): string {
  const { styles, body } = mailParts(d.mailHtml);
  const url = `${d.publicUrl}/editions/${d.edition.id}`;
  const nav = `<nav class="archive-nav" aria-label="Editions" style="max-width:600px;margin:0 auto;padding:14px 16px;display:flex;justify-content:space-between;gap:12px;font:14px/1.4 Helvetica,Arial,sans-serif;">
<span>${d.older ? `<a href="${esc(d.older.url)}" rel="prev" style="color:#0b4f8a;">← Older: ${esc(d.older.subject)}</a>` : ''}</span>
<a href="${esc(d.base)}/editions" style="color:#0b4f8a;white-space:nowrap;">All editions</a>
<span style="text-align:right;">${d.newer ? `<a href="${esc(d.newer.url)}" rel="next" style="color:#0b4f8a;">Newer: ${esc(d.newer.subject)} →</a>` : ''}</span>
</nav>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${esc(d.edition.subject)} · ${esc(d.digestTitle)}</title>
<meta name="description" content="${esc(d.edition.model.preheader)}">
<link rel="canonical" href="${esc(url)}">
<link rel="alternate" type="application/atom+xml" title="${esc(d.digestTitle)}" href="${esc(d.base)}/editions.atom">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${esc(d.digestTitle)}">
<meta property="og:title" content="${esc(d.edition.subject)}">
<meta property="og:description" content="${esc(d.edition.model.preheader)}">
<meta property="og:url" content="${esc(url)}">
<meta property="article:published_time" content="${esc(d.edition.createdAt.toISOString())}">
<meta name="twitter:card" content="summary">
${styles}
</head>
<body style="margin:0;background-color:#f3f1ec;">
<header class="archive-masthead" style="background:#1a1a1a;color:#ffffff;font:14px/1.4 Helvetica,Arial,sans-serif;">
<div style="max-width:600px;margin:0 auto;padding:12px 16px;display:flex;align-items:center;justify-content:space-between;gap:12px;flex-wrap:wrap;">
<a href="${esc(d.base)}/editions" style="color:#ffffff;text-decoration:none;font:bold 18px/1.2 Georgia,'Times New Roman',serif;">${esc(d.digestTitle)}</a>
<span><a href="${esc(d.base)}/" style="display:inline-block;background:#ffffff;color:#1a1a1a;padding:7px 14px;border-radius:3px;font-weight:bold;text-decoration:none;">Subscribe</a>
<a href="${esc(d.base)}/editions.atom" style="color:#ffffff;margin-left:10px;">Feed</a></span>
</div>
</header>
${nav}
<main>
${body}
</main>
<section class="archive-cta" style="max-width:600px;margin:0 auto;padding:4px 16px 10px;text-align:center;font:15px/1.5 Helvetica,Arial,sans-serif;">
<p style="margin:0 0 10px;">${esc(d.digestTitle)} · ${esc(d.date)}. Get the next edition in your inbox.</p>
<p style="margin:0;"><a href="${esc(d.base)}/" style="display:inline-block;background:#1a1a1a;color:#ffffff;padding:9px 18px;border-radius:3px;font-weight:bold;text-decoration:none;">Subscribe to ${esc(d.digestTitle)}</a></p>
</section>
${nav}
</body>
</html>`;
}
