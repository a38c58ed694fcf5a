// Studio additions of issue 12, kept apart from the studio's own files:
// readable headers (encoded words decoded, folded lines joined), the mail as
// seen in dark mode or with images off, an image check that loads every
// image, and the "send test" form's route.
import type { Context, Hono } from 'hono';
import libmime from 'libmime';
import { normaliseEmail, openMailer } from '../app/index.js';
import { InputError } from '../shared/errors.js';
import type { CopyCheck } from './check-copy.js';
import { sendTestCopy } from './send-test-copy.js';
import type { CopySelection, StudioSession } from './studio-session.js';

/**
 * The header block for a person: folded lines joined, RFC 2047 encoded words
 * (`=?UTF-8?B?…?=`) decoded. What the relay receives stays in /render/headers.
 */
export function readableHeaders(raw: string): string {
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded
    .split(/\r?\n/)
    .map((line) => {
      if (!/=\?[^?]+\?[bBqQ]\?/.test(line)) return line;
      try {
        return libmime.decodeWords(line);
      } catch {
        return line;
      }
    })
    .join('\n');
}

export type MailMode = 'dark' | 'images-off';

/**
 * The mail as a client would show it: `dark` recolours it the way clients with
 * forced dark mode do (a declared dark scheme, then colours inverted with the
 * hue kept, images inverted back); `images-off` blocks every image so the alt
 * texts and the layout without images show.
 */
export function mailForMode(html: string, mode: MailMode): string {
  const head = (extra: string) => (/<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => `${h}${extra}`) : `${extra}${html}`);
  if (mode === 'dark') {
    return head(
      '<meta name="color-scheme" content="dark"><style>html{background:#fff;filter:invert(1) hue-rotate(180deg)}img,video,[style*="background-image"]{filter:invert(1) hue-rotate(180deg)}</style>',
    );
  }
  // An image URL the mail CSP refuses: the browser shows the alt text instead.
  return head('<style>img{outline:1px dashed #b0b0b0}</style>').replace(/(<img\b[^>]*?\bsrc\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/gi, '$1"about:blank#image-off"');
}

export interface ImageLoadResult {
  src: string;
  ok: boolean;
  reason: string | null;
}

/** Every distinct image URL of a mail (http, https, data). */
export function imageSources(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const src = (m[2] ?? m[3] ?? m[4] ?? '').replace(/&amp;/g, '&').trim();
    if (src) out.add(src);
  }
  return [...out];
}

/**
 * Loads each image once (GET, at most `timeoutMs`, 4 at a time) and says which
 * are broken: an error status, not an image, or no answer. This is the one
 * check that touches the network, so it runs only when the studio page asks.
 */
export async function loadImages(html: string, opts: { timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<ImageLoadResult[]> {
  const get = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const sources = imageSources(html).slice(0, 50);
  const results: ImageLoadResult[] = [];
  const one = async (src: string): Promise<ImageLoadResult> => {
    if (src.startsWith('data:')) return { src, ok: /^data:image\//i.test(src), reason: /^data:image\//i.test(src) ? null : 'data URL that is not an image' };
    if (!/^https?:\/\//i.test(src)) return { src, ok: false, reason: 'not an http(s) URL: mail clients cannot load it' };
    try {
      const res = await get(src, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      const type = res.headers.get('content-type') ?? '';
      await res.body?.cancel().catch(() => undefined);
      if (!res.ok) return { src, ok: false, reason: `HTTP ${res.status}` };
      if (!/^image\//i.test(type)) return { src, ok: false, reason: `not an image (${type || 'no content type'})` };
      return { src, ok: true, reason: null };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      return { src, ok: false, reason: e.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : (e.cause?.code ?? e.message) };
    }
  };
  for (let i = 0; i < sources.length; i += 4) results.push(...(await Promise.all(sources.slice(i, i + 4).map(one))));
  return results;
}

export function imageLoadCheck(results: ImageLoadResult[]): CopyCheck {
  const broken = results.filter((r) => !r.ok);
  if (results.length === 0) return { id: 'image-load', label: 'Images load', status: 'ok', detail: 'no images' };
  if (broken.length === 0) return { id: 'image-load', label: 'Images load', status: 'ok', detail: `all ${results.length} loaded` };
  const list = broken
    .slice(0, 3)
    .map((b) => `${b.src.length > 60 ? `${b.src.slice(0, 57)}…` : b.src} (${b.reason})`)
    .join('; ');
  return {
    id: 'image-load',
    label: 'Images load',
    status: 'fail',
    detail: `${broken.length} of ${results.length} broken: ${list}${broken.length > 3 ? '; …' : ''}`,
  };
}

/**
 * POST /send-test (form: to, plus the selection fields): mails the shown copy
 * once, like `dispatch preview --send-test`. Only from the studio's own pages:
 * the Origin must be the studio (a page elsewhere cannot make it send).
 */
export function mountSendTest(app: Hono, opts: { session: StudioSession; readSelection: (c: Context) => CopySelection; now: () => Date }): void {
  app.post('/send-test', async (c) => {
    const origin = c.req.header('origin');
    const self = new URL(c.req.url).origin;
    if (origin !== self && origin !== `http://${c.req.header('host')}`) return c.text('Send test mails from the studio page.', 403);
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const back = new URLSearchParams();
    for (const k of ['digest', 'edition', 'subscriber', 'regions', 'topics', 'view']) if (field(k)) back.set(k, field(k));
    let to: string;
    try {
      to = normaliseEmail(field('to'));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      back.set('sent', `not sent: ${error.message}`);
      return c.redirect(`/?${back}`, 303);
    }
    const selection = opts.readSelection(c);
    const shown = await opts.session.show(
      {
        ...selection,
        digest: field('digest') || selection.digest,
        editionId: /^\d+$/.test(field('edition')) ? Number(field('edition')) : null,
        subscriberId: /^\d+$/.test(field('subscriber')) ? Number(field('subscriber')) : null,
      },
      opts.now(),
    );
    const ctx = opts.session.context();
    const mailer = openMailer(ctx.config);
    try {
      const outcome = await sendTestCopy(shown.copy, to, mailer, { from: ctx.config.sending.from });
      back.set('sent', outcome.ok ? `sent a test to ${to}${mailer.kind === 'outbox' ? ' (to the local inbox: DISPATCH_SMTP_URL is not set)' : ''}` : `the test to ${to} failed: ${outcome.reply}`);
    } finally {
      await mailer.close();
    }
    return c.redirect(`/?${back}`, 303);
  });
}
