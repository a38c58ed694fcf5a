// GET /unsubscribe shows a button; POST /unsubscribe acts (page or RFC 8058 one-click).
import type { Hono } from 'hono';
import { z } from 'zod';
import { subscriberFromToken, unsubscribeByToken } from '../../app/index.js';
import { HttpError } from '../http-error.js';
import { optionalFormField, readValidatedForm } from '../read-validated-form.js';
import type { C, Env, WebKit } from '../web-kit.js';

export const unsubscribeForm = z.object({ token: optionalFormField(), 'List-Unsubscribe': optionalFormField() });

export function registerUnsubscribeRoutes(app: Hono<Env>, kit: WebKit): void {
  async function showUnsubscribe(c: C) {
    const token = kit.tokenFrom(c);
    if (!token) {
      throw new HttpError(400, 'This unsubscribe link is incomplete. Please use the whole link from the bottom of a mail.');
    }
    // Checked now (and again on POST) so a broken link says so before the button, not after.
    if (!(await subscriberFromToken(kit.ctx, token, 'unsubscribe', kit.now())).ok) {
      throw new HttpError(400, 'This unsubscribe link is not valid. Please use the link from the bottom of a recent mail.');
    }
    return kit.message(c, {
      title: 'Unsubscribe',
      paragraphs: ['Press the button to stop receiving the digest. It takes effect at once, also for a mailing that is under way.'],
      action: { url: `${kit.base}/unsubscribe`, label: 'Unsubscribe', fields: [{ name: 'token', value: token }] },
    });
  }

  async function submitUnsubscribe(c: C) {
    const form = await readValidatedForm(c, unsubscribeForm);
    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the URL
    // from the header (token in the query) and wants a plain 200, no page.
    const oneClick = form['List-Unsubscribe'] === 'One-Click';
    const r = await unsubscribeByToken(kit.ctx, kit.tokenFrom(c, form.token), kit.now(), oneClick ? 'one-click' : 'page');
    if (oneClick) {
      c.header('cache-control', 'no-store');
      return r.ok ? c.text('Unsubscribed.\n', 200) : c.text('This unsubscribe link is not valid.\n', 400);
    }
    if (!r.ok) throw new HttpError(400, 'This unsubscribe link is not valid. Please use the link from the bottom of a recent mail.');
    return kit.message(c, {
      title: 'You are unsubscribed',
      tone: 'ok',
      paragraphs: ['You will not receive the digest any more, including any edition being sent right now.', 'Changed your mind? You can sign up again at any time.'],
      link: { url: `${kit.base}/`, label: 'Sign up again' },
    });
  }

  app.get('/unsubscribe', showUnsubscribe);
  app.post('/unsubscribe', submitUnsubscribe);
}
