// Prometheus metrics scraped over real HTTP: counters follow events, gauges
// read the database at scrape time, and `dispatch serve` serves /metrics on
// its own listener only (never on the public web app).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../../src/observability/index.js';
import { createMetrics, startMetricsServer, type MetricsServer } from '../../src/observability/metrics.js';
import { spawnTs, type TsChild } from '../helpers/deliver-child-process.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

describe.each(storeDialects())('metrics on $name', ({ name, enabled }) => {
  let t: TestStore;
  let server: MetricsServer;
  let metrics: ReturnType<typeof createMetrics>;

  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestStore(name);
    metrics = createMetrics({ store: t.store, defaultMetrics: false });
    server = await startMetricsServer(metrics.registry, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    if (!enabled) return;
    metrics.close();
    await server.close();
    await t.cleanup();
  });

  it.skipIf(!enabled)('exposes dispatch_ series from events and the database', async () => {
    const now = new Date();
    await t.store.subscribers.add({ email: 'a@example.org', status: 'active', now });
    await t.store.subscribers.add({ email: 'b@example.org', status: 'active', now });
    await t.store.subscribers.add({ email: 'c@example.org', status: 'pending', now });
    await t.store.leases.acquire('digest:daily', 'host#1#abc', now, 60_000);
    for (let i = 0; i < 3; i++) publishEvent({ type: 'delivery', digest: 'daily', outcome: 'sent', bounce: false });
    publishEvent({ type: 'delivery', digest: 'daily', outcome: 'failed', bounce: true });
    publishEvent({ type: 'bounce', digest: 'daily', email: null, reason: '550' });
    publishEvent({ type: 'delivery', digest: 'daily', outcome: 'deferred', bounce: false });
    publishEvent({ type: 'send-finished', digest: 'daily', editionId: 1, sent: 3, failed: 1, skipped: 0, retried: 1, pendingLeft: 0, durationMs: 2000 });
    publishEvent({ type: 'feed-fetched', name: 'Desk', url: 'https://x', status: 'failed', error: 'could not connect', ms: 120 });
    publishEvent({ type: 'signup-request', outcome: '429' });
    publishEvent({ type: 'signup-request', outcome: 'confirmation-sent' });

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^dispatch_messages_sent_total\{digest="daily"\} 3$/m);
    expect(text).toMatch(/^dispatch_messages_failed_total\{digest="daily"\} 1$/m);
    expect(text).toMatch(/^dispatch_messages_deferred_total\{digest="daily"\} 1$/m);
    expect(text).toMatch(/^dispatch_bounces_total\{digest="daily"\} 1$/m);
    expect(text).toMatch(/^dispatch_send_duration_seconds_count\{digest="daily"\} 1$/m);
    expect(text).toMatch(/^dispatch_send_rate_messages_per_second\{digest="daily"\} 1\.5$/m);
    expect(text).toMatch(/^dispatch_feed_fetch_failures_total\{feed="Desk"\} 1$/m);
    expect(text).toMatch(/^dispatch_feed_fetch_duration_seconds_count\{feed="Desk"\} 1$/m);
    expect(text).toMatch(/^dispatch_signup_requests_total\{outcome="429"\} 1$/m);
    expect(text).toMatch(/^dispatch_subscribers\{status="active"\} 2$/m);
    expect(text).toMatch(/^dispatch_subscribers\{status="pending"\} 1$/m);
    expect(text).toMatch(/^dispatch_subscribers\{status="bounced"\} 0$/m);
    expect(text).toMatch(/^dispatch_deliveries_pending 0$/m);
    expect(text).toMatch(/^dispatch_lease_held\{lease="digest:daily",holder="host#1#abc"\} 1$/m);
    expect(text).toContain('# TYPE dispatch_complaints_total counter');
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^dispatch_/);
    expect((await fetch(`${server.url}/`)).status).toBe(404);
  });
});

describe('dispatch serve with DISPATCH_METRICS_ADDR', () => {
  let child: TsChild;
  const saved = { ...process.env };

  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-metrics-'));
    writeFileSync(path.join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily\n    schedule: "0 7 1 1 *"\n');
    Object.assign(process.env, { DISPATCH_SECRET: 'metrics-test-secret-0123456789', DISPATCH_METRICS_ADDR: '127.0.0.1:0' });
    delete process.env.DISPATCH_SMTP_URL;
    delete process.env.DISPATCH_DATABASE_URL;
    delete process.env.DISPATCH_INBOUND_SMTP;
    child = spawnTs(path.resolve('src/cli/main.ts'), ['serve', '--port', '0'], { cwd: dir });
  });
  afterAll(() => {
    process.env = saved;
    if (child.child.exitCode === null) child.child.kill('SIGKILL');
  });

  it('serves /metrics on its own listener, not on the web app', { timeout: 90_000 }, async () => {
    const web = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(await child.waitForLine(/^listening on /))?.[1] ?? '';
    const metricsUrl = /^metrics: (\S+)/.exec(await child.waitForLine(/^metrics: /))?.[1] ?? '';
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(web).port);
    // A 429 on the public app shows up in the metrics.
    for (let i = 0; i < 21; i++) await fetch(`${web}/subscribe`, { method: 'POST', body: new URLSearchParams({ email: `p${i}@example.org` }) });
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/^dispatch_signup_requests_total\{outcome="429"\} 1$/m);
    expect(text).toMatch(/^dispatch_subscribers\{status="pending"\} 20$/m);
    expect(text).toMatch(/^dispatch_process_cpu_seconds_total /m);
    expect((await fetch(`${web}/metrics`)).status).toBe(404);
    child.child.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
  });
});
