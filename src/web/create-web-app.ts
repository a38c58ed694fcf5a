// The web side of `dispatch serve`: sign-up with double opt-in, confirmation,
// unsubscribe (page and RFC 8058 one-click), preferences, the edition archive
// and a health check. Handlers are named by what they do; every failure is an
// HttpError whose message is safe to show and never repeats the input.
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  confirmSubscription,
  listTitle,
  requestSubscription,
  savePreferences,
  subscriberFromToken,
  subscriptionOptions,
  unsubscribeByToken,
  type AppContext,
  type SubscriptionMailer,
  type SubscriptionOptions,
} from '../app/index.js';
import type { CompiledDigest } from '../render/index.js';
import { builtinTemplatesDir } from '../render/index.js';
import { InputError } from '../shared/errors.js';
import { signToken } from '../shared/tokens.js';
import type { SubscriberPreferences } from '../shared/types.js';
import { HttpError } from './http-error.js';
import { loadPageTemplates, type PageName, type PageTemplates } from './page-templates.js';
import { createRateLimiter, type RateLimitRule } from './rate-limit.js';
import { mountArchiveRoutes } from './archive-routes.js';
import { PAGE_CSP, securityHeaders } from './security-headers.js';

export interface WebLimits {
  /** Sign-up (and resend) attempts per client IP. Over it: 429. */
  signupPerIp: RateLimitRule;
  /** Sign-up attempts per address. Over it: the usual page, but no mail (nothing to learn from it). */
  signupPerAddress: RateLimitRule;
  /** Largest request body accepted (bytes); larger gets 413 before it is read. */
  bodyBytes: number;
}

export const DEFAULT_WEB_LIMITS: WebLimits = {
  signupPerIp: { capacity: 20, refillPerMinute: 2 },
  signupPerAddress: { capacity: 3, refillPerMinute: 0.1 },
  bodyBytes: 16 * 1024,
};

export interface WebAppDeps {
  ctx: Pick<AppContext, 'config' | 'store' | 'secret'>;
  mail: SubscriptionMailer;
  /** The compiled digest, to show archived editions; null = archive pages off. */
  digest: CompiledDigest | null;
  pages?: PageTemplates;
  now?: () => Date;
  limits?: Partial<WebLimits>;
  /** GET /healthz body; default `{ ok: true }` after a database round trip. */
  health?: () => Promise<unknown>;
  /** Operator log (one line per unexpected event); default stderr. */
  log?: (line: string) => void;
}

type Env = { Bindings: HttpBindings };
type C = Context<Env>;

interface FormValues {
  get(name: string): string | undefined;
  getAll(name: string): string[];
}

const TOKEN_MAX = 400;

/** The Hono app plus drain(): resolves once every confirmation mail already accepted for sending has been handed over. */
export type WebApp = Hono<Env> & { drain(): Promise<void> };

export function createWebApp(deps: WebAppDeps): WebApp {
  const { ctx, mail } = deps;
  const { config, store } = ctx;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const limits: WebLimits = { ...DEFAULT_WEB_LIMITS, ...deps.limits };
  const pages = deps.pages ?? loadPageTemplates({ builtinDir: builtinTemplatesDir(), overrideDir: config.templatesDir });
  const perIp = createRateLimiter(limits.signupPerIp);
  const perAddress = createRateLimiter(limits.signupPerAddress);
  const options = subscriptionOptions(config);
  const base = new URL(config.env.publicUrl).pathname.replace(/\/+$/, '');
  const site = { title: listTitle(config), base };
  const showDigests = options.digests.length > 1;
  // Mails still being handed to the relay; drain() waits for them on shutdown.
  const pending = new Set<Promise<void>>();
  const track = (job: Promise<void>): void => {
    const p = job.catch((error: unknown) => log(`web: ${(error as Error)?.message ?? String(error)}`));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const page = (c: C, name: PageName, data: Record<string, unknown>, status: 200 | 400 | 403 | 404 | 405 | 410 | 413 | 415 | 429 | 500 | 503 = 200) =>
    c.html(pages.render(name, { site, ...data }), status);

  const message = (
    c: C,
    m: {
      title: string;
      paragraphs: string[];
      tone?: 'ok' | 'error' | '';
      action?: { url: string; label: string; fields: Array<{ name: string; value: string }> };
      link?: { url: string; label: string };
    },
    status: 200 | 400 | 403 | 404 | 405 | 410 | 413 | 415 | 429 | 500 | 503 = 200,
  ) => page(c, 'message', { pageTitle: m.title, heading: m.title, paragraphs: m.paragraphs, tone: m.tone ?? '', action: m.action, link: m.link }, status);

  const clientIp = (c: C): string => {
    if (config.subscribe.trustProxy) {
      // Only the last hop was added by our own proxy; earlier entries are the client's to invent.
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded && /^[0-9a-fA-F:.]{2,45}$/.test(forwarded)) return forwarded;
    }
    return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
  };

  async function readForm(c: C): Promise<FormValues> {
    const type = c.req.header('content-type') ?? '';
    if (!/^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      throw new HttpError(415, 'This address only accepts a web form.');
    }
    let fd: FormData;
    try {
      fd = await c.req.formData();
    } catch {
      throw new HttpError(400, 'The form could not be read. Please try again.');
    }
    const strings = (name: string) => fd.getAll(name).filter((v): v is string => typeof v === 'string');
    return {
      get: (name) => strings(name)[0],
      getAll: (name) => strings(name).slice(0, 50),
    };
  }

  const choicesWith = (opts: SubscriptionOptions, prefs: SubscriberPreferences, defaultAllDigests: boolean) => ({
    digests: opts.digests.map((d) => ({ ...d, checked: prefs.digests ? prefs.digests.includes(d.key) : defaultAllDigests })),
    regions: opts.regions.map((r) => ({ ...r, checked: prefs.regions?.includes(r.key) ?? false })),
    topics: opts.topics.map((t) => ({ ...t, checked: prefs.topics?.includes(t.key) ?? false })),
  });

  const tokenFrom = (c: C, form?: FormValues): string | undefined => {
    const t = form?.get('token') ?? c.req.query('token');
    return t && t.length <= TOKEN_MAX ? t : undefined;
  };

  const checkInbox = (c: C) =>
    message(c, {
      title: 'Check your inbox',
      tone: 'ok',
      paragraphs: [
        'If that address can receive the digest, a confirmation link is on its way. Open it to start your subscription.',
        'Nothing arrives until you confirm. No mail after a few minutes? Look in the spam folder, or try again in an hour.',
      ],
    });

  // ---- handlers ----

  function showSignup(c: C) {
    return page(c, 'signup', { pageTitle: 'Subscribe', options: choicesWith(options, {}, true), showDigests });
  }

  async function submitSignup(c: C) {
    const ip = clientIp(c);
    const at = now();
    if (!perIp.take(ip, at.getTime())) {
      const retry = perIp.retryAfter(ip, at.getTime());
      throw new HttpError(429, 'Too many sign-up attempts from your network. Please wait a few minutes and try again.', {
        'retry-after': String(Math.max(1, retry)),
      });
    }
    const form = await readForm(c);
    const prefs = { digests: form.getAll('digests'), regions: form.getAll('regions'), topics: form.getAll('topics') };
    // Bots fill every field; people never see this one. Same answer, nothing sent.
    if ((form.get('website') ?? '') !== '') return checkInbox(c);
    const rawEmail = form.get('email') ?? '';
    try {
      const key = rawEmail.trim().toLowerCase().slice(0, 300);
      if (!perAddress.take(key, at.getTime())) return checkInbox(c);
      const r = await requestSubscription(ctx, mail, { email: rawEmail, preferences: prefs, source: 'web', ip, now: at });
      // Not awaited: answering before the relay does keeps a new address and a
      // known one indistinguishable by timing as well as by content.
      if (r.delivery) track(r.delivery.then((outcome) => {
        if (outcome === 'send-failed') log('web: a confirmation mail could not be sent (the address may retry at once)');
      }));
      return checkInbox(c);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // The message says what is wrong with the address; the address itself is not shown back.
      const again = {
        digests: prefs.digests.length ? prefs.digests : undefined,
        regions: prefs.regions,
        topics: prefs.topics,
      };
      return page(
        c,
        'signup',
        {
          pageTitle: 'Subscribe',
          error: error.message.slice(0, 200),
          options: choicesWith(options, again, !again.digests),
          showDigests,
          openMore: prefs.regions.length + prefs.topics.length > 0,
        },
        400,
      );
    }
  }

  function redirectHome(c: C) {
    return c.redirect(`${base}/`, 303);
  }

  // GET only shows a button: link scanners in mail systems open every link,
  // and must not be able to confirm a subscription on the reader's behalf.
  function showConfirm(c: C) {
    const token = tokenFrom(c);
    if (!token) throw new HttpError(400, 'This confirmation link is incomplete. Please use the whole link from the mail.');
    return message(c, {
      title: 'Confirm your subscription',
      paragraphs: ['One more step: press the button to start receiving the digest.'],
      action: { url: `${base}/confirm`, label: 'Confirm my subscription', fields: [{ name: 'token', value: token }] },
    });
  }

  async function submitConfirm(c: C) {
    const form = await readForm(c);
    const r = await confirmSubscription(ctx, mail, { token: tokenFrom(c, form), ip: clientIp(c), now: now() });
    if (!r.ok) {
      const why =
        r.reason === 'expired'
          ? 'This confirmation link has expired.'
          : r.reason === 'used'
            ? 'This confirmation link has already been used.'
            : 'This confirmation link is not valid.';
      return message(
        c,
        {
          title: 'Link not valid',
          tone: 'error',
          paragraphs: [why, 'Sign up again to get a new link.'],
          link: { url: `${base}/`, label: 'Sign up again' },
        },
        r.reason === 'unknown' ? 400 : 410,
      );
    }
    if (!r.welcomeSent && !r.alreadyConfirmed) log('web: welcome mail could not be sent (subscription is active)');
    return message(c, {
      title: r.alreadyConfirmed ? 'Already confirmed' : 'Welcome aboard',
      tone: 'ok',
      paragraphs: [
        r.alreadyConfirmed
          ? 'Your subscription is already active.'
          : 'Your subscription is confirmed. The next edition will arrive on its usual schedule.',
        'Every mail has links to change your preferences or to unsubscribe with one click.',
      ],
    });
  }

  async function showUnsubscribe(c: C) {
    const token = tokenFrom(c);
    if (!token) {
      throw new HttpError(400, 'This unsubscribe link is incomplete. Please use the whole link from the bottom of a mail.');
    }
    // Checked now (and again on POST) so a broken link says so before the button, not after.
    if (!(await subscriberFromToken(ctx, token, 'unsubscribe', now())).ok) {
      throw new HttpError(400, 'This unsubscribe link is not valid. Please use the link from the bottom of a recent mail.');
    }
    return message(c, {
      title: 'Unsubscribe',
      paragraphs: ['Press the button to stop receiving the digest. It takes effect at once, also for a mailing that is under way.'],
      action: { url: `${base}/unsubscribe`, label: 'Unsubscribe', fields: [{ name: 'token', value: token }] },
    });
  }

  async function submitUnsubscribe(c: C) {
    const form = await readForm(c);
    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the URL
    // from the header (token in the query) and wants a plain 200, no page.
    const oneClick = form.get('List-Unsubscribe') === 'One-Click';
    const r = await unsubscribeByToken(ctx, tokenFrom(c, form), now());
    if (oneClick) {
      c.header('cache-control', 'no-store');
      return r.ok ? c.text('Unsubscribed.\n', 200) : c.text('This unsubscribe link is not valid.\n', 400);
    }
    if (!r.ok) throw new HttpError(400, 'This unsubscribe link is not valid. Please use the link from the bottom of a recent mail.');
    return message(c, {
      title: 'You are unsubscribed',
      tone: 'ok',
      paragraphs: ['You will not receive the digest any more, including any edition being sent right now.', 'Changed your mind? You can sign up again at any time.'],
      link: { url: `${base}/`, label: 'Sign up again' },
    });
  }

  function preferencesPage(c: C, subscriber: { id: number; email: string; status: string; preferences: SubscriberPreferences }, token: string, saved: boolean) {
    return page(c, 'preferences', {
      pageTitle: 'Your preferences',
      email: subscriber.email,
      status: subscriber.status,
      active: subscriber.status === 'active',
      saved,
      token,
      unsubscribeToken: signToken(ctx.secret, { sub: subscriber.id, purpose: 'unsubscribe' }),
      showDigests,
      options: choicesWith(options, subscriber.preferences, true),
    });
  }

  async function showPreferences(c: C) {
    const token = tokenFrom(c);
    const r = await subscriberFromToken(ctx, token, 'preferences', now());
    if (!r.ok || !token) throw new HttpError(400, 'This preferences link is not valid. Please use the link from the bottom of a recent mail.');
    return preferencesPage(c, r.subscriber, token, false);
  }

  async function submitPreferences(c: C) {
    const form = await readForm(c);
    const token = tokenFrom(c, form);
    const r = await savePreferences(
      ctx,
      token,
      { digests: form.getAll('digests'), regions: form.getAll('regions'), topics: form.getAll('topics') },
      now(),
    );
    if (!r.ok || !token) throw new HttpError(400, 'This preferences link is not valid. Please use the link from the bottom of a recent mail.');
    return preferencesPage(c, r.subscriber, token, true);
  }

  function serveStyle(c: C) {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(pages.css);
  }

  async function reportHealth(c: C) {
    c.header('cache-control', 'no-store');
    try {
      const body = deps.health ? await deps.health() : (await store.subscribers.get(0), { ok: true });
      const ok = typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok !== false;
      return c.json(body as object, ok ? 200 : 503);
    } catch (error) {
      log(`healthz: ${(error as Error).message}`);
      return c.json({ ok: false }, 503);
    }
  }

  // ---- wiring ----

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
  app.get('/', showSignup);
  app.get('/subscribe', redirectHome);
  app.post('/subscribe', submitSignup);
  app.get('/confirm', showConfirm);
  app.post('/confirm', submitConfirm);
  app.get('/unsubscribe', showUnsubscribe);
  app.post('/unsubscribe', submitUnsubscribe);
  app.get('/preferences', showPreferences);
  app.post('/preferences', submitPreferences);
  // The public archive and its Atom feed (archive-routes.ts).
  mountArchiveRoutes(app, { ctx, digest: deps.digest, base, siteTitle: site.title, listPage: (c, data) => page(c as C, 'editions', data) });
  app.get('/style.css', serveStyle);
  app.get('/healthz', reportHealth);
  // Browsers ask on every first visit; an empty answer beats a logged 404.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.notFound((c) => message(c as C, { title: 'Not found', tone: 'error', paragraphs: ['There is no page at this address.'], link: { url: `${base}/`, label: 'Go to the sign-up page' } }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
      return message(c as C, { title: titleFor(error.status), tone: 'error', paragraphs: [error.message] }, error.status);
    }
    log(`web: ${c.req.method} ${new URL(c.req.url).pathname}: ${(error as Error)?.stack ?? String(error)}`);
    return message(c as C, { title: 'Something went wrong', tone: 'error', paragraphs: ['Something went wrong on our side. Please try again later.'] }, 500);
  });
  return Object.assign(app, {
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  });
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
