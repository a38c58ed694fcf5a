// The studio dashboard: its numbers from a real store, the page's markup and
// policy, and the pure parts (history from timestamps, send rate, SVG text).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewApp, createStudioSession } from '../../src/preview/index.js';
import { lineChart, niceMax, sparkline } from '../../src/preview/dashboard-charts.js';
import { loadDashboard, sendRate, subscriberHistory } from '../../src/preview/dashboard-data.js';
import { seedDashboard } from '../helpers/dashboard-seed.js';
import { makePreviewFixture, type PreviewFixture } from '../helpers/preview-fixtures.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');

describe('subscriberHistory', () => {
  it('counts each subscriber as pending, then active from consent, then unsubscribed from the last change', () => {
    const h = subscriberHistory(
      [
        { created: '2026-03-01', consent: '2026-03-03', updated: '2026-03-06', status: 'unsubscribed', count: 2 },
        { created: '2026-03-02', consent: null, updated: '2026-03-02', status: 'active', count: 1 },
        { created: '2026-03-09', consent: null, updated: '2026-03-09', status: 'pending', count: 4 },
        { created: '2026-03-04', consent: null, updated: '2026-03-08', status: 'bounced', count: 1 },
      ],
      NOW,
      90,
    );
    expect(h.days[0]).toBe('2026-03-01');
    expect(h.days.at(-1)).toBe('2026-03-10');
    const at = (d: string) => Object.fromEntries(Object.entries(h.byStatus).map(([k, v]) => [k, v[h.days.indexOf(d)]]));
    expect(at('2026-03-01')).toEqual({ active: 0, pending: 2, unsubscribed: 0, bounced: 0 });
    expect(at('2026-03-03')).toEqual({ active: 3, pending: 0, unsubscribed: 0, bounced: 0 });
    expect(at('2026-03-05')).toEqual({ active: 3, pending: 1, unsubscribed: 0, bounced: 0 });
    expect(at('2026-03-06')).toEqual({ active: 1, pending: 1, unsubscribed: 2, bounced: 0 });
    expect(at('2026-03-10')).toEqual({ active: 1, pending: 4, unsubscribed: 2, bounced: 1 });
  });
});

describe('sendRate', () => {
  it('spreads the sends over the duration in at most 60 buckets', () => {
    const t0 = Date.parse('2026-03-10T07:00:00Z');
    const timeline = Array.from({ length: 120 }, (_, i) => ({ at: new Date(t0 + i * 1000), sent: 10 }));
    const r = sendRate(timeline)!;
    expect(r.bucketSeconds).toBe(2);
    expect(r.perSecond).toHaveLength(60);
    expect(r.perSecond.every((v) => v === 10)).toBe(true);
    expect(r.average).toBe(10);
    expect(sendRate([])).toBeNull();
  });
});

describe('charts', () => {
  it('escape every text and pick round axis tops', () => {
    const svg = lineChart({ title: '<script>', labels: ['a&b'], series: [{ name: '"x"', color: '#000', values: [3] }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('a&amp;b');
    expect(sparkline({ title: 't', values: [0, 1, 2] }).match(/<rect/g)).toHaveLength(3);
    expect([niceMax(0), niceMax(3), niceMax(11), niceMax(480)]).toEqual([1, 5, 20, 500]);
  });
});

describe('GET /dashboard', () => {
  let fx: PreviewFixture;

  beforeAll(async () => {
    fx = await makePreviewFixture();
    await seedDashboard(fx);
  });
  afterAll(async () => fx?.close());

  it('loads counts, rates, feed health and slots from the store', async () => {
    const d = await loadDashboard(fx.ctx, new Date());
    expect(d.subscribers.current).toMatchObject({ active: 6, unsubscribed: 1, bounced: 1, pending: 1 });
    const [latest] = d.editions;
    expect(latest).toMatchObject({ sent: 7, failed: 1, bounced: 1, pending: 0 });
    expect(latest!.rate!.average).toBeGreaterThan(0);
    const failing = d.feeds.filter((f) => f.state === 'failing');
    expect(failing).toHaveLength(1);
    expect(failing[0]!.failureStreak).toBe(3);
    expect(d.feeds.some((f) => f.itemsPerDay.at(-1)! > 0)).toBe(true);
    expect(d.slots.map((s) => s.digest)).toEqual(['daily', 'weekly']);
    expect(d.slots[0]!.next).toHaveLength(5);
    // The same bounce and complaint rates as `dispatch status`, per digest.
    expect(d.deliverability.digests.map((g) => g.name)).toEqual(['daily', 'weekly']);
    expect(d.deliverability.digests[0]!.last30Days.sent).toBeGreaterThan(0);
  });

  it('renders SVG charts under the studio policy, on localhost only', async () => {
    const session = await createStudioSession({ ctx: fx.ctx });
    const app = createPreviewApp({ session });
    const res = await app.request('http://127.0.0.1/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    const body = await res.text();
    expect(body.match(/<svg /g)!.length).toBeGreaterThanOrEqual(4);
    expect(/<nav>([\s\S]*?)<\/nav>/.exec(body)?.[1]).toContain('<a href="/review">Review desk</a>');
    for (const id of ['subscribers', 'editions', 'feeds', 'deliverability', 'slots']) expect(body).toContain(`id="${id}"`);
    expect(body).toMatch(/sent \d+ · hard bounces \d+ \([^)]*\) · soft bounces \d+ · complaints \d+/);
    expect(body).not.toMatch(/<script>|style="/);
    expect(body).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    expect((await app.request('http://evil.example/dashboard')).status).toBe(403);
    expect((await app.request('http://127.0.0.1/assets/dashboard.css')).headers.get('content-type')).toMatch(/text\/css/);
  });
});
