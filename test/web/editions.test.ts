// The public archive ("view in browser"), its Atom feed and the health check,
// through a real HTTP server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EDITION_CSP } from '../../src/web/index.js';
import type { Edition } from '../../src/shared/types.js';
import { makeEditionModel } from '../helpers/store-builders.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('/editions', () => {
  let s: WebStack;
  beforeEach(async () => {
    s = await startWebStack();
  });
  afterEach(() => s.close());

  async function addEdition(subject: string, status: Edition['status'] = 'sent', minutes = 0): Promise<number> {
    const now = new Date(s.clock.now + minutes * 60_000);
    const item = {
      id: 1,
      source: 'Desk <b>',
      title: '<script>alert(1)</script> Talks resume',
      url: 'https://news.example.org/a',
      summaryHtml: '<p>Sanitized summary.</p><p><img src="https://img.example.org/map.png" alt="Map" width="544" height="300" /></p>',
      excerpt: 'Sanitized summary.',
      publishedAt: now.toISOString(),
      countries: [],
      regions: [],
      topics: [],
    };
    const model = makeEditionModel({
      subject,
      preheader: 'Talks resume · Treaty ratified',
      itemCount: 1,
      storyCount: 1,
      sections: [{ key: 'world', title: 'World', stories: [{ id: 's1', headline: item, alsoReportedBy: [] }] }],
    });
    const { edition } = await s.ctx.store.editions.create({ digest: 'daily', slot: subject, windowStart: now, windowEnd: now, subject, itemIds: [1], model, now, status });
    return edition.id;
  }

  it('lists sent editions with a subscribe call to action and the feed, never drafts', async () => {
    const id = await addEdition('Daily Brief — 2 March');
    await addEdition('Daily Brief — draft', 'draft', 1);
    await addEdition('Daily Brief — skipped', 'discarded', 2);
    const res = await fetch(`${s.url}/editions`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<a href="/editions/${id}">Daily Brief — 2 March</a>`);
    expect(html).not.toContain('draft');
    expect(html).not.toContain('skipped');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Daily Brief" href="/editions.atom">');
    expect(html).toMatch(/subscribe to Daily Brief/);
  });

  it('shows an edition in the site chrome: masthead, subscribe, navigation, og: meta, feed link; no personal footer', async () => {
    const older = await addEdition('Daily Brief — 1 March', 'sent', 0);
    const id = await addEdition('Daily Brief — 2 March', 'sent', 1);
    const newer = await addEdition('Daily Brief — 3 March', 'sending', 2);
    const res = await fetch(`${s.url}/editions/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(EDITION_CSP);
    expect(EDITION_CSP).toContain("img-src 'self' https:");
    expect(EDITION_CSP).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Talks resume');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>Sanitized summary.</p>');
    expect(html).toContain('src="https://img.example.org/map.png"');
    expect(html).toMatch(/<header class="archive-masthead"[\s\S]*Daily Brief<\/a>[\s\S]*>Subscribe<\/a>/);
    expect(html).toContain(`<a href="/editions/${older}" rel="prev"`);
    expect(html).toContain(`<a href="/editions/${newer}" rel="next"`);
    expect(html).toContain('<meta property="og:title" content="Daily Brief — 2 March">');
    expect(html).toContain('<meta property="og:description" content="Talks resume · Treaty ratified">');
    expect(html).toContain(`<meta property="og:url" content="${s.ctx.config.env.publicUrl}/editions/${id}">`);
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    // No personal footer and no dead links.
    expect(html).not.toContain('because');
    expect(html).not.toMatch(/unsubscribe|preferences/i);
    expect(html).not.toMatch(/token=/);
  });

  it('404s drafts and skipped drafts', async () => {
    for (const status of ['draft', 'approved', 'discarded', 'built'] as const) {
      const id = await addEdition(`Daily Brief — ${status}`, status);
      expect((await fetch(`${s.url}/editions/${id}`)).status).toBe(404);
    }
  });

  it('serves an Atom feed of the sent editions', async () => {
    const id = await addEdition('Daily Brief — 2 March <&>');
    await addEdition('Daily Brief — draft', 'draft', 1);
    const res = await fetch(`${s.url}/editions.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain(`<id>${s.ctx.config.env.publicUrl}/editions/${id}</id>`);
    expect(xml).toContain('<title type="html"><![CDATA[Daily Brief — 2 March <&>]]></title>');
    expect(xml).toContain(`<link rel="self" href="${s.ctx.config.env.publicUrl}/editions.atom"/>`);
    expect(xml).toContain('Sanitized summary.');
    expect(xml).not.toContain('draft');
    expect(xml.match(/<entry>/g)).toHaveLength(1);
  });

  it.each(['999', 'abc', '1e3', '-1'])('404s /editions/%s', async (id) => {
    expect((await fetch(`${s.url}/editions/${id}`)).status).toBe(404);
  });

  it('GET /healthz answers JSON', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
