// Structured logs for the long-running and scheduled commands (`serve`,
// `worker`, `run`): pino JSON lines on stderr (stdout stays for `--json`),
// pretty lines when stderr is a terminal. Every DispatchEvent becomes one log
// line with a stable `event` field, so log queries do not depend on wording.
import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { lazyRequire } from '../shared/lazy-require.js';
import type { LogLevel } from '../config/observability-env.js';
import { subscribeEvents, type DispatchEvent } from './events.js';

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default process.stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Default: whether `stream` is a terminal. */
  pretty?: boolean;
  /** Which process this is: `serve`, `worker`, `run`. */
  command?: string;
}

// Only for a terminal: JSON lines (what services log) need none of it.
const pinoPretty = lazyRequire<typeof PinoPretty>('pino-pretty');

export function createLogger(opts: LoggerOptions = {}): Logger {
  const stream = opts.stream ?? process.stderr;
  const base = { level: opts.level ?? 'info', base: { pid: process.pid, ...(opts.command ? { cmd: opts.command } : {}) } };
  const wantPretty = opts.pretty ?? Boolean(stream.isTTY);
  // pino-pretty as a plain stream in this thread (not a transport worker):
  // the CLI is short-lived and must not lose the last lines on exit.
  const destination = wantPretty ? pinoPretty()({ destination: stream, colorize: Boolean(stream.isTTY), ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }) : stream;
  return pino(base, destination);
}

/**
 * A short, stable stand-in for an address: the same person gives the same
 * value across lines (to follow one support case) without the log holding the
 * list. Unsalted on purpose: support can hash an address to search for it.
 */
export function addressForLog(email: string | null | undefined, full: boolean): string | null {
  if (!email) return null;
  if (full) return email;
  return 'sha256:' + createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12);
}

/** Logs every DispatchEvent until the returned function is called. */
export function logEvents(logger: Logger, opts: { fullAddresses?: boolean } = {}): () => void {
  const addr = (e: string | null) => addressForLog(e, opts.fullAddresses === true);
  return subscribeEvents((e) => logEvent(logger, e, addr));
}

function logEvent(log: Logger, e: DispatchEvent, addr: (e: string | null) => string | null): void {
  switch (e.type) {
    case 'signup':
      log.info({ event: 'signup', email: addr(e.email), outcome: e.outcome, source: e.source }, `sign-up (${e.source}): ${e.outcome}`);
      return;
    case 'signup-request':
      // Counted in metrics; only refusals are worth a line of their own.
      if (e.outcome === '429') log.warn({ event: 'signup-rate-limited', outcome: e.outcome }, 'sign-up refused: too many from one client (429)');
      else log.debug({ event: 'signup-request', outcome: e.outcome }, `sign-up request: ${e.outcome}`);
      return;
    case 'confirmation':
      log.info({ event: 'confirmation', subscriberId: e.subscriberId, outcome: e.outcome }, `confirmation: ${e.outcome}`);
      return;
    case 'unsubscribe':
      log.info({ event: 'unsubscribe', email: addr(e.email), subscriberId: e.subscriberId, how: e.how, outcome: e.outcome }, `unsubscribe (${e.how}): ${e.outcome}`);
      return;
    case 'preferences':
      log.info({ event: 'preferences', subscriberId: e.subscriberId, digests: e.digests, regions: e.regions, topics: e.topics }, 'preferences saved');
      return;
    case 'inbound-mail':
      log.info({ event: 'inbound-mail', from: addr(e.from), action: e.action, outcome: e.outcome }, `inbound mail: ${e.action}: ${e.outcome}`);
      return;
    case 'edition-built':
      log.info({ event: 'edition-built', digest: e.digest, editionId: e.editionId, items: e.items, subject: e.subject }, `edition ${e.editionId} of ${e.digest} built (${e.items} items)`);
      return;
    case 'send-started':
      log.info({ event: 'send-started', digest: e.digest, editionId: e.editionId, mailer: e.mailer }, `sending edition ${e.editionId} of ${e.digest}`);
      return;
    case 'send-finished': {
      const { type: _type, ...counts } = e;
      const level = e.failed > 0 || e.pendingLeft > 0 ? 'warn' : 'info';
      log[level]({ event: 'send-finished', ...counts }, `edition ${e.editionId} of ${e.digest}: ${e.sent} sent, ${e.failed} failed, ${e.skipped} skipped, ${e.pendingLeft} pending`);
      return;
    }
    case 'delivery':
      return; // one per message: metrics count them; a log line each would drown the rest
    case 'bounce':
      log.warn({ event: 'bounce', digest: e.digest, email: addr(e.email), reason: e.reason }, `bounce: ${e.reason}`);
      return;
    case 'complaint':
      log.warn({ event: 'complaint', digest: e.digest, email: addr(e.email) }, 'complaint (marked as spam)');
      return;
    case 'slot': {
      const level = e.status === 'missed' || e.status === 'incomplete' ? 'warn' : 'info';
      log[level]({ event: 'slot', digest: e.digest, slot: e.slot, status: e.status, reason: e.reason, editionId: e.editionId }, e.line ?? `slot ${e.digest} ${e.slot}: ${e.status}${e.reason ? `: ${e.reason}` : ''}`);
      return;
    }
    case 'feed-fetched':
      if (e.status === 'failed') log.warn({ event: 'feed-failed', feed: e.name, url: e.url, error: e.error, ms: Math.round(e.ms) }, `feed ${e.name} failed: ${e.error}`);
      else log.debug({ event: 'feed-fetched', feed: e.name, status: e.status, ms: Math.round(e.ms) }, `feed ${e.name}: ${e.status}`);
      return;
    case 'scheduler-error':
      log.error({ event: 'scheduler-error', digest: e.digest, message: e.message }, `scheduler: ${e.message}`);
      return;
  }
}
