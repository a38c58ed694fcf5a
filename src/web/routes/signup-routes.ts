// GET / (the sign-up form) and POST /subscribe (double opt-in request).
import { publishEvent } from '../../observability/events.js';
import type { Hono } from 'hono';
import { z } from 'zod';
import { requestSubscriptionInBackground } from '../../app/index.js';
import { InputError } from '../../shared/errors.js';
import { HttpError } from '../http-error.js';
import { createRateLimiter } from '../rate-limit.js';
import { formField, formList, readValidatedForm } from '../read-validated-form.js';
import type { C, Env, WebKit } from '../web-kit.js';

export const signupForm = z.object({
  email: formField(),
  /** The honeypot: people never see it, bots fill it. */
  website: formField(),
  digests: formList(),
  regions: formList(),
  topics: formList(),
});

export function registerSignupRoutes(app: Hono<Env>, kit: WebKit): void {
  const perIp = createRateLimiter(kit.limits.signupPerIp);
  const perAddress = createRateLimiter(kit.limits.signupPerAddress);

  const checkInbox = (c: C) =>
    kit.message(c, {
      title: 'Check your inbox',
      tone: 'ok',
      paragraphs: [
        'If that address can receive the digest, a confirmation link is on its way. Open it to start your subscription.',
        'Nothing arrives until you confirm. No mail after a few minutes? Look in the spam folder, or try again in an hour.',
      ],
    });

  function showSignup(c: C) {
    return kit.page(c, 'signup', { pageTitle: 'Subscribe', options: kit.choicesWith({}, true), showDigests: kit.showDigests });
  }

  async function submitSignup(c: C) {
    const ip = kit.clientIp(c);
    const at = kit.now();
    if (!perIp.take(ip, at.getTime())) {
      publishEvent({ type: 'signup-request', outcome: '429' });
      const retry = perIp.retryAfter(ip, at.getTime());
      throw new HttpError(429, 'Too many sign-up attempts from your network. Please wait a few minutes and try again.', {
        'retry-after': String(Math.max(1, retry)),
      });
    }
    const form = await readValidatedForm(c, signupForm);
    const prefs = { digests: form.digests, regions: form.regions, topics: form.topics };
    // Bots fill every field; people never see this one. Same answer, nothing sent.
    if (form.website !== '') return publishEvent({ type: 'signup-request', outcome: 'honeypot' }), checkInbox(c);
    const rawEmail = form.email;
    try {
      const key = rawEmail.trim().toLowerCase().slice(0, 300);
      if (!perAddress.take(key, at.getTime())) return publishEvent({ type: 'signup-request', outcome: 'address-limited' }), checkInbox(c);
      // Only the input is checked before answering; the store work and the
      // mail start after the response, so a new address, a pending one and an
      // active one are indistinguishable by timing as well as by content.
      const r = requestSubscriptionInBackground(kit.ctx, kit.mail, { email: rawEmail, preferences: prefs, source: 'web', ip, now: at });
      kit.track(
        r.done.then((outcome) => {
          publishEvent({ type: 'signup-request', outcome });
          if (outcome === 'send-failed') kit.log('web: a confirmation mail could not be sent (the address may retry at once)');
        }),
      );
      return checkInbox(c);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      publishEvent({ type: 'signup-request', outcome: 'invalid' });
      // The message says what is wrong with the address; the address itself is not shown back.
      const again = {
        digests: prefs.digests.length ? prefs.digests : undefined,
        regions: prefs.regions,
        topics: prefs.topics,
      };
      return kit.page(
        c,
        'signup',
        {
          pageTitle: 'Subscribe',
          error: error.message.slice(0, 200),
          options: kit.choicesWith(again, !again.digests),
          showDigests: kit.showDigests,
          openMore: prefs.regions.length + prefs.topics.length > 0,
        },
        400,
      );
    }
  }

  app.get('/', showSignup);
  app.get('/subscribe', (c) => c.redirect(`${kit.base}/`, 303));
  app.post('/subscribe', submitSignup);
}
