// `dispatch preview`: the studio on 127.0.0.1, re-rendered whenever a
// template or the config is saved, with the outbox as a local inbox.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { refreshFeeds, type AppContext, type RefreshSummary } from '../app/index.js';
import type { Config } from '../config/index.js';
import { builtinTemplatesDir } from '../render/index.js';
import { createPreviewApp } from './create-preview-app.js';
import { createReviewRoutes } from './review-routes.js';
import { createStudioSession, type StudioSession, type StudioState } from './studio-session.js';
import { watchSources, type SourceChange, type WatchedPaths } from './watch-sources.js';

export interface PreviewServerOptions {
  ctx: AppContext;
  /** Reads the config file again when it is saved; without it the config is fixed. */
  loadConfig?: () => Config;
  /** 0 picks a free port. Default 4000. */
  port?: number;
  /** Default 127.0.0.1: the studio shows subscriber addresses and is for this machine only. */
  host?: string;
  now?: () => Date;
  /** After every re-render caused by a saved file (for the terminal). */
  onReload?: (state: StudioState, change: SourceChange) => void;
  /** Watch files for live reload (default true). */
  watch?: boolean;
  /** Maps an error from listen() (e.g. EADDRINUSE) to the error to throw. */
  onListenError?: (error: Error) => Error;
}

export interface PreviewServer {
  url: string;
  port: number;
  session: StudioSession;
  /** Resolves when the watcher has scanned its folders (changes after that reload the page). */
  watching: Promise<void>;
  close(): Promise<void>;
}

function watchedPaths(config: Config): WatchedPaths {
  return { templatesDir: config.templatesDir ?? builtinTemplatesDir(), configFile: config.file, outboxDir: config.outboxDir };
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const host = opts.host ?? '127.0.0.1';
  const session = await createStudioSession({ ctx: opts.ctx, loadConfig: opts.loadConfig, now: opts.now });
  mkdirSync(opts.ctx.config.outboxDir, { recursive: true });

  const watcher =
    opts.watch === false
      ? null
      : watchSources(watchedPaths(opts.ctx.config), (change) => {
          if (change.inbox) session.touchInbox();
          if (!change.templates && !change.config) return;
          void session.reload({ configChanged: change.config }).then((state) => {
            watcher?.update(watchedPaths(state.config));
            opts.onReload?.(state, change);
          });
        });

  const app = createPreviewApp({ session, now: opts.now });
  // The review desk (issue 11): drafts to edit and approve, under /review.
  app.route('/review', createReviewRoutes({ context: () => session.context(), now: opts.now }));
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: opts.port ?? 4000, hostname: host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await watcher?.close();
    throw opts.onListenError ? opts.onListenError(error as Error) : error;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    session,
    watching: watcher?.ready ?? Promise.resolve(),
    async close() {
      await watcher?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams never end by themselves.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}

/**
 * A first-time user has an empty store; fetch the configured (or sample)
 * feeds once so the studio has something to show. Null when items exist.
 */
export async function refreshIfEmpty(ctx: AppContext, now: () => Date): Promise<RefreshSummary | null> {
  const feeds = await ctx.store.feeds.list();
  for (const f of feeds) if ((await ctx.store.items.countForFeed(f.id)) > 0) return null;
  return refreshFeeds(ctx, { now });
}
