// The sign-up route over real HTTP: the page, the double opt-in mail, no list
// enumeration, and hostile input (bad and injected addresses, script, huge
// bodies, wrong content types, honeypot, rate limits).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/web/index.js';
import { rawRequest, startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('GET / (sign-up page)', () => {
  let s: WebStack;
  beforeEach(async () => {
    s = await startWebStack();
  });
  afterEach(() => s.close());

  it('serves an accessible form under a strict CSP, with no script and no third-party asset', async () => {
    const res = await fetch(`${s.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toMatch(/<label for="email">Email address<\/label>/);
    expect(html).toMatch(/<input id="email" name="email" type="email"[^>]*required/);
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
    expect(html).toContain('name="website"'); // honeypot
    expect(html).not.toMatch(/<script|style="|https?:\/\/(?!news\.example\.org)/i);
    expect(html).toContain('<link rel="stylesheet" href="/style.css">');
    // One digest configured: no digest choice; regions and topics are offered.
    expect(html).not.toContain('name="digests"');
    expect(html).toContain('value="east-asia-pacific"');
    expect(html).toContain('value="terrorism-crime"');
  });

  it('serves the stylesheet from its own route', async () => {
    const res = await fetch(`${s.url}/style.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await res.text()).toContain('.hp');
  });

  it('answers unknown paths with a 404 page that does not repeat the path', async () => {
    const res = await fetch(`${s.url}/%3Cscript%3Ealert(1)%3C/script%3E`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert(1)');
  });
});

describe('GET / with two digests', () => {
  it('offers a checkbox per digest, all ticked', async () => {
    const s = await startWebStack({ digests: [{ name: 'daily', title: 'Daily Brief' }, { name: 'weekly', title: 'Weekly Review' }] });
    try {
      const html = await (await fetch(`${s.url}/`)).text();
      expect(html).toMatch(/<input type="checkbox" id="digest-daily" name="digests" value="daily" checked>/);
      expect(html).toMatch(/<label for="digest-weekly">Weekly Review<\/label>/);
    } finally {
      await s.close();
    }
  });
});

describe('POST /subscribe', () => {
  let s: WebStack;
  beforeEach(async () => {
    s = await startWebStack({ digests: [{ name: 'daily', title: 'Daily Brief' }, { name: 'weekly', title: 'Weekly Review' }] });
  });
  afterEach(() => s.close());

  it('creates a pending subscriber and mails one confirmation link; nothing else until confirmed', async () => {
    const res = await s.postForm('/subscribe', { email: ' Reader@Example.ORG ', digests: ['weekly'], regions: ['europe', 'nowhere'] });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    const sub = await s.subscriber('reader@example.org');
    expect(sub).toMatchObject({ status: 'pending', consentAt: null });
    const mails = await s.mailsTo('reader@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Confirm your subscription to Daily Brief');
    expect(mails[0]?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mails[0]?.text).toContain('Requested: Weekly Review.');
    expect(mails[0]?.text).toMatch(/https:\/\/news\.example\.org\/confirm\?token=[A-Za-z0-9_-]{43}\b/);
    expect(mails[0]?.text).toContain('2 days');
    expect(mails[0]?.html).toContain('Confirm my subscription');
    // The token is stored only as a hash.
    const token = await s.confirmToken('reader@example.org');
    const rows = await s.ctx.store.subscriptions.consumeConfirmation(token, new Date(s.clock.now));
    expect(rows).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('answers a known, an active and an unknown address with the same page (no enumeration)', async () => {
    const first = await (await s.postForm('/subscribe', { email: 'new@example.org' })).text();
    await s.ctx.store.subscribers.add({ email: 'active@example.org', status: 'active', now: new Date(s.clock.now) });
    const active = await (await s.postForm('/subscribe', { email: 'active@example.org' })).text();
    const again = await (await s.postForm('/subscribe', { email: 'new@example.org' })).text();
    expect(active).toBe(first);
    expect(again).toBe(first);
    // The active reader is not mailed; the pending one gets one mail per hour at most.
    expect(await s.mailsTo('active@example.org')).toHaveLength(0);
    expect(await s.mailsTo('new@example.org')).toHaveLength(1);
  });

  it('sends at most one confirmation per address per hour, then a fresh one', async () => {
    await s.postForm('/subscribe', { email: 'hourly@example.org' });
    s.clock.now += 59 * 60_000;
    await s.postForm('/subscribe', { email: 'hourly@example.org' });
    expect(await s.mailsTo('hourly@example.org')).toHaveLength(1);
    s.clock.now += 2 * 60_000;
    await s.postForm('/subscribe', { email: 'hourly@example.org' });
    expect(await s.mailsTo('hourly@example.org')).toHaveLength(2);
  });

  it.each([
    ['no @', 'not-an-address', /needs a name, an &quot;@&quot; and a domain/],
    ['no domain', 'reader@', /needs a name, an &quot;@&quot; and a domain/],
    ['a bare host', 'reader@localhost', /not a valid domain name/],
    ['script', '<script>alert(1)</script>@example.org', /characters an address cannot have/],
    ['header injection (CRLF Bcc)', 'reader@example.org\r\nBcc: victim@example.net', /characters an address cannot have|not a valid domain/],
    ['header injection (LF only)', 'reader@example.org\nTo: victim@example.net', /characters an address cannot have|not a valid domain/],
    ['two recipients', 'reader@example.org, victim@example.net', /characters an address cannot have|not a valid domain/],
    ['an overlong address', `${'a'.repeat(300)}@example.org`, /longer than 254/],
  ])('refuses %s with a 400 that says what is wrong without echoing it', async (_label, email, message) => {
    const res = await s.postForm('/subscribe', { email, regions: ['<img src=x onerror=alert(1)>'] });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(message);
    expect(html).toMatch(/role="alert"/);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('victim');
    expect(html).not.toContain('aaaaaaaaaa');
    await s.settle();
    expect(s.sink.accepted()).toBe(0);
    expect(await s.ctx.store.subscribers.list()).toHaveLength(0);
  });

  it('treats a filled honeypot as a bot: same page, nothing stored, nothing sent', async () => {
    const res = await s.postForm('/subscribe', { email: 'bot@example.org', website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    expect(await s.subscriber('bot@example.org')).toBeUndefined();
    await s.settle();
    expect(s.sink.accepted()).toBe(0);
  });

  it('accepts multipart/form-data too', async () => {
    const fd = new FormData();
    fd.append('email', 'multi@example.org');
    const res = await fetch(`${s.url}/subscribe`, { method: 'POST', body: fd });
    expect(res.status).toBe(200);
    expect(await s.subscriber('multi@example.org')).toMatchObject({ status: 'pending' });
  });

  it('refuses other content types with 415', async () => {
    const res = await fetch(`${s.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'json@example.org' }),
    });
    expect(res.status).toBe(415);
    expect(await s.subscriber('json@example.org')).toBeUndefined();
  });

  it('answers a 10 MB body with 413 before reading it (with Content-Length)', async () => {
    const r = await rawRequest(`${s.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 10 * 1024 * 1024 },
      bodyBytes: 10 * 1024 * 1024,
    });
    expect(r.status).toBe(413);
    expect(r.sentBytes).toBeLessThan(10 * 1024 * 1024);
  });

  it('answers a chunked 10 MB body with 413 once 16 KB have arrived', async () => {
    const r = await rawRequest(`${s.url}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      bodyBytes: 10 * 1024 * 1024,
    });
    expect(r.status).toBe(413);
    expect(r.sentBytes).toBeLessThan(10 * 1024 * 1024);
    // The server is still fine afterwards.
    expect((await fetch(`${s.url}/`)).status).toBe(200);
  });

  it('redirects GET /subscribe to the form', async () => {
    const res = await fetch(`${s.url}/subscribe`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('POST /subscribe rate limits', () => {
  it('limits attempts per IP with 429 and Retry-After', async () => {
    const s = await startWebStack({ limits: { signupPerIp: { capacity: 3, refillPerMinute: 1 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await s.postForm('/subscribe', { email: `ip${i}@example.org` })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await s.postForm('/subscribe', { email: 'later@example.org' });
      expect(res.headers.get('retry-after')).toBe('60');
      expect(await s.subscriber('later@example.org')).toBeUndefined();
      s.clock.now += 60_000;
      expect((await s.postForm('/subscribe', { email: 'later@example.org' })).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('limits attempts per address silently (same page, no mail, no write)', async () => {
    const s = await startWebStack({ limits: { signupPerAddress: { capacity: 2, refillPerMinute: 0.001 } } });
    try {
      const pages: string[] = [];
      for (let i = 0; i < 4; i++) {
        s.clock.now += 61 * 60_000; // past the hourly mail limit each time
        const res = await s.postForm('/subscribe', { email: 'target@example.org' });
        expect(res.status).toBe(200);
        pages.push(await res.text());
      }
      expect(new Set(pages).size).toBe(1);
      expect(await s.mailsTo('target@example.org')).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});
