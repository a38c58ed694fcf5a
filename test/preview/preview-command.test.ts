// `dispatch preview` through the CLI: --out and --json as before, --send-test
// through a real SMTP sink (and to the outbox without one), and the studio
// server in a child process answering on 127.0.0.1.
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTs } from '../helpers/deliver-child-process.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { makePreviewFixture, previewConfigYaml, type PreviewFixture } from '../helpers/preview-fixtures.js';
import { dispatch } from '../helpers/cli-run.js';
import { simpleParser } from 'mailparser';


let fx: PreviewFixture;
let sink: SmtpSink;

beforeAll(async () => {
  fx = await makePreviewFixture();
  sink = await startSmtpSink();
  await fx.ctx.store.subscribers.add({ email: 'ada@example.org', name: 'Ada', status: 'active', now: new Date() });
});

afterAll(async () => {
  await sink?.close();
  await fx?.close();
});

describe('dispatch preview', () => {
  it('--out still writes one static HTML file', async () => {
    const out = path.join(fx.dir, 'preview.html');
    const r = await dispatch(fx.dir, ['preview', '--out', out], fx.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*preview\.html \(\d+\.\d KB, \d+ items\)/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Daily Foreign Policy Brief</h1>');
    expect(html).not.toContain('/editions/0');
  });

  it('--json still prints the edition model', async () => {
    const r = await dispatch(fx.dir, ['preview', '--json', '--digest', 'weekly'], fx.env);
    expect(r.code, r.stderr).toBe(0);
    const model = JSON.parse(r.stdout) as { digest: { name: string }; sections: unknown[]; willSend: boolean };
    expect(model.digest.name).toBe('weekly');
    expect(model.sections.length).toBeGreaterThan(0);
    expect(model.willSend).toBe(true);
  });

  it('--json items carry what they are about next to every country they name', async () => {
    const r = await dispatch(fx.dir, ['preview', '--json', '--digest', 'weekly'], fx.env);
    expect(r.code, r.stderr).toBe(0);
    type Item = { title: string; countries: string[]; aboutCountries?: string[]; regions: string[] };
    type Story = { headline: Item; alsoReportedBy: Item[] };
    const model = JSON.parse(r.stdout) as { sections: Array<{ stories: Story[] }>; topStories?: Story[] };
    const stories = [...(model.topStories ?? []), ...model.sections.flatMap((s) => s.stories)];
    const items = stories.flatMap((st) => [st.headline, ...st.alsoReportedBy]);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      // Stored at ingest (migration 008); the names the model had stay as they were.
      expect(item.aboutCountries, item.title).toBeInstanceOf(Array);
      for (const c of item.aboutCountries ?? []) expect(item.countries, item.title).toContain(c);
    }
    const drc = items.find((i) => /eastern DRC/.test(i.title));
    expect(drc?.aboutCountries).toEqual(['CD']);
  });

  it('--send-test mails the shown copy once through SMTP, marked as a test, outside the ledger', async () => {
    const env = { ...fx.env, DISPATCH_SMTP_URL: sink.url };
    const r = await dispatch(fx.dir, ['preview', '--send-test', 'Me@Example.NET', '--subscriber', 'ada@example.org'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('sent a test of "Daily Foreign Policy Brief: ');
    expect(r.stdout).toContain('to me@example.net');
    expect(sink.messages).toHaveLength(1);
    const msg = sink.messages[0]!;
    expect(msg.to).toEqual(['me@example.net']);
    const mail = await sink.parse(msg);
    expect(mail.subject).toMatch(/^\[TEST\] Daily Foreign Policy Brief: /);
    expect(mail.headers.get('x-dispatch-test')).toBe('yes');
    expect(mail.html).toContain('ada@example.org subscribed');
    expect(msg.raw.toString('utf8')).toMatch(/^List-Unsubscribe:\s+<https:\/\/brief\.example\.org\/unsubscribe\?token=/m);
    // Nothing stored: no edition, so no delivery rows either.
    expect(await fx.ctx.store.editions.list()).toEqual([]);
  });

  it('--send-test without SMTP writes to the outbox and says so', async () => {
    const r = await dispatch(fx.dir, ['preview', '--send-test', 'me@example.net'], fx.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('DISPATCH_SMTP_URL is not set: the test goes to the outbox folder');
    const emls = readdirSync(fx.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(1);
    // Parsed, not grepped: a subject cut with "…" is RFC 2047-encoded on the wire.
    const mail = await simpleParser(readFileSync(path.join(fx.outboxDir, emls[0]!)));
    expect(mail.subject).toMatch(/^\[TEST\] /);
  });

  it('--send-test refuses a bad address and an unknown subscriber', async () => {
    expect((await dispatch(fx.dir, ['preview', '--send-test', 'not-an-address'], fx.env)).code).toBe(2);
    const r = await dispatch(fx.dir, ['preview', '--send-test', 'me@example.net', '--subscriber', 'nobody@example.org'], fx.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no subscriber');
  });
});

describe('dispatch preview (server)', () => {
  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const r = await dispatch(fx.dir, ['preview', '--port', String(port)], fx.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--port ${port}: the port is in use`);
    } finally {
      blocker.close();
    }
  });

  it('fetches the feeds of a fresh install, then serves the studio on 127.0.0.1 until interrupted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-preview-cli-'));
    writeFileSync(path.join(dir, 'dispatch.config.yaml'), previewConfigYaml().replace('templates: ./templates\n', ''));
    const main = path.resolve('src/cli/main.ts');
    const child = spawnTs(main, ['preview', '--port', '0'], { cwd: dir });
    try {
      const line = await child.waitForLine(/^preview studio at /);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
      expect(url).toBeTruthy();
      expect(line).toContain('watching the built-in templates');
      expect(child.stderr()).toContain('the store had no items yet');
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Daily Foreign Policy Brief: ');
      expect((await fetch(`${url}inbox`)).status).toBe(200);
      // The toolbar's review-desk link leads somewhere in the real server.
      const review = await fetch(`${url}review`);
      expect(review.status).toBe(200);
      expect(await review.text()).toContain('Review desk');
    } finally {
      child.child.kill('SIGINT');
    }
    expect((await child.exited).code).toBe(0);
  });
});
