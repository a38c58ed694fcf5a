// The preview studio's routes. Handlers only read: nothing here sends a mail,
// stores an edition or changes a subscriber.
//
//   GET /                    studio (?digest, edition, subscriber, regions, topics, view, lastGood)
//   GET /render/html|text|headers   the shown copy's parts (same query)
//   GET /render/model.json   the edition model shown
//   GET /events              server-sent events: {render, inbox} versions
//   GET /inbox[/NAME[?view]] the local inbox (outbox .eml files), NAME/html the mail itself
//   GET /assets/studio.css|js
//   GET /dashboard           charts of the list, editions, feeds and slots (dashboard-page.ts)
//   /review                  the review desk: mounted beside these by start-preview-server.ts
//                            (it writes: edits, approvals), linked from every toolbar
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Edition, Subscriber } from '../shared/types.js';
import { mountDashboard } from './dashboard-page.js';
import { listInbox, readInboxMessage } from './outbox-inbox.js';
import { STUDIO_CSS, STUDIO_JS } from './studio-assets.js';
import { STUDIO_EXTRAS_JS } from './studio-extras-assets.js';
import { imageLoadCheck, loadImages, mailForMode, mountSendTest, type MailMode } from './studio-extras.js';
import {
  INBOX_VIEWS,
  inboxPage,
  selectionQuery,
  studioPage,
  VIEWS,
  withBaseTarget,
  type InboxView,
  type StudioView,
} from './studio-pages.js';
import {
  describeProblem,
  StudioInputError,
  type CopySelection,
  type ShownCopy,
  type StudioProblem,
  type StudioSession,
  type StudioState,
} from './studio-session.js';

export interface PreviewAppOptions {
  session: StudioSession;
  now?: () => Date;
  /** Seconds between SSE keep-alive comments (proxies and browsers drop silent streams). */
  keepAliveSeconds?: number;
}

/** The studio's own pages: scripts and styles only from its origin, frames only from it. */
const STUDIO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; " +
  "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * A previewed mail: no script at all (allow-same-origin without allow-scripts
 * lets only the studio's own script read the frame's scroll position, to keep
 * it across live reloads; nothing in the mail can run) (the CSP sandbox applies even when the
 * URL is opened on its own), inline styles and remote images as a mail
 * client would show them.
 */
const MAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; font-src https:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox allow-same-origin";

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function createPreviewApp(opts: PreviewAppOptions): Hono {
  const { session } = opts;
  const now = opts.now ?? (() => new Date());
  const app = new Hono();

  // The studio answers only to local names: a web page the person visits
  // cannot reach it through a DNS name rebound to 127.0.0.1.
  app.use('*', async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).replace(/:\d+$/, '').toLowerCase();
    if (!LOCAL_HOSTS.has(host)) return c.text('The preview studio only answers on localhost.', 403);
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.get('/assets/studio.css', (c) => c.body(STUDIO_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/assets/studio.js', (c) => c.body(STUDIO_JS + STUDIO_EXTRAS_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));

  app.get('/', async (c) => {
    const selection = readSelection(c);
    const view = pick(c.req.query('view'), VIEWS, 'desktop');
    const state = session.state();
    const ctx = session.context();
    let shown: ShownCopy | null = null;
    let problem: StudioProblem | null = state.problem && !selection.lastGood ? state.problem : null;
    if (!problem) {
      try {
        shown = await session.show(selection, now());
      } catch (error) {
        problem = await describeProblem(error);
      }
    }
    // Nothing new for the next edition: open on the latest stored one instead
    // (only when no edition was picked; "Next edition" in the list stays possible).
    if (shown && !shown.edition && shown.copy.model.itemCount === 0 && c.req.query('edition') === undefined) {
      const latest = await ctx.store.editions.latest(shown.digest.name).catch(() => undefined);
      if (latest) return c.redirect(`/${selectionQuery({ ...selection, digest: shown.digest.name, editionId: latest.id }, { view: view === 'desktop' ? null : view })}`, 302);
    }
    if (shown) shown = { ...shown, checks: [...shown.checks, { id: 'image-load', label: 'Images load', status: 'warn', detail: 'loading each image…' }] };
    const [editions, subscribers, inbox] = await Promise.all([
      ctx.store.editions.list({ limit: 100 }).catch((): Edition[] => []),
      ctx.store.subscribers.list().catch((): Subscriber[] => []),
      listInbox(ctx.config.outboxDir, 0).catch(() => ({ total: 0 })),
    ]);
    c.header('Content-Security-Policy', STUDIO_CSP);
    return c.html(
      studioPage({
        state,
        selection,
        view,
        digests: ctx.config.digests,
        editions,
        subscribers: subscribers.slice(0, 500),
        shown,
        problem,
        inboxCount: inbox.total,
        flash: c.req.query('sent')?.slice(0, 300) ?? null,
      }),
    );
  });

  const shownOr404 = async (c: Context): Promise<ShownCopy | Response> => {
    try {
      return await session.show(readSelection(c), now());
    } catch (error) {
      const p = await describeProblem(error);
      return c.text(`${p.file ? `${p.file}${p.line != null ? `:${p.line}` : ''}: ` : ''}${p.message}`, error instanceof StudioInputError ? 404 : 500);
    }
  };

  app.get('/render/html', async (c) => {
    const shown = await shownOr404(c);
    if (shown instanceof Response) return shown;
    c.header('Content-Security-Policy', MAIL_CSP);
    const mode = c.req.query('mode');
    const html = mode === 'dark' || mode === 'images-off' ? mailForMode(shown.copy.html, mode as MailMode) : shown.copy.html;
    return c.html(withBaseTarget(html));
  });
  // The image check that touches the network: the studio page asks for it after it has loaded.
  app.get('/render/images.json', async (c) => {
    const shown = await shownOr404(c);
    if (shown instanceof Response) return shown;
    return c.json(imageLoadCheck(await loadImages(shown.copy.html)));
  });
  mountSendTest(app, { session, readSelection, now });
  app.get('/render/text', async (c) => {
    const shown = await shownOr404(c);
    if (shown instanceof Response) return shown;
    return c.text(shown.copy.text);
  });
  app.get('/render/headers', async (c) => {
    const shown = await shownOr404(c);
    if (shown instanceof Response) return shown;
    return c.text(shown.rawHeaders);
  });
  app.get('/render/model.json', async (c) => {
    const shown = await shownOr404(c);
    if (shown instanceof Response) return shown;
    return c.json({ ...shown.copy.model, checks: shown.checks, wouldNotSend: shown.wouldNotSend });
  });

  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const send = (s: StudioState) => stream.writeSSE({ event: 'versions', data: JSON.stringify({ render: s.version, inbox: s.inboxVersion }) });
      let closed = false;
      const unsubscribe = session.subscribe((s) => {
        if (!closed) void send(s).catch(() => undefined);
      });
      let wake: () => void = () => undefined;
      stream.onAbort(() => {
        closed = true;
        unsubscribe();
        wake();
      });
      await send(session.state());
      const keepAliveMs = (opts.keepAliveSeconds ?? 20) * 1000;
      while (!closed) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, keepAliveMs);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        if (!closed) await stream.write(': keep-alive\n\n').catch(() => undefined);
      }
    }),
  );

  app.get('/inbox', (c) => inboxRoute(c, null));
  app.get('/inbox/:name', (c) => inboxRoute(c, c.req.param('name')));
  app.get('/inbox/:name/html', async (c) => {
    const message = await readInboxMessage(session.context().config.outboxDir, c.req.param('name'));
    if (!message) return c.text('No such message in the outbox.', 404);
    c.header('Content-Security-Policy', MAIL_CSP);
    return c.html(withBaseTarget(message.html ?? `<pre>${escapeText(message.text)}</pre>`));
  });

  async function inboxRoute(c: Context, name: string | null): Promise<Response> {
    const ctx = session.context();
    const { entries, total } = await listInbox(ctx.config.outboxDir);
    const message = name === null ? (entries[0] ? await readInboxMessage(ctx.config.outboxDir, entries[0].name) : null) : await readInboxMessage(ctx.config.outboxDir, name);
    if (name !== null && !message) return c.text('No such message in the outbox.', 404);
    const state = session.state();
    c.header('Content-Security-Policy', STUDIO_CSP);
    return c.html(
      inboxPage({
        entries,
        total,
        outboxDir: ctx.config.outboxDir,
        smtpConfigured: Boolean(ctx.config.env.smtpUrl),
        message,
        view: pick(c.req.query('view'), INBOX_VIEWS, 'html') as InboxView,
        inboxVersion: state.inboxVersion,
        renderVersion: state.version,
      }),
    );
  }

  // GET /dashboard: subscribers, editions, feeds and slots as SVG charts.
  mountDashboard(app, { context: () => session.context(), now });

  app.notFound((c) => c.text('Not found.', 404));
  app.onError((error, c) => c.text(`The preview failed: ${error.message}`, 500));
  return app;
}

/** The toolbar's choices from the query string; anything malformed is ignored (defaults). */
export function readSelection(c: Context): CopySelection {
  const q = (k: string) => c.req.query(k)?.trim() || null;
  return {
    digest: q('digest'),
    editionId: positiveInt(q('edition')),
    subscriberId: positiveInt(q('subscriber')),
    regions: list(q('regions')),
    topics: list(q('topics')),
    lastGood: q('lastGood') === '1',
  };
}

function positiveInt(v: string | null): number | null {
  return v && /^\d{1,15}$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

function list(v: string | null): string[] | null {
  const parts = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts : null;
}

function pick<T extends string>(v: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(v as T) ? (v as T) : fallback;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type { StudioView };
