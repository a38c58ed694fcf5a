// What every route module shares: the app context, clock, log, page
// rendering, the client's address and the token in a link. Built once per
// app by createWebApp and handed to each route module.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { listTitle, subscriptionOptions, type AppContext, type SubscriptionMailer, type SubscriptionOptions } from '../app/index.js';
import type { CompiledDigest } from '../render/index.js';
import type { SubscriberPreferences } from '../shared/types.js';
import type { PageName, PageTemplates } from './page-templates.js';
import type { RateLimitRule } from './rate-limit.js';

export type Env = { Bindings: HttpBindings };
export type C = Context<Env>;
export type PageStatus = 200 | 400 | 403 | 404 | 405 | 410 | 413 | 415 | 429 | 500 | 503;

export interface WebLimits {
  /** Sign-up (and resend) attempts per client IP. Over it: 429. */
  signupPerIp: RateLimitRule;
  /** Sign-up attempts per address. Over it: the usual page, but no mail (nothing to learn from it). */
  signupPerAddress: RateLimitRule;
  /** Confirmation attempts (POST /confirm) per client IP. Over it: 429. */
  confirmPerIp: RateLimitRule;
  /** Largest request body accepted (bytes); larger gets 413 before it is read. */
  bodyBytes: number;
}

export interface MessagePage {
  title: string;
  paragraphs: string[];
  tone?: 'ok' | 'error' | '';
  action?: { url: string; label: string; fields: Array<{ name: string; value: string }> };
  link?: { url: string; label: string };
}

export interface WebKit {
  ctx: Pick<AppContext, 'config' | 'store' | 'secret'>;
  mail: SubscriptionMailer;
  digest: CompiledDigest | null;
  /** Each digest's own compiled templates; undefined = `digest` for all. */
  templatesFor?: (digest: string) => Promise<CompiledDigest>;
  now: () => Date;
  log: (line: string) => void;
  limits: WebLimits;
  /** Path prefix of the public URL, without a trailing slash. */
  base: string;
  options: SubscriptionOptions;
  showDigests: boolean;
  page(c: C, name: PageName, data: Record<string, unknown>, status?: PageStatus): Response | Promise<Response>;
  message(c: C, m: MessagePage, status?: PageStatus): Response | Promise<Response>;
  clientIp(c: C): string;
  /** The token from a form field or the query; undefined when absent or absurdly long. */
  tokenFrom(c: C, formToken?: string): string | undefined;
  choicesWith(prefs: SubscriberPreferences, defaultAllDigests: boolean): unknown;
  /** Work that outlives the response (a mail on its way); drain() waits for it. */
  track(job: Promise<void>): void;
  drain(): Promise<void>;
}

const TOKEN_MAX = 400;

export function createWebKit(deps: {
  ctx: WebKit['ctx'];
  mail: SubscriptionMailer;
  digest: CompiledDigest | null;
  templatesFor?: (digest: string) => Promise<CompiledDigest>;
  pages: PageTemplates;
  now: () => Date;
  log: (line: string) => void;
  limits: WebLimits;
}): WebKit {
  const { ctx, pages, log } = deps;
  const { config } = ctx;
  const options = subscriptionOptions(config);
  const base = new URL(config.env.publicUrl).pathname.replace(/\/+$/, '');
  const site = { title: listTitle(config), base };
  // Mails still being handed to the relay; drain() waits for them on shutdown.
  const pending = new Set<Promise<void>>();

  const page: WebKit['page'] = (c, name, data, status = 200) => c.html(pages.render(name, { site, ...data }), status);

  return {
    ctx,
    mail: deps.mail,
    digest: deps.digest,
    templatesFor: deps.templatesFor,
    now: deps.now,
    log,
    limits: deps.limits,
    base,
    options,
    showDigests: options.digests.length > 1,
    page,
    message: (c, m, status = 200) =>
      page(c, 'message', { pageTitle: m.title, heading: m.title, paragraphs: m.paragraphs, tone: m.tone ?? '', action: m.action, link: m.link }, status),
    clientIp(c) {
      if (config.subscribe.trustProxy) {
        // Only the last hop was added by our own proxy; earlier entries are the client's to invent.
        const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
        if (forwarded && /^[0-9a-fA-F:.]{2,45}$/.test(forwarded)) return forwarded;
      }
      return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
    },
    tokenFrom(c, formToken) {
      const t = formToken ?? c.req.query('token');
      return t && t.length <= TOKEN_MAX ? t : undefined;
    },
    choicesWith: (prefs, defaultAllDigests) => ({
      digests: options.digests.map((d) => ({ ...d, checked: prefs.digests ? prefs.digests.includes(d.key) : defaultAllDigests })),
      regions: options.regions.map((r) => ({ ...r, checked: prefs.regions?.includes(r.key) ?? false })),
      topics: options.topics.map((t) => ({ ...t, checked: prefs.topics?.includes(t.key) ?? false })),
    }),
    track(job) {
      const p = job.catch((error: unknown) => log(`web: ${(error as Error)?.message ?? String(error)}`));
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
