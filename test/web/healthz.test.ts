// GET /healthz is public: it says ok or failing, the last slot outcome and
// counts, never a feed URL (which may hold credentials), an error or a subject.
import { afterEach, describe, expect, it } from 'vitest';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('GET /healthz', () => {
  let s: WebStack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('keeps feed credentials, queries and errors out of the public answer', async () => {
    s = await startWebStack({
      extraConfig: `feeds:\n  - name: Private Desk\n    url: https://reader:hunter2@feeds.example.org/rss.xml?apikey=TOPSECRET\n`,
    });
    const { store } = s.ctx;
    const feed = await store.feeds.upsert(s.ctx.config.feeds[0]!, new Date(s.clock.now));
    for (let i = 0; i < 5; i++) {
      await store.feeds.recordFetch(feed.id, {
        status: 'failed',
        fetchedAt: new Date(s.clock.now),
        error: 'could not connect: ECONNREFUSED (https://reader:hunter2@feeds.example.org/rss.xml?apikey=TOPSECRET)',
      });
    }
    const res = await fetch(`${s.url}/healthz`);
    const text = await res.text();
    expect(text).not.toMatch(/hunter2|TOPSECRET|reader|feeds\.example\.org|ECONNREFUSED/);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['digests', 'feeds', 'ok', 'problems', 'status']);
    expect(body).toMatchObject({ ok: false, status: 'failing', feeds: { total: 1, failing: 1 }, digests: [{ name: 'daily', lastRun: null }] });
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
