// GET /confirm shows a button; POST /confirm uses the confirmation token.
import type { Hono } from 'hono';
import { z } from 'zod';
import { confirmSubscription } from '../../app/index.js';
import { HttpError } from '../http-error.js';
import { createRateLimiter } from '../rate-limit.js';
import { optionalFormField, readValidatedForm } from '../read-validated-form.js';
import type { C, Env, WebKit } from '../web-kit.js';

export const tokenForm = z.object({ token: optionalFormField() });

export function registerConfirmRoutes(app: Hono<Env>, kit: WebKit): void {
  const perIp = createRateLimiter(kit.limits.confirmPerIp);

  // GET only shows a button: link scanners in mail systems open every link,
  // and must not be able to confirm a subscription on the reader's behalf.
  function showConfirm(c: C) {
    const token = kit.tokenFrom(c);
    if (!token) throw new HttpError(400, 'This confirmation link is incomplete. Please use the whole link from the mail.');
    return kit.message(c, {
      title: 'Confirm your subscription',
      paragraphs: ['One more step: press the button to start receiving the digest.'],
      action: { url: `${kit.base}/confirm`, label: 'Confirm my subscription', fields: [{ name: 'token', value: token }] },
    });
  }

  async function submitConfirm(c: C) {
    const ip = kit.clientIp(c);
    const at = kit.now().getTime();
    if (!perIp.take(ip, at)) {
      throw new HttpError(429, 'Too many confirmation attempts from your network. Please wait a few minutes and try again.', {
        'retry-after': String(Math.max(1, perIp.retryAfter(ip, at))),
      });
    }
    const form = await readValidatedForm(c, tokenForm);
    const r = await confirmSubscription(kit.ctx, kit.mail, { token: kit.tokenFrom(c, form.token), ip: kit.clientIp(c), now: kit.now() });
    if (!r.ok) {
      const why =
        r.reason === 'expired'
          ? 'This confirmation link has expired.'
          : r.reason === 'used'
            ? 'This confirmation link has already been used.'
            : 'This confirmation link is not valid.';
      return kit.message(
        c,
        {
          title: 'Link not valid',
          tone: 'error',
          paragraphs: [why, 'Sign up again to get a new link.'],
          link: { url: `${kit.base}/`, label: 'Sign up again' },
        },
        r.reason === 'unknown' ? 400 : 410,
      );
    }
    if (!r.welcomeSent && !r.alreadyConfirmed) kit.log('web: welcome mail could not be sent (subscription is active)');
    return kit.message(c, {
      title: r.alreadyConfirmed ? 'Already confirmed' : 'Welcome aboard',
      tone: 'ok',
      paragraphs: [
        r.alreadyConfirmed ? 'Your subscription is already active.' : 'Your subscription is confirmed. The next edition will arrive on its usual schedule.',
        'Every mail has links to change your preferences or to unsubscribe with one click.',
      ],
    });
  }

  app.get('/confirm', showConfirm);
  app.post('/confirm', submitConfirm);
}
