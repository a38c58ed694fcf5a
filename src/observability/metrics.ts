// Prometheus metrics (prom-client) for `serve`, `worker` and `run`, served on
// their own listener (DISPATCH_METRICS_ADDR), never on the public web app.
// Counters and histograms follow DispatchEvents as they happen; gauges that
// describe the database (subscribers by status, pending deliveries, leases)
// are read with one grouped query each when Prometheus scrapes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../shared/store.js';
import { subscribeEvents, type DispatchEvent } from './events.js';

export interface DispatchMetrics {
  registry: Registry;
  /** Stops following events. */
  close(): void;
}

/** Every status a subscriber can have, so a status with nobody in it reads 0, not "no data". */
const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced'];

export function createMetrics(opts: { store?: Pick<Store, 'ops' | 'leases'>; defaultMetrics?: boolean } = {}): DispatchMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'dispatch_' });
  const r = [registry];

  const sent = new Counter({ name: 'dispatch_messages_sent_total', help: 'Messages accepted by the relay (or written to the outbox), by digest.', labelNames: ['digest'], registers: r });
  const failed = new Counter({ name: 'dispatch_messages_failed_total', help: 'Messages failed permanently (5xx or retries used up), by digest.', labelNames: ['digest'], registers: r });
  const deferred = new Counter({ name: 'dispatch_messages_deferred_total', help: 'Temporary failures (4xx, dropped connection) left for a retry, by digest.', labelNames: ['digest'], registers: r });
  const skipped = new Counter({ name: 'dispatch_messages_skipped_total', help: 'Deliveries skipped (unsubscribed meanwhile, empty personal copy), by digest.', labelNames: ['digest'], registers: r });
  const bounces = new Counter({ name: 'dispatch_bounces_total', help: 'Bounces (mailbox does not exist), by digest.', labelNames: ['digest'], registers: r });
  const complaints = new Counter({ name: 'dispatch_complaints_total', help: 'Spam complaints, by digest.', labelNames: ['digest'], registers: r });
  const sendDuration = new Histogram({
    name: 'dispatch_send_duration_seconds',
    help: 'Wall time of one send of an edition (one process), by digest.',
    labelNames: ['digest'],
    buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    registers: r,
  });
  const sendRate = new Gauge({ name: 'dispatch_send_rate_messages_per_second', help: 'Messages sent per second in the last finished send, by digest.', labelNames: ['digest'], registers: r });
  const editions = new Counter({ name: 'dispatch_editions_built_total', help: 'Editions built, by digest.', labelNames: ['digest'], registers: r });
  const slots = new Counter({ name: 'dispatch_slots_total', help: 'Scheduled slot outcomes (sent, skipped, missed, incomplete, busy, already), by digest.', labelNames: ['digest', 'status'], registers: r });
  const fetchDuration = new Histogram({
    name: 'dispatch_feed_fetch_duration_seconds',
    help: 'Time to fetch and parse one feed, by feed.',
    labelNames: ['feed'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: r,
  });
  const fetchFailures = new Counter({ name: 'dispatch_feed_fetch_failures_total', help: 'Failed feed fetches, by feed.', labelNames: ['feed'], registers: r });
  const signups = new Counter({
    name: 'dispatch_signup_requests_total',
    help: 'POST /subscribe by outcome: confirmation-sent, throttled, already-active, send-failed, invalid, honeypot, address-limited, 429.',
    labelNames: ['outcome'],
    registers: r,
  });
  const unsubscribes = new Counter({ name: 'dispatch_unsubscribes_total', help: 'Unsubscribe requests by how (one-click, page, mail-token, mail-sender) and outcome.', labelNames: ['how', 'outcome'], registers: r });
  const confirmations = new Counter({ name: 'dispatch_confirmations_total', help: 'Confirmation link uses by outcome.', labelNames: ['outcome'], registers: r });

  const store = opts.store;
  if (store) {
    new Gauge({
      name: 'dispatch_subscribers',
      help: 'Subscribers by status.',
      labelNames: ['status'],
      registers: r,
      async collect() {
        const counts = await store.ops.subscriberCounts();
        this.reset();
        for (const status of new Set([...SUBSCRIBER_STATUSES, ...Object.keys(counts)])) this.set({ status }, counts[status] ?? 0);
      },
    });
    new Gauge({
      name: 'dispatch_deliveries_pending',
      help: 'Deliveries not yet sent or failed, over all editions.',
      registers: r,
      async collect() {
        this.set(await store.ops.pendingDeliveries());
      },
    });
    new Gauge({
      name: 'dispatch_lease_held',
      help: 'Unexpired single-flight leases: 1 per lease and the process holding it.',
      labelNames: ['lease', 'holder'],
      registers: r,
      async collect() {
        const now = Date.now();
        this.reset();
        for (const l of await store.leases.list()) if (l.expiresAt.getTime() > now) this.set({ lease: l.name, holder: l.holder }, 1);
      },
    });
  }

  const onEvent = (e: DispatchEvent): void => {
    switch (e.type) {
      case 'delivery': {
        const labels = { digest: e.digest };
        if (e.outcome === 'sent') sent.inc(labels);
        else if (e.outcome === 'failed') failed.inc(labels);
        else if (e.outcome === 'deferred') deferred.inc(labels);
        else skipped.inc(labels);
        return;
      }
      case 'bounce':
        bounces.inc({ digest: e.digest ?? '' });
        return;
      case 'complaint':
        complaints.inc({ digest: e.digest ?? '' });
        return;
      case 'send-finished':
        sendDuration.observe({ digest: e.digest }, e.durationMs / 1000);
        if (e.sent > 0) sendRate.set({ digest: e.digest }, e.sent / Math.max(e.durationMs / 1000, 0.001));
        return;
      case 'edition-built':
        editions.inc({ digest: e.digest });
        return;
      case 'slot':
        slots.inc({ digest: e.digest, status: e.status });
        return;
      case 'feed-fetched':
        fetchDuration.observe({ feed: e.name }, e.ms / 1000);
        if (e.status === 'failed') fetchFailures.inc({ feed: e.name });
        return;
      case 'signup-request':
        signups.inc({ outcome: e.outcome });
        return;
      case 'unsubscribe':
        unsubscribes.inc({ how: e.how, outcome: e.outcome.startsWith('bad token') ? 'bad-token' : e.outcome.replace(/ /g, '-') });
        return;
      case 'confirmation':
        confirmations.inc({ outcome: e.outcome.startsWith('confirmed') ? 'confirmed' : e.outcome });
        return;
      default:
        return;
    }
  };
  const stop = subscribeEvents(onEvent);
  return { registry, close: stop };
}

export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464 */
  url: string;
  close(): Promise<void>;
}

/** A listener that answers GET /metrics and nothing else. */
export async function startMetricsServer(registry: Registry, listen: { host: string; port: number }): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
