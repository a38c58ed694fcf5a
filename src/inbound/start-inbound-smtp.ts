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
  recordInboundReport,
  requestSubscription,
  sendUnsubscribeChallenge,
  suppressionHash,
  type ReportOutcome,
  unsubscribeByEmail,
  unsubscribeByToken,
  type AppContext,
  type SubscriptionMailer,
} from '../app/index.js';
import { ConfigError, InputError } from '../shared/errors.js';
import { createRateLimiter, type RateLimitRule } from '../web/index.js';
import { isBounceMailbox } from '../deliverability/index.js';
import { authenticateRequest, type DnsResolver } from './authenticate-request.js';
import { parseRequestMail } from './parse-request-mail.js';

export type InboundEvent =
  | { type: 'subscribe'; email: string; outcome: string; auth?: string }
  | { type: 'unsubscribe'; email: string | null; changed: boolean; auth?: string }
  /** A token-less request that did not authenticate: at most a confirmation link was mailed. */
  | { type: 'challenge'; command: 'subscribe' | 'unsubscribe'; email: string; outcome: string; auth: string }
  /** A bounce or complaint report at the bounce/complaints address (issue 10). */
  | { type: 'report'; outcome: ReportOutcome }
  | { type: 'ignored'; reason: string; auth?: string }
  | { type: 'error'; message: string };

/** One log line per inbound action, with its outcome (addresses included: this is the operator's log). */
export function formatInboundEvent(e: InboundEvent): string {
  switch (e.type) {
    case 'report':
      return e.outcome.recorded
        ? `inbound: ${e.outcome.kind} (${e.outcome.format}) for ${e.outcome.email}, delivery ${e.outcome.deliveryId} by ${e.outcome.identifiedBy}${e.outcome.effects.length ? `: ${e.outcome.effects.join('; ')}` : ''}`
        : `inbound: ${e.outcome.kind} (${e.outcome.format}) not recorded: ${e.outcome.reason}`;
    case 'subscribe':
      return `inbound: subscribe ${e.email}: ${e.outcome}${e.auth ? ` [${e.auth}]` : ''}`;
    case 'unsubscribe':
      return `inbound: unsubscribe ${e.email ?? '(unknown address)'}: ${e.changed ? 'unsubscribed' : 'no change'}${e.auth ? ` [${e.auth}]` : ''}`;
    case 'challenge':
      return `inbound: ${e.command} ${e.email} not authenticated [${e.auth}]: ${e.outcome}`;
    case 'ignored':
      return `inbound: ignored: ${e.reason}${e.auth ? ` [${e.auth}]` : ''}`;
    case 'error':
      return `inbound: error: ${e.message}`;
  }
}

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
  /** DNS for DKIM/SPF/DMARC checks (mailauth's resolver shape); default node:dns. */
  resolver?: DnsResolver;
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
  const { bounceAddress, complaintsAddress } = ctx.config.sending;
  const isReportMailbox = (a: string) =>
    (bounceAddress !== null && isBounceMailbox(a, bounceAddress)) || (complaintsAddress !== null && a.toLowerCase() === complaintsAddress.toLowerCase());
  const requests = requestAddresses(ctx.config.sending.unsubscribeAddress);
  const addresses = [...requests, ...(bounceAddress ? [bounceAddress.toLowerCase()] : []), ...(complaintsAddress ? [complaintsAddress.toLowerCase()] : [])];
  // Reports carry the returned original (a whole digest, maybe): more room than requests need.
  const maxBytes = opts.maxBytes ?? (bounceAddress || complaintsAddress ? 2 * 1024 * 1024 : 128 * 1024);
  const mta = new URL(ctx.config.env.publicUrl).hostname;
  const perIp = createRateLimiter(opts.perIp ?? { capacity: 20, refillPerMinute: 2 });
  const perAddress = createRateLimiter(opts.perAddress ?? { capacity: 3, refillPerMinute: 0.1 });
  const inFlight = new Set<Promise<void>>();

  interface Envelope {
    from: string;
    to: string[];
    ip: string;
    helo: string;
  }

  async function handle(raw: Buffer, env: Envelope): Promise<void> {
    if (env.to.some(isReportMailbox)) {
      const verifyReporter = async (fromDomain: string) =>
        (await authenticateRequest(raw, { ip: env.ip, helo: env.helo, envelopeFrom: env.from, fromDomain, mta, resolver: opts.resolver })).authenticated;
      const outcome = await recordInboundReport(ctx, { raw, envelopeTo: env.to, now: now(), verifyReporter });
      return emit({ type: 'report', outcome });
    }
    const req = await parseRequestMail(raw);
    if (req.automated || env.from === '') return emit({ type: 'ignored', reason: 'sent by a machine (bounce, auto-reply or list)' });
    if (!req.command) return emit({ type: 'ignored', reason: 'no subscribe or unsubscribe command' });
    const at = now();
    if (req.command === 'unsubscribe' && req.token) {
      // The signed token is the proof: it came from a mail we sent to this reader.
      const r = await unsubscribeByToken(ctx, req.token, at, 'mail-token');
      if (r.ok) return emit({ type: 'unsubscribe', email: r.subscriber.email, changed: r.changed, auth: 'token' });
      // A damaged token: fall back to the sender, as for a plain "unsubscribe".
    }
    let sender: string;
    try {
      sender = normaliseEmail(req.from ?? '');
    } catch {
      return emit({ type: 'ignored', reason: 'no usable From address' });
    }
    if (!perIp.take(env.ip, at.getTime()) || !perAddress.take(sender.toLowerCase(), at.getTime())) {
      return emit({ type: 'ignored', reason: 'rate limited' });
    }
    // Token-less: the From header is only believed when DKIM or SPF aligned with its domain passes.
    const fromDomain = sender.slice(sender.lastIndexOf('@') + 1);
    const auth = await authenticateRequest(raw, { ip: env.ip, helo: env.helo, envelopeFrom: env.from, fromDomain, mta, resolver: opts.resolver });
    const known = await ctx.store.subscribers.findByEmail(sender);
    if (known && (await ctx.store.deliverability.hasComplained(known.id))) {
      // A reader who reported us as spam gets no mail at all, not even a confirmation.
      return emit({ type: 'ignored', reason: 'the address complained earlier; never mailed again', auth: auth.summary });
    }
    if (!auth.authenticated) {
      const mailable = known && (known.status === 'active' || known.status === 'pending');
      if (!known || (req.command === 'unsubscribe' && !mailable) || known.status === 'bounced') {
        return emit({ type: 'ignored', reason: `${req.command} from ${sender}: not authenticated and not a reader to confirm with`, auth: auth.summary });
      }
      if (req.command === 'unsubscribe') {
        const outcome = await sendUnsubscribeChallenge(ctx, mail, known, at);
        return emit({ type: 'challenge', command: 'unsubscribe', email: sender, outcome, auth: auth.summary });
      }
      // subscribe: the double opt-in link is the confirmation; one per address per day.
      const fresh = await ctx.store.deliverability.claimChallenge(suppressionHash(sender), at, new Date(at.getTime() - 24 * 3600_000));
      if (!fresh) return emit({ type: 'challenge', command: 'subscribe', email: sender, outcome: 'challenge-throttled', auth: auth.summary });
    }
    if (req.command === 'unsubscribe') {
      const r = await unsubscribeByEmail(ctx, sender, at);
      return emit({ type: 'unsubscribe', email: r.ok ? r.subscriber.email : null, changed: r.ok && r.changed, auth: auth.summary });
    }
    try {
      const r = await requestSubscription(ctx, mail, { email: sender, source: 'mail', ip: env.ip, now: at });
      const outcome = r.delivery ? await r.delivery : r.outcome;
      if (auth.authenticated) emit({ type: 'subscribe', email: r.email, outcome, auth: auth.summary });
      else emit({ type: 'challenge', command: 'subscribe', email: r.email, outcome, auth: auth.summary });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      emit({ type: 'ignored', reason: error.message, auth: auth.summary });
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
      if (!addresses.includes(address.address.toLowerCase()) && !isReportMailbox(address.address)) {
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
        const env: Envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ip: session.remoteAddress,
          helo: session.hostNameAppearsAs ?? '',
        };
        const raw = Buffer.concat(chunks);
        callback(null, '2.0.0 Received');
        const job = handle(raw, env).catch((error: unknown) =>
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
