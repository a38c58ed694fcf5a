// `dispatch check` against a DNS server and SMTP relays on loopback (nothing
// reaches the internet), and the address/link check every run/send/serve does
// when a relay is set.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/deliverability/index.js';
import { dispatch } from '../helpers/cli-run.js';
import { startTestDns, type TestDns } from '../helpers/deliverability-dns.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../helpers/ingest-tls-fixture.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

async function relay(opts: { starttls: boolean }): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    ...(opts.starttls ? { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT } : { disabledCommands: ['STARTTLS'] }),
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => cb());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function project(dkim = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-check-'));
  writeFileSync(join(dir, 'dkim.pem'), privateKey);
  writeFileSync(
    join(dir, 'dispatch.config.yaml'),
    [
      'digests:',
      '  - name: daily',
      '    title: Daily',
      'sending:',
      '  from: "Daily Brief <brief@news.example.org>"',
      '  unsubscribeAddress: unsubscribe@news.example.org',
      '  bounceAddress: bounces@news.example.org',
      ...(dkim ? ['  dkim: { domain: news.example.org, selector: mail, keyFile: ./dkim.pem }'] : []),
      '',
    ].join('\n'),
  );
  return dir;
}

describe('dispatch check', () => {
  let dns: TestDns;
  let good: { port: number; close(): Promise<void> };
  let plain: { port: number; close(): Promise<void> };
  let badDns: TestDns;

  beforeAll(async () => {
    dns = await startTestDns({
      TXT: {
        'mail._domainkey.news.example.org': [`v=DKIM1; k=rsa; p=${publicKey}`],
        'news.example.org': ['v=spf1 ip4:192.0.2.0/24 -all', 'google-site-verification=abc'],
        '_dmarc.news.example.org': ['v=DMARC1; p=quarantine; rua=mailto:dmarc@news.example.org'],
      },
      MX: { 'news.example.org': [{ exchange: 'mx.news.example.org', preference: 10 }] },
    });
    badDns = await startTestDns({ TXT: { 'mail._domainkey.news.example.org': [`v=DKIM1; k=rsa; p=${otherKey}`] } });
    good = await relay({ starttls: true });
    plain = await relay({ starttls: false });
  });
  afterAll(async () => {
    await Promise.all([dns.close(), badDns.close(), good.close(), plain.close()]);
  });

  const env = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    DISPATCH_PUBLIC_URL: 'https://news.example.org',
    DISPATCH_INBOUND_SMTP: '127.0.0.1:2525',
    DISPATCH_SMTP_URL: `smtp://127.0.0.1:${good.port}`,
    DISPATCH_DNS_SERVERS: `127.0.0.1:${dns.port}`,
    ...over,
  });

  async function check(dir: string, e: NodeJS.ProcessEnv) {
    const r = await dispatch(dir, ['check', '--json'], e);
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: CheckResult[] };
    const byName = Object.fromEntries(report.checks.map((c) => [c.check, c]));
    return { code: r.code, report, byName };
  }

  it('passes a setup that is ready to go live', async () => {
    const { code, report } = await check(project(), env());
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(report.checks.map((c) => c.check)).toEqual([
      'from', 'public-url', 'unsubscribe-address', 'bounce-address', 'inbound-listener', 'dkim', 'spf', 'dmarc', 'mx-unsubscribe', 'mx-bounce', 'relay',
    ]);
  });

  it('fails, naming what to fix, for localhost links, a wrong DKIM key, missing SPF/DMARC/MX and a relay without STARTTLS', async () => {
    const { code, byName } = await check(project(), env({
      DISPATCH_PUBLIC_URL: 'http://192.0.2.7:8080',
      DISPATCH_DNS_SERVERS: `127.0.0.1:${badDns.port}`,
      DISPATCH_SMTP_URL: `smtp://127.0.0.1:${plain.port}`,
      DISPATCH_INBOUND_SMTP: '',
    }));
    expect(code).toBe(1);
    expect(byName['public-url']).toMatchObject({ ok: false, detail: expect.stringMatching(/is not https, is an IP address/) });
    expect(byName.dkim).toMatchObject({ ok: false, detail: expect.stringMatching(/publishes a different key/) });
    expect(byName.spf).toMatchObject({ ok: false, detail: expect.stringMatching(/no SPF record for news\.example\.org/) });
    expect(byName.dmarc).toMatchObject({ ok: false });
    expect(byName['mx-bounce']).toMatchObject({ ok: false, detail: expect.stringMatching(/no MX or A record/) });
    expect(byName['inbound-listener']).toMatchObject({ ok: false });
    expect(byName.relay).toMatchObject({ ok: false, detail: expect.stringMatching(/STARTTLS/) });
    expect(byName.from).toMatchObject({ ok: true });
  });

  it('fails without DKIM and without a bounce address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-check-'));
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily\n');
    const { code, byName } = await check(dir, env());
    expect(code).toBe(1);
    expect(byName.from).toMatchObject({ ok: false, detail: expect.stringMatching(/DISPATCH_FROM/) });
    expect(byName.dkim).toMatchObject({ ok: false, detail: expect.stringMatching(/not configured/) });
    expect(byName['bounce-address']).toMatchObject({ ok: false });
  });
});

describe('the address and link check of run, send and serve', () => {
  it('refuses a real relay with localhost links or From (exit 2, naming the variable to set)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-safety-'));
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily\n');
    for (const cmd of [['run'], ['send'], ['serve', '--port', '0']]) {
      const r = await dispatch(dir, cmd, { DISPATCH_SMTP_URL: 'smtp://relay.example.net:587' });
      expect(r.code, `${cmd[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/set DISPATCH_PUBLIC_URL/);
      expect(r.stderr).toMatch(/set DISPATCH_FROM/);
    }
  });

  it('only warns with a relay on this machine (a local mail catcher)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-safety-'));
    writeFileSync(join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily\n');
    const r = await dispatch(dir, ['send'], { DISPATCH_SMTP_URL: 'smtp://127.0.0.1:1025' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning \(relay on this machine.*set DISPATCH_PUBLIC_URL/);
  });
});
