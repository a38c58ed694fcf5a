// The preferences page from the signed link: shows and saves at once; unknown
// or hostile values are dropped; wrong and tampered tokens are refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientLinks } from '../../src/deliver/index.js';
import { signToken } from '../../src/shared/tokens.js';
import type { Subscriber } from '../../src/shared/types.js';
import { PUBLIC_URL, SECRET, startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('/preferences', () => {
  let s: WebStack;
  let ada: Subscriber;
  let token: string;

  beforeEach(async () => {
    s = await startWebStack({ digests: [{ name: 'daily', title: 'Daily Brief' }, { name: 'weekly', title: 'Weekly Review' }] });
    ada = (
      await s.ctx.store.subscribers.add({ email: 'ada@example.org', status: 'active', preferences: { regions: ['europe'] }, now: new Date(s.clock.now) })
    ).subscriber;
    const links = recipientLinks({ publicUrl: PUBLIC_URL, secret: SECRET, subscriberId: ada.id, unsubscribeMailbox: 'unsubscribe@news.example.org' });
    token = new URL(links.preferencesUrl).searchParams.get('token') ?? '';
  });
  afterEach(() => s.close());

  it('GET shows the current choices', async () => {
    const res = await fetch(`${s.url}/preferences?token=${token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<strong>ada@example.org</strong>');
    expect(html).toMatch(/id="region-europe" name="regions" value="europe" checked>/);
    expect(html).toMatch(/id="region-americas" name="regions" value="americas">/);
    expect(html).toMatch(/id="digest-daily" name="digests" value="daily" checked>/);
    expect(html).toContain('Unsubscribe from everything');
  });

  it('POST saves immediately, dropping unknown and hostile values', async () => {
    const res = await s.postForm('/preferences', {
      token,
      digests: ['weekly'],
      regions: ['mena', '<script>alert(1)</script>'],
      topics: ['energy-climate', 'nonsense'],
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Saved.');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('nonsense');
    expect((await s.subscriber('ada@example.org'))?.preferences).toEqual({ digests: ['weekly'], regions: ['mena'], topics: ['energy-climate'] });
  });

  it('unticking everything means everything', async () => {
    await s.postForm('/preferences', { token, digests: ['daily', 'weekly'] });
    expect((await s.subscriber('ada@example.org'))?.preferences).toEqual({});
  });

  it.each([
    ['an unsubscribe token (wrong purpose)', () => signToken(SECRET, { sub: 1, purpose: 'unsubscribe' })],
    ['a forged token', () => signToken('not-the-secret-0123456789abcdef', { sub: 1, purpose: 'preferences' })],
    ['no token', () => ''],
    ['a token of a subscriber that does not exist', () => signToken(SECRET, { sub: 999, purpose: 'preferences' })],
  ])('refuses %s on GET and POST', async (_label, make) => {
    const bad = make();
    expect((await fetch(`${s.url}/preferences?token=${encodeURIComponent(bad)}`)).status).toBe(400);
    const res = await s.postForm('/preferences', { token: bad, regions: ['americas'] });
    expect(res.status).toBe(400);
    expect((await s.subscriber('ada@example.org'))?.preferences).toEqual({ regions: ['europe'] });
  });

  it('tells an unsubscribed reader how to come back, without an unsubscribe button', async () => {
    await s.ctx.store.subscribers.setStatus(ada.id, 'unsubscribed', new Date(s.clock.now));
    const html = await (await fetch(`${s.url}/preferences?token=${token}`)).text();
    expect(html).toContain('not receiving the digest right now (unsubscribed)');
    expect(html).not.toContain('Unsubscribe from everything');
  });
});
