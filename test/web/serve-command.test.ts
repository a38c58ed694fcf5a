// `dispatch serve` as a real process: web and inbound listeners come up,
// /healthz answers, a subscribe mail is accepted, and SIGTERM shuts it all
// down cleanly with exit code 0. The subscribe mail is DKIM-signed with a key
// the test's own DNS server publishes (DISPATCH_DNS_SERVERS): unsigned, it
// would change nothing.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTs, type TsChild } from '../helpers/deliver-child-process.js';
import { startTestDns, type TestDns } from '../helpers/deliverability-dns.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('dispatch serve', () => {
  let child: TsChild;
  let dir: string;
  let dns: TestDns;
  const saved = { ...process.env };

  beforeAll(async () => {
    dns = await startTestDns({ TXT: { 'sel._domainkey.example.org': [`v=DKIM1; k=rsa; p=${publicKey}`] } });
    dir = mkdtempSync(path.join(tmpdir(), 'dispatch-serve-'));
    writeFileSync(path.join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily Brief\n    schedule: "0 7 1 1 *"\nsending:\n  from: "Daily Brief <brief@news.example.org>"\n');
    // The child inherits the environment at spawn time.
    Object.assign(process.env, {
      DISPATCH_SECRET: 'serve-test-secret-0123456789abcdef',
      DISPATCH_PUBLIC_URL: 'https://news.example.org',
      DISPATCH_INBOUND_SMTP: '127.0.0.1:0',
      DISPATCH_DNS_SERVERS: `127.0.0.1:${dns.port}`,
    });
    delete process.env.DISPATCH_SMTP_URL;
    delete process.env.DISPATCH_DATABASE_URL;
    child = spawnTs(path.resolve('src/cli/main.ts'), ['serve', '--port', '0'], { cwd: dir });
  });
  afterAll(async () => {
    process.env = saved;
    await dns.close();
    if (child.child.exitCode === null) child.child.kill('SIGKILL');
  });

  it('serves pages and /healthz, accepts a subscribe mail, and stops on SIGTERM', async () => {
    const web = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(await child.waitForLine(/^listening on /))?.[1] ?? '';
    const smtpPort = Number(/SMTP on 127\.0\.0\.1:(\d+)/.exec(await child.waitForLine(/^subscribe by mail: /))?.[1]);
    expect((await fetch(`${web}/`)).status).toBe(200);
    const health = await fetch(`${web}/healthz`);
    const body = (await health.json()) as { digests?: Array<{ name: string }> };
    expect(body.digests?.map((d) => d.name)).toEqual(['daily']);

    const transport = nodemailer.createTransport({
      host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true,
      dkim: { domainName: 'example.org', keySelector: 'sel', privateKey },
    });
    await transport.sendMail({ from: 'reader@example.org', to: 'subscribe@news.example.org', subject: 'subscribe', text: '' });
    transport.close();
    // No relay configured: the confirmation lands in the outbox folder.
    const outbox = path.join(dir, 'outbox');
    for (let i = 0; i < 100 && !(readdirSafe(outbox).some((f) => f.endsWith('.eml'))); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSafe(outbox).filter((f) => f.endsWith('.eml')), child.stderr()).toHaveLength(1);
    // Logged with its outcome and how it was authenticated (the line follows
    // the confirmation mail, so it may arrive a moment after the .eml file).
    const logged = /inbound: subscribe reader@example\.org: confirmation-sent/;
    for (let i = 0; i < 100 && !logged.test(child.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(child.stderr()).toMatch(/inbound: subscribe reader@example\.org: confirmation-sent \[dmarc=none dkim=pass \(aligned\)/);

    child.child.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(child.lines).toContain('SIGTERM: shutting down');
    expect(child.lines).toContain('stopped');
  }, 90_000); // a real process on a busy machine
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
