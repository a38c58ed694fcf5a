// The confirmation link: GET shows a button (link scanners must not confirm),
// POST confirms once, records consent and sends the welcome mail; replayed,
// expired, unknown and forged tokens change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../../src/shared/tokens.js';
import { SECRET, startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('/confirm', () => {
  let s: WebStack;
  beforeEach(async () => {
    s = await startWebStack({ digests: [{ name: 'daily', title: 'Daily Brief' }, { name: 'weekly', title: 'Weekly Review' }] });
  });
  afterEach(() => s.close());

  async function signUp(email: string, fields: Record<string, string | string[]> = {}): Promise<string> {
    expect((await s.postForm('/subscribe', { email, ...fields })).status).toBe(200);
    return s.confirmToken(email);
  }

  it('GET shows a one-button page and changes nothing', async () => {
    const token = await signUp('ada@example.org');
    const res = await fetch(`${s.url}/confirm?token=${token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/confirm">');
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    expect((await s.subscriber('ada@example.org'))?.status).toBe('pending');
  });

  it('POST activates, records consent (time, source, IP) and preferences, and sends one welcome mail', async () => {
    const token = await signUp('ada@example.org', { digests: ['weekly'], topics: ['migration'] });
    s.clock.now += 5 * 60_000;
    const res = await s.postForm('/confirm', { token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Welcome aboard');
    const sub = await s.subscriber('ada@example.org');
    expect(sub).toMatchObject({ status: 'active', consentSource: 'web', preferences: { digests: ['weekly'], topics: ['migration'] } });
    expect(sub?.consentAt?.getTime()).toBe(s.clock.now);
    const consent = await s.ctx.store.subscriptions.getConsent(sub?.id ?? -1);
    expect(consent?.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    const welcome = (await s.mailsTo('ada@example.org')).filter((m) => m.subject === 'Welcome to Daily Brief');
    expect(welcome).toHaveLength(1);
    expect(welcome[0]?.text).toContain('ada@example.org is now subscribed to Weekly Review.');
    const raw = s.sink.messages.map((m) => m.raw.toString('utf8')).find((r) => r.includes('Subject: Welcome')) ?? '';
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(raw.replace(/\r\n[ \t]+/g, ' ')).toMatch(/List-Unsubscribe: <https:\/\/news\.example\.org\/unsubscribe\?token=[^>]+>, <mailto:unsubscribe@news\.example\.org\?subject=unsubscribe%20/);
  });

  it('is single use: a replay says "already confirmed" and sends nothing more', async () => {
    const token = await signUp('ada@example.org');
    await s.postForm('/confirm', { token });
    const replay = await s.postForm('/confirm', { token });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toContain('Already confirmed');
    expect((await s.mailsTo('ada@example.org')).filter((m) => m.subject?.startsWith('Welcome'))).toHaveLength(1);
  });

  it('a replay after unsubscribing does not bring the subscription back', async () => {
    const token = await signUp('ada@example.org');
    await s.postForm('/confirm', { token });
    const sub = await s.subscriber('ada@example.org');
    await s.ctx.store.subscribers.setStatus(sub?.id ?? -1, 'unsubscribed', new Date(s.clock.now));
    const replay = await s.postForm('/confirm', { token });
    expect(replay.status).toBe(410);
    expect(await replay.text()).toContain('already been used');
    expect((await s.subscriber('ada@example.org'))?.status).toBe('unsubscribed');
  });

  it('expires after 48 hours', async () => {
    const token = await signUp('late@example.org');
    s.clock.now += 48 * 3600_000 + 1000;
    const res = await s.postForm('/confirm', { token });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    expect((await s.subscriber('late@example.org'))?.status).toBe('pending');
  });

  it('a newer link makes the older one unusable once either is used', async () => {
    const first = await signUp('two@example.org');
    s.clock.now += 61 * 60_000;
    const second = await signUp('two@example.org');
    expect(second).not.toBe(first);
    expect((await s.postForm('/confirm', { token: second })).status).toBe(200);
    const old = await s.postForm('/confirm', { token: first });
    expect(await old.text()).toContain('Already confirmed');
    expect((await s.mailsTo('two@example.org')).filter((m) => m.subject?.startsWith('Welcome'))).toHaveLength(1);
  });

  it.each([
    ['an unknown random token', 'A'.repeat(43)],
    ['a signed (HMAC) token of the wrong kind', signToken(SECRET, { sub: 1, purpose: 'confirm' })],
    ['script', '<script>alert(1)</script>'],
    ['an empty token', ''],
    ['a 5 KB token', 'x'.repeat(5000)],
  ])('refuses %s without echoing it or touching anyone', async (_label, token) => {
    await signUp('victim@example.org');
    const res = await s.postForm('/confirm', { token });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('not valid');
    expect(html).not.toContain('<script>alert');
    expect((await s.subscriber('victim@example.org'))?.status).toBe('pending');
  });

  it('GET without a token explains itself with a 400', async () => {
    const res = await fetch(`${s.url}/confirm`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('incomplete');
  });

  it('a confirmed sign-up lifts an earlier GDPR erasure', async () => {
    await s.ctx.store.subscribers.add({ email: 'back@example.org', status: 'active', now: new Date(s.clock.now) });
    const { eraseSubscriber, suppressionHash } = await import('../../src/app/index.js');
    await eraseSubscriber(s.ctx, 'back@example.org', new Date(s.clock.now));
    expect(await s.ctx.store.subscriptions.isSuppressed(suppressionHash('back@example.org'))).toBe(true);
    const token = await signUp('back@example.org');
    await s.postForm('/confirm', { token });
    expect((await s.subscriber('back@example.org'))?.status).toBe('active');
    expect(await s.ctx.store.subscriptions.isSuppressed(suppressionHash('back@example.org'))).toBe(false);
  });

  it('rate-limits POST /confirm per client IP like /subscribe (429 with retry-after)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await s.postForm('/confirm', { token: `guess${String(i).padStart(40, 'x')}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((st) => st === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const res = await s.postForm('/confirm', { token: 'x'.repeat(43) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // The bucket refills with time.
    s.clock.now += 10 * 60_000;
    expect((await s.postForm('/confirm', { token: 'y'.repeat(43) })).status).toBe(400);
  });
});
