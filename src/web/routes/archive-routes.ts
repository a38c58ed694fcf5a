// GET /editions (the list) and GET /editions/:id (one edition as a neutral reader sees it).
import type { Hono } from 'hono';
import { listArchivedEditions, renderArchivedEdition } from '../../app/index.js';
import { HttpError } from '../http-error.js';
import { EDITION_CSP } from '../security-headers.js';
import type { C, Env, WebKit } from '../web-kit.js';

export function registerArchiveRoutes(app: Hono<Env>, kit: WebKit): void {
  const fmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  async function listEditions(c: C) {
    if (!kit.digest) throw new HttpError(404, 'There is no archive here.');
    const editions = await listArchivedEditions(kit.ctx, 100);
    return kit.page(c, 'editions', {
      pageTitle: 'Past editions',
      editions: editions.map((e) => ({
        url: `${kit.base}/editions/${e.id}`,
        subject: e.subject,
        digestTitle: e.digestTitle,
        iso: e.windowEnd.toISOString(),
        date: fmt.format(e.windowEnd),
      })),
    });
  }

  async function showEdition(c: C) {
    const id = c.req.param('id') ?? '';
    if (!kit.digest || !/^\d{1,9}$/.test(id)) throw new HttpError(404, 'There is no such edition.');
    const digest = kit.digest;
    const html = await renderArchivedEdition(kit.ctx, kit.templatesFor ?? (() => Promise.resolve(digest)), Number(id));
    if (html === null) throw new HttpError(404, 'There is no such edition.');
    // The mail's HTML carries inline styles: a looser style-src for this page only, still no script.
    c.header('content-security-policy', EDITION_CSP);
    c.header('cache-control', 'public, max-age=300');
    return c.html(html);
  }

  app.get('/editions', listEditions);
  app.get('/editions/:id', showEdition);
}
