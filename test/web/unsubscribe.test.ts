// Unsubscribe: a one-button page on GET, RFC 8058 one-click on POST (plain
// 200, no page), both idempotent; forged, tampered and wrong-purpose tokens
// refused; and it takes effect for a send already under way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientLinks } from '../../src/deliver/index.js';
import { signToken } from '../../src/shared/tokens.js';
import type { Subscriber } from '../../src/shared/types.js';
import { makeEditionModel } from '../helpers/store-builders.js';
import { PUBLIC_URL, SECRET, startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('/unsubscribe', () => {
  let s: WebStack;
  let ada: Subscriber;
  let bob: Subscriber;
  let links: ReturnType<typeof recipientLinks>;

  beforeEach(async () => {
    s = await startWebStack();
    const now = new Date(s.clock.now);
    ada = (await s.ctx.store.subscribers.add({ email: 'ada@example.org', status: 'active', now })).subscriber;
    bob = (await s.ctx.store.subscribers.add({ email: 'bob@example.org', status: 'active', now })).subscriber;
    links = recipientLinks({ publicUrl: PUBLIC_URL, secret: SECRET, subscriberId: ada.id, unsubscribeMailbox: 'unsubscribe@news.example.org' });
  });
  afterEach(() => s.close());

  const status = async (email: string) => (await s.subscriber(email))?.status;

  it('GET shows one button and changes nothing', async () => {
    const res = await fetch(s.local(links.unsubscribeUrl));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<form method="post" action="\/unsubscribe">/);
    expect(html).toContain('<button type="submit" class="button">Unsubscribe</button>');
    expect(await status('ada@example.org')).toBe('active');
  });

  it('one-click POST (RFC 8058) unsubscribes at once with a bare 200, and again is still 200', async () => {
    const url = s.local(links.unsubscribeUrl);
    const first = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await first.text()).toBe('Unsubscribed.\n');
    expect(await status('ada@example.org')).toBe('unsubscribed');
    const again = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(again.status).toBe(200);
    expect(await status('ada@example.org')).toBe('unsubscribed');
    expect(await status('bob@example.org')).toBe('active');
  });

  it('one-click as multipart/form-data works too', async () => {
    const fd = new FormData();
    fd.append('List-Unsubscribe', 'One-Click');
    const res = await fetch(s.local(links.unsubscribeUrl), { method: 'POST', body: fd });
    expect(res.status).toBe(200);
    expect(await status('ada@example.org')).toBe('unsubscribed');
  });

  it('the page button POSTs the token as a field and shows a confirmation page', async () => {
    const token = new URL(links.unsubscribeUrl).searchParams.get('token') ?? '';
    const res = await s.postForm('/unsubscribe', { token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    expect(await status('ada@example.org')).toBe('unsubscribed');
  });

  it('leaves bounced addresses bounced', async () => {
    await s.ctx.store.subscribers.setStatus(ada.id, 'bounced', new Date(s.clock.now));
    const res = await fetch(s.local(links.unsubscribeUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await status('ada@example.org')).toBe('bounced');
  });

  function tamper(token: string, sub: number): string {
    const [payload, sig] = token.split('.') as [string, string];
    const wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: number };
    wire.s = sub;
    return `${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${sig}`;
  }

  it.each([
    ['a token with another subscriber id pasted in', () => tamper(signToken(SECRET, { sub: 1, purpose: 'unsubscribe' }), 2)],
    ['a preferences token (wrong purpose)', () => signToken(SECRET, { sub: 2, purpose: 'preferences' })],
    ['a token signed with another secret', () => signToken('another-secret-0123456789abcdef', { sub: 2, purpose: 'unsubscribe' })],
    ['garbage', () => '<script>alert(1)</script>'],
  ])('refuses %s (one-click 400, page 400) and leaves everyone subscribed', async (_label, make) => {
    const token = make();
    const oneClick = await fetch(`${s.url}/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(400);
    const page = await s.postForm('/unsubscribe', { token });
    expect(page.status).toBe(400);
    expect((await fetch(`${s.url}/unsubscribe?token=${encodeURIComponent(token)}`)).status).toBe(400);
    expect(await page.text()).not.toContain('<script>alert');
    expect(await status('ada@example.org')).toBe('active');
    expect(await status('bob@example.org')).toBe('active');
    expect(bob.id).toBe(2);
  });

  it('takes effect for a send under way: the remaining delivery is skipped', async () => {
    const now = new Date(s.clock.now);
    const { edition } = await s.ctx.store.editions.create({
      digest: 'daily',
      slot: 'test',
      windowStart: now,
      windowEnd: now,
      subject: 'Daily Brief',
      itemIds: [],
      model: makeEditionModel(),
      now,
    });
    expect(await s.ctx.store.deliveries.enqueue(edition.id, now)).toBe(2);
    await fetch(s.local(links.unsubscribeUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const batch = await s.ctx.store.deliveries.nextBatch(edition.id, 0, 10);
    expect(batch.map((t) => t.email)).toEqual(['bob@example.org']);
    expect(await s.ctx.store.deliveries.counts(edition.id)).toMatchObject({ pending: 1, skipped: 1 });
  });
});
