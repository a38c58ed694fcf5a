// The observability stage: structured logs (pino) and Prometheus metrics
// (prom-client) fed by the DispatchEvents use cases publish.
import type { Logger } from 'pino';
import type { ObservabilityEnv } from '../config/observability-env.js';
import type { Store } from '../shared/store.js';
import { createLogger, logEvents } from './logger.js';
import type { createMetrics, startMetricsServer } from './metrics.js';

export { publishEvent, subscribeEvents, type DispatchEvent } from './events.js';
export { addressForLog, createLogger, logEvents } from './logger.js';
// prom-client (~10 MB) is loaded only when DISPATCH_METRICS_ADDR asks for metrics.
export type { DispatchMetrics, MetricsServer } from './metrics.js';
export { watchDeliveries } from './watch-deliveries.js';
export type { Logger } from 'pino';

export interface Observability {
  logger: Logger;
  /** Where /metrics is served, or null when DISPATCH_METRICS_ADDR is not set. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/**
 * What `serve`, `worker` and `run` start first: a logger on `stream` that
 * logs every event, and, with DISPATCH_METRICS_ADDR, the metrics listener.
 */
export async function startObservability(opts: {
  env: ObservabilityEnv;
  store: Pick<Store, 'ops' | 'leases'>;
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  command: string;
}): Promise<Observability> {
  const logger = createLogger({ level: opts.env.logLevel ?? 'info', stream: opts.stream, command: opts.command });
  const stopLogging = logEvents(logger, { fullAddresses: opts.env.logAddresses === true });
  let metrics: ReturnType<typeof createMetrics> | null = null;
  let server: Awaited<ReturnType<typeof startMetricsServer>> | null = null;
  try {
    if (opts.env.metricsAddr) {
      const m = await import('./metrics.js');
      metrics = m.createMetrics({ store: opts.store });
      server = await m.startMetricsServer(metrics.registry, opts.env.metricsAddr);
      logger.info({ event: 'metrics-listening', url: `${server.url}/metrics` }, `metrics on ${server.url}/metrics`);
    }
  } catch (error) {
    stopLogging();
    metrics?.close();
    throw error;
  }
  return {
    logger,
    metricsUrl: server ? `${server.url}/metrics` : null,
    async close() {
      stopLogging();
      metrics?.close();
      await server?.close();
      logger.flush();
    },
  };
}
