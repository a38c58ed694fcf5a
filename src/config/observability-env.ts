// DISPATCH_LOG_LEVEL, DISPATCH_LOG_ADDRESSES and DISPATCH_METRICS_ADDR: read
// with the other environment values so a bad one is a config error (exit 2)
// before any work starts.
import { ConfigError } from '../shared/errors.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ObservabilityEnv {
  /** DISPATCH_LOG_LEVEL, default info. */
  logLevel?: LogLevel;
  /** DISPATCH_LOG_ADDRESSES=1: addresses in logs in full instead of a short hash. */
  logAddresses?: boolean;
  /** DISPATCH_METRICS_ADDR host:port of the /metrics listener; null = off. */
  metricsAddr?: { host: string; port: number } | null;
}

export function readObservabilityEnv(env: NodeJS.ProcessEnv): Required<ObservabilityEnv> {
  const level = (env.DISPATCH_LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new ConfigError(`DISPATCH_LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${env.DISPATCH_LOG_LEVEL}"`);
  }
  const addresses = env.DISPATCH_LOG_ADDRESSES?.trim() || '0';
  if (!['0', '1', 'true', 'false'].includes(addresses)) throw new ConfigError(`DISPATCH_LOG_ADDRESSES: expected 1 or 0, got "${addresses}"`);
  const metrics = env.DISPATCH_METRICS_ADDR?.trim() || null;
  let metricsAddr: { host: string; port: number } | null = null;
  if (metrics) {
    const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(metrics);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port > 65535) throw new ConfigError(`DISPATCH_METRICS_ADDR: expected host:port such as 127.0.0.1:9464, got "${metrics}"`);
    metricsAddr = { host: m[1]!.replace(/^\[|\]$/g, ''), port };
  }
  return { logLevel: level, logAddresses: addresses === '1' || addresses === 'true', metricsAddr };
}
