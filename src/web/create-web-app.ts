// The web side of `dispatch serve`: sign-up with double opt-in, confirmation,
// unsubscribe (page and RFC 8058 one-click), preferences, the edition archive
// and a health check. This file only wires: each route module under routes/
// calls app/ use cases, and every failure is an HttpError whose message is
// safe to show and never repeats the input.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext, SubscriptionMailer } from '../app/index.js';
import type { CompiledDigest } from '../render/index.js';
import { builtinTemplatesDir } from '../render/index.js';
import { HttpError } from './http-error.js';
import { loadPageTemplates, type PageTemplates } from './page-templates.js';
import { registerArchiveRoutes } from './routes/archive-routes.js';
import { registerConfirmRoutes } from './routes/confirm-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerPreferencesRoutes } from './routes/preferences-routes.js';
import { registerSignupRoutes } from './routes/signup-routes.js';
import { registerUnsubscribeRoutes } from './routes/unsubscribe-routes.js';
import { PAGE_CSP, securityHeaders } from './security-headers.js';
import { createWebKit, type C, type Env, type WebLimits } from './web-kit.js';

export type { WebLimits } from './web-kit.js';

export const DEFAULT_WEB_LIMITS: WebLimits = {
  signupPerIp: { capacity: 20, refillPerMinute: 2 },
  signupPerAddress: { capacity: 3, refillPerMinute: 0.1 },
  // Tokens are 256-bit, so guessing is hopeless anyway; the limit keeps a
  // guesser from turning the database into the bottleneck.
  confirmPerIp: { capacity: 20, refillPerMinute: 2 },
  bodyBytes: 16 * 1024,
};

export interface WebAppDeps {
  ctx: Pick<AppContext, 'config' | 'store' | 'secret'>;
  mail: SubscriptionMailer;
  /** The compiled digest, to show archived editions; null = archive pages off. */
  digest: CompiledDigest | null;
  /** Each digest's own compiled templates (digests[].templates); default: `digest` for all. */
  templatesFor?: (digest: string) => Promise<CompiledDigest>;
  pages?: PageTemplates;
  now?: () => Date;
  limits?: Partial<WebLimits>;
  /** GET /healthz body; default the public health (status, last slot outcomes, counts; nothing secret). */
  health?: () => Promise<unknown>;
  /** Operator log (one line per unexpected event); default stderr. */
  log?: (line: string) => void;
}

/** The Hono app plus drain(): resolves once every confirmation mail already accepted for sending has been handed over. */
export type WebApp = Hono<Env> & { drain(): Promise<void> };

export function createWebApp(deps: WebAppDeps): WebApp {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limits: WebLimits = { ...DEFAULT_WEB_LIMITS, ...deps.limits };
  const pages = deps.pages ?? loadPageTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: deps.ctx.config.templatesDir });
  const kit = createWebKit({ ctx: deps.ctx, mail: deps.mail, digest: deps.digest, templatesFor: deps.templatesFor, pages, now: deps.now ?? (() => new Date()), log, limits });

  const app = new Hono<Env>();
  app.use('*', securityHeaders(PAGE_CSP));
  app.use(
    '*',
    bodyLimit({
      maxSize: limits.bodyBytes,
      onError: () => {
        throw new HttpError(413, 'That request was too large.', { connection: 'close' });
      },
    }),
  );
  registerSignupRoutes(app, kit);
  registerConfirmRoutes(app, kit);
  registerUnsubscribeRoutes(app, kit);
  registerPreferencesRoutes(app, kit);
  registerArchiveRoutes(app, kit);
  app.get('/style.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(pages.css);
  });
  registerHealthRoutes(app, kit, deps.health);
  // Browsers ask on every first visit; an empty answer beats a logged 404.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.notFound((c) =>
    kit.message(c as C, { title: 'Not found', tone: 'error', paragraphs: ['There is no page at this address.'], link: { url: `${kit.base}/`, label: 'Go to the sign-up page' } }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
      return kit.message(c as C, { title: titleFor(error.status), tone: 'error', paragraphs: [error.message] }, error.status);
    }
    log(`web: ${c.req.method} ${new URL(c.req.url).pathname}: ${(error as Error)?.stack ?? String(error)}`);
    return kit.message(c as C, { title: 'Something went wrong', tone: 'error', paragraphs: ['Something went wrong on our side. Please try again later.'] }, 500);
  });
  return Object.assign(app, { drain: () => kit.drain() });
}

function titleFor(status: number): string {
  switch (status) {
    case 404:
      return 'Not found';
    case 413:
      return 'Request too large';
    case 429:
      return 'Please slow down';
    case 503:
      return 'Please try again';
    default:
      return 'That did not work';
  }
}
