// The archive ("view in browser") and the health check.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EDITION_CSP } from '../../src/web/index.js';
import { makeEditionModel } from '../helpers/store-builders.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('/editions', () => {
  let s: WebStack;
  beforeEach(async () => {
    s = await startWebStack();
  });
  afterEach(() => s.close());

  async function addEdition(subject: string): Promise<number> {
    const now = new Date(s.clock.now);
    const item = {
      id: 1,
      source: 'Desk <b>',
      title: '<script>alert(1)</script> Talks resume',
      url: 'https://news.example.org/a',
      summaryHtml: '<p>Sanitized summary.</p>',
      excerpt: 'Sanitized summary.',
      publishedAt: now.toISOString(),
      countries: [],
      regions: [],
      topics: [],
    };
    const model = makeEditionModel({
      subject,
      itemCount: 1,
      sections: [{ key: 'world', title: 'World', stories: [{ id: 's1', headline: item, alsoReportedBy: [] }] }],
    });
    const { edition } = await s.ctx.store.editions.create({ digest: 'daily', slot: subject, windowStart: now, windowEnd: now, subject, itemIds: [1], model, now });
    return edition.id;
  }

  it('lists editions and links each one', async () => {
    const id = await addEdition('Daily Brief — 2 March');
    const res = await fetch(`${s.url}/editions`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<a href="/editions/${id}">Daily Brief — 2 March</a>`);
  });

  it('shows an edition as the mail, escaped, for a neutral reader, under a no-script CSP', async () => {
    const id = await addEdition('Daily Brief — 2 March');
    const res = await fetch(`${s.url}/editions/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(EDITION_CSP);
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Talks resume');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<p>Sanitized summary.</p>');
    expect(html).toContain('because you subscribed');
    expect(html).not.toMatch(/token=/);
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
