// GET /preferences shows a reader's choices; POST /preferences saves them.
import type { Hono } from 'hono';
import { z } from 'zod';
import { savePreferences, subscriberFromToken, unsubscribeTokenFor } from '../../app/index.js';
import type { Subscriber } from '../../shared/types.js';
import { HttpError } from '../http-error.js';
import { formList, optionalFormField, readValidatedForm } from '../read-validated-form.js';
import type { C, Env, WebKit } from '../web-kit.js';

export const preferencesForm = z.object({
  token: optionalFormField(),
  digests: formList(),
  regions: formList(),
  topics: formList(),
});

const INVALID = 'This preferences link is not valid. Please use the link from the bottom of a recent mail.';

export function registerPreferencesRoutes(app: Hono<Env>, kit: WebKit): void {
  function preferencesPage(c: C, subscriber: Subscriber, token: string, saved: boolean) {
    return kit.page(c, 'preferences', {
      pageTitle: 'Your preferences',
      email: subscriber.email,
      status: subscriber.status,
      active: subscriber.status === 'active',
      saved,
      token,
      unsubscribeToken: unsubscribeTokenFor(kit.ctx, subscriber.id),
      showDigests: kit.showDigests,
      options: kit.choicesWith(subscriber.preferences, true),
    });
  }

  async function showPreferences(c: C) {
    const token = kit.tokenFrom(c);
    const r = await subscriberFromToken(kit.ctx, token, 'preferences', kit.now());
    if (!r.ok || !token) throw new HttpError(400, INVALID);
    return preferencesPage(c, r.subscriber, token, false);
  }

  async function submitPreferences(c: C) {
    const form = await readValidatedForm(c, preferencesForm);
    const token = kit.tokenFrom(c, form.token);
    const r = await savePreferences(kit.ctx, token, { digests: form.digests, regions: form.regions, topics: form.topics }, kit.now());
    if (!r.ok || !token) throw new HttpError(400, INVALID);
    return preferencesPage(c, r.subscriber, token, true);
  }

  app.get('/preferences', showPreferences);
  app.post('/preferences', submitPreferences);
}
