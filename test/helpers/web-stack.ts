// A whole sign-up stack for web and inbound tests: a config in a temp dir,
// SQLite, the real mailer pointed at an in-process SMTP sink, the compiled
// mails and the Hono app on a real loopback port. The clock is settable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import {
  compileSubscriptionMails,
  compileTemplates,
  openContext,
  openMailer,
  type AppContext,
  type SubscriptionMailer,
} from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import type { Subscriber } from '../../src/shared/types.js';
import { createWebApp, startWebServer, type RunningWebServer, type WebLimits } from '../../src/web/index.js';
import { startSmtpSink, type SmtpSink } from './deliver-smtp-sink.js';

export const PUBLIC_URL = 'https://news.example.org';
export const SECRET = 'web-test-secret-0123456789abcdef';

export interface WebStack {
  url: string;
  ctx: AppContext;
  sink: SmtpSink;
  mail: SubscriptionMailer;
  server: RunningWebServer;
  dir: string;
  /** Milliseconds since the epoch the app sees as "now"; tests move it. */
  clock: { now: number };
  logs: string[];
  /** Waits until every confirmation mail the app started sending has reached the sink. */
  settle(): Promise<void>;
  subscriber(email: string): Promise<Subscriber | undefined>;
  /** Parsed messages the sink accepted for this address, oldest first. */
  mailsTo(email: string): Promise<ParsedMail[]>;
  /** The confirmation link of the newest confirmation mail to this address, pointed at the test server. */
  confirmToken(email: string): Promise<string>;
  /** A public-URL link rewritten to the local server. */
  local(link: string): string;
  postForm(pathAndQuery: string, fields: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface WebStackOptions {
  digests?: Array<{ name: string; title: string }>;
  limits?: Partial<WebLimits>;
  extraConfig?: string;
  /** Mail through the outbox folder instead of the SMTP sink. */
  outbox?: boolean;
}

export async function startWebStack(opts: WebStackOptions = {}): Promise<WebStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-web-'));
  const sink = await startSmtpSink();
  const digests = opts.digests ?? [{ name: 'daily', title: 'Daily Brief' }];
  writeFileSync(
    path.join(dir, 'dispatch.config.yaml'),
    `digests:
${digests.map((d) => `  - name: ${d.name}\n    title: ${d.title}\n    minItems: 0`).join('\n')}
sending:
  from: "Daily Brief <brief@news.example.org>"
  pool: { connections: 4, ratePerSecond: 100000 }
${opts.extraConfig ?? ''}`,
  );
  const config = loadConfig({
    cwd: dir,
    env: {
      DISPATCH_SECRET: SECRET,
      DISPATCH_PUBLIC_URL: PUBLIC_URL,
      ...(opts.outbox ? {} : { DISPATCH_SMTP_URL: sink.url }),
    },
  });
  const ctx = await openContext(config);
  const mailer = openMailer(config);
  const mail: SubscriptionMailer = { mailer, ...(await compileSubscriptionMails(config)) };
  const digest = await compileTemplates(config);
  const clock = { now: Date.parse('2026-03-02T10:00:00.000Z') };
  const logs: string[] = [];
  const app = createWebApp({ ctx, mail, digest, now: () => new Date(clock.now), limits: opts.limits, log: (l) => logs.push(l) });
  const server = await startWebServer(app, { port: 0 });
  const local = (link: string) => link.replace(PUBLIC_URL, server.url);

  const mailsTo = async (email: string): Promise<ParsedMail[]> => {
    await app.drain();
    const out: ParsedMail[] = [];
    for (const m of sink.messages.filter((x) => x.to.includes(email.toLowerCase()))) out.push(await sink.parse(m));
    return out;
  };

  return {
    url: server.url,
    ctx,
    sink,
    mail,
    server,
    dir,
    clock,
    logs,
    settle: () => app.drain(),
    subscriber: (email) => ctx.store.subscribers.findByEmail(email),
    mailsTo,
    async confirmToken(email) {
      const mails = (await mailsTo(email)).filter((m) => /^Confirm/.test(m.subject ?? ''));
      const last = mails.at(-1);
      if (!last) throw new Error(`no confirmation mail to ${email}`);
      const m = /\/confirm\?token=([A-Za-z0-9_-]+)/.exec(last.text ?? '');
      if (!m?.[1]) throw new Error('no confirmation link in the mail');
      return m[1];
    },
    local,
    postForm(pathAndQuery, fields, headers = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return fetch(`${server.url}${pathAndQuery}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
        redirect: 'manual',
      });
    },
    async close() {
      await server.close();
      await app.drain();
      await mailer.close();
      await ctx.close();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A raw HTTP request that tolerates the server answering (and closing) before
 * the body is fully sent, as it must for an oversized body.
 */
export function rawRequest(
  url: string,
  opts: { method: string; headers: Record<string, string | number>; bodyBytes: number; chunked?: boolean },
): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method, headers: opts.headers });
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBytes: sent }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, sentBytes: sent }));
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (sent < opts.bodyBytes && !answered && !req.destroyed) {
        const n = Math.min(chunk.length, opts.bodyBytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}
