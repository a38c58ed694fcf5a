// Subscribe by mail: an SMTP listener (DISPATCH_INBOUND_SMTP) for the list's
// request addresses. `subscribe` starts the same double opt-in as the web
// form for the sender; `unsubscribe` (with the token from the List-Unsubscribe
// mailto link, or else for the sender) unsubscribes. Anything else, and any
// mail a machine sent, gets no answer at all: no backscatter to forged senders.
// Mail is accepted (250) before it is acted on, so a problem here never makes
// the sending relay bounce anything back either.
import type { Readable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import {
  normaliseEmail,
  requestSubscription,
  unsubscribeByEmail,
  unsubscribeByToken,
  type AppContext,
  type SubscriptionMailer,
} from '../app/index.js';
import { ConfigError, InputError } from '../shared/errors.js';
import { createRateLimiter, type RateLimitRule } from '../web/index.js';
import { parseRequestMail } from './parse-request-mail.js';

export type InboundEvent =
  | { type: 'subscribe'; email: string; outcome: string }
  | { type: 'unsubscribe'; email: string | null; changed: boolean }
  | { type: 'ignored'; reason: string }
  | { type: 'error'; message: string };

export interface InboundOptions {
  ctx: Pick<AppContext, 'config' | 'store' | 'secret'>;
  mail: SubscriptionMailer;
  /** `host:port` (config.env.inboundSmtp); port 0 picks a free one. */
  listen: string;
  now?: () => Date;
  /** Largest message accepted (bytes). Requests are tiny; default 128 KB. */
  maxBytes?: number;
  perIp?: RateLimitRule;
  perAddress?: RateLimitRule;
  onEvent?: (e: InboundEvent) => void;
}

export interface RunningInbound {
  host: string;
  port: number;
  /** The addresses mail is accepted for. */
  addresses: string[];
  close(): Promise<void>;
}

export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(listen.trim());
  const port = Number(m?.[2]);
  if (!m?.[1] || !Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`DISPATCH_INBOUND_SMTP: expected host:port such as 0.0.0.0:2525, got "${listen}"`);
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/** The request mailboxes: the List-Unsubscribe address, and `subscribe@` the same domain. */
export function requestAddresses(unsubscribeAddress: string): string[] {
  const at = unsubscribeAddress.lastIndexOf('@');
  const domain = unsubscribeAddress.slice(at + 1).toLowerCase();
  return [...new Set([unsubscribeAddress.toLowerCase(), `subscribe@${domain}`, `unsubscribe@${domain}`])];
}

export async function startInboundSmtp(opts: InboundOptions): Promise<RunningInbound> {
  const { ctx, mail } = opts;
  const now = opts.now ?? (() => new Date());
  const emit = (e: InboundEvent) => {
    try {
      opts.onEvent?.(e);
    } catch {
      // a listener's bug must not stop the listener
    }
  };
  const { host, port } = parseListen(opts.listen);
  const addresses = requestAddresses(ctx.config.sending.unsubscribeAddress);
  const maxBytes = opts.maxBytes ?? 128 * 1024;
  const perIp = createRateLimiter(opts.perIp ?? { capacity: 20, refillPerMinute: 2 });
  const perAddress = createRateLimiter(opts.perAddress ?? { capacity: 3, refillPerMinute: 0.1 });
  const inFlight = new Set<Promise<void>>();

  async function handle(raw: string, envelopeFrom: string, ip: string): Promise<void> {
    const req = parseRequestMail(raw);
    if (req.automated || envelopeFrom === '') return emit({ type: 'ignored', reason: 'sent by a machine (bounce, auto-reply or list)' });
    if (!req.command) return emit({ type: 'ignored', reason: 'no subscribe or unsubscribe command' });
    const at = now();
    if (req.command === 'unsubscribe' && req.token) {
      const r = await unsubscribeByToken(ctx, req.token, at, 'mail-token');
      if (r.ok) return emit({ type: 'unsubscribe', email: r.subscriber.email, changed: r.changed });
      // A damaged token: fall back to the sender, as for a plain "unsubscribe".
    }
    let sender: string;
    try {
      sender = normaliseEmail(req.from ?? '');
    } catch {
      return emit({ type: 'ignored', reason: 'no usable From address' });
    }
    if (req.command === 'unsubscribe') {
      const r = await unsubscribeByEmail(ctx, sender, at);
      return emit({ type: 'unsubscribe', email: r.ok ? r.subscriber.email : null, changed: r.ok && r.changed });
    }
    if (!perIp.take(ip, at.getTime()) || !perAddress.take(sender.toLowerCase(), at.getTime())) {
      return emit({ type: 'ignored', reason: 'rate limited' });
    }
    try {
      const r = await requestSubscription(ctx, mail, { email: sender, source: 'mail', ip, now: at });
      emit({ type: 'subscribe', email: r.email, outcome: r.delivery ? await r.delivery : r.outcome });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      emit({ type: 'ignored', reason: error.message });
    }
  }

  const server = new SMTPServer({
    name: new URL(ctx.config.env.publicUrl).hostname,
    banner: 'Dispatch subscription requests',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 2_000,
    logger: false,
    onRcptTo(address, session, callback) {
      if (!addresses.includes(address.address.toLowerCase())) {
        // Refused during the session, so no bounce is ever generated by us.
        callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
        return;
      }
      if (session.envelope.rcptTo.length >= 5) {
        callback(Object.assign(new Error('5.5.3 Too many recipients'), { responseCode: 452 }));
        return;
      }
      callback();
    },
    onData(stream: Readable & { sizeExceeded?: boolean }, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBytes) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          callback(Object.assign(new Error('5.3.4 Message too big for a request'), { responseCode: 552 }));
          return;
        }
        // Read the envelope before answering: the server resets it for the next message.
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const raw = Buffer.concat(chunks).toString('utf8');
        callback(null, '2.0.0 Request received');
        const job = handle(raw, envelopeFrom, session.remoteAddress).catch((error: unknown) =>
          emit({ type: 'error', message: (error as Error)?.message ?? String(error) }),
        );
        inFlight.add(job);
        void job.finally(() => inFlight.delete(job));
      });
    },
  });
  server.on('error', (error) => emit({ type: 'error', message: error.message }));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    host,
    port: typeof address === 'object' && address ? address.port : port,
    addresses,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}
