// End to end through the CLI: config file → local feed files → SQLite → render
// → real SMTP sink. Checks what a subscriber receives and that a second run
// mails nobody twice.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { dispatch } from '../helpers/cli-run.js';


function rssItem(i: number, extra: Partial<{ title: string; description: string; link: string }> = {}): string {
  return `<item>
    <title><![CDATA[${extra.title ?? `Envoys meet on ceasefire terms, round ${i}`}]]></title>
    <link>${extra.link ?? `https://news.example.org/world/story-${i}?utm_source=rss`}</link>
    <guid>story-${i}</guid>
    <pubDate>${new Date(Date.now() - i * 3600_000).toUTCString()}</pubDate>
    <description><![CDATA[${extra.description ?? `<p>Negotiators met for round ${i} of talks on a ceasefire.</p>`}]]></description>
  </item>`;
}

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Desk</title><link>https://news.example.org/</link>${items.join('')}</channel></rss>`;
}

const HOSTILE = {
  title: '{{#each @root}}leak{{/each}} <script>alert(1)</script>',
  description:
    '<p onclick="steal()">Text <a href="javascript:alert(1)">click</a> <a href="/relative/path?utm_medium=x">more</a></p>' +
    '<script>alert(2)</script><img src="https://tracker.example.com/p.gif" width="1" height="1"><iframe src="https://evil.example"></iframe>',
  link: 'https://news.example.org/world/hostile',
};

describe('dispatch run (end to end)', () => {
  let sink: SmtpSink;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    dir = mkdtempSync(join(tmpdir(), 'dispatch-cli-'));
    writeFileSync(join(dir, 'desk.xml'), rss([rssItem(1), rssItem(2), rssItem(3, HOSTILE), rssItem(4)]));
    writeFileSync(join(dir, 'broken.xml'), '<html><body>not a feed</body></html>');
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      `feeds:
  - name: Test Desk
    url: desk.xml
    tags: [world]
  - name: Broken
    url: broken.xml
digests:
  - name: daily
    title: Daily Brief
    lookback: 2d
    minItems: 2
sending:
  from: "Daily Brief <brief@example.org>"
  pool: { connections: 2, ratePerSecond: 1000 }
`,
    );
    env = { DISPATCH_SMTP_URL: sink.url, DISPATCH_PUBLIC_URL: 'https://brief.example.org' };
    for (const email of ['ada@example.org', 'Bob@Example.ORG', 'cy@example.net']) {
      const r = await dispatch(dir, ['subscribers', 'add', email], env);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  afterAll(async () => {
    await sink?.close();
  });

  it('fetches, builds one edition and mails every subscriber once; a second run mails nobody', async () => {
    const first = await dispatch(dir, ['run', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    const feeds = report.fetch.feeds as Array<{ name: string; status: string; error: string | null }>;
    expect(feeds.find((f) => f.name === 'Test Desk')?.status).toBe('ok');
    const broken = feeds.find((f) => f.name === 'Broken');
    expect(broken?.status).toBe('failed');
    expect(broken?.error).toMatch(/not a feed/i);
    expect(report.digests[0].edition.items).toBe(4);
    expect(report.digests[0].delivery).toMatchObject({ sent: 3, failed: 0 });

    expect(sink.messages).toHaveLength(3);
    expect([...sink.copyCounts().values()]).toEqual([1, 1, 1]);
    expect(sink.copiesFor('bob@example.org')).toBe(1);

    const again = await dispatch(dir, ['run', '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.digests[0].skipped).toMatch(/no new items/);
    expect(sink.messages).toHaveLength(3);

    const send = await dispatch(dir, ['send'], env);
    expect(send.code).toBe(0);
    expect(send.stdout).toContain('nothing to send');
    expect(sink.messages).toHaveLength(3);
  });

  it('delivers a mail whose headers, parts and links are right and where nothing hostile survives', async () => {
    const mail = await sink.parse(sink.messages[0]!);
    expect(mail.subject).toContain('Daily Brief');
    const rawHeaders = sink.messages[0]!.raw.toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '); // unfolded
    expect(rawHeaders).toMatch(/List-Unsubscribe: <https:\/\/brief\.example\.org\/unsubscribe\?token=[^>]+>,\s*<mailto:[^>]+>/i);
    expect(rawHeaders).toMatch(/^List-Id: Daily Brief <daily\.example\.org>/im);
    expect(rawHeaders).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/i);
    expect(mail.messageId).toMatch(/@example\.org>?$/);

    const html = String(mail.html);
    const text = String(mail.text);
    expect(html).toContain('Envoys meet on ceasefire terms, round 1');
    expect(text).toContain('Envoys meet on ceasefire terms, round 1');
    // Feed text that looks like a template is printed, not executed.
    expect(html).toContain('{{#each @root}}leak{{/each}}');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/onclick/i);
    expect(html).not.toContain('tracker.example.com');
    expect(html).not.toMatch(/<iframe/i);
    expect(html).toContain('https://news.example.org/relative/path');
    expect(html).not.toContain('utm_');
    expect(html).toContain('https://brief.example.org/editions/');
  });

  it('lists subscribers as JSON with normalised addresses, and a duplicate add is not an error', async () => {
    const dup = await dispatch(dir, ['subscribers', 'add', ' ada@EXAMPLE.org '], env);
    expect(dup.code).toBe(0);
    expect(dup.stdout).toContain('already on the list');
    const list = await dispatch(dir, ['subscribers', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout) as Array<{ email: string; status: string }>;
    expect(rows.map((r) => r.email).sort()).toEqual(['ada@example.org', 'bob@example.org', 'cy@example.net']);
    expect(rows.every((r) => r.status === 'active')).toBe(true);
    const bad = await dispatch(dir, ['subscribers', 'add', 'not-an-address'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"@"/);
  });

  it('exits 2 on a config error naming the key, and on bad usage', async () => {
    const badDir = mkdtempSync(join(tmpdir(), 'dispatch-badcfg-'));
    writeFileSync(join(badDir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: D\n    maxItem: 3\n');
    const r = await dispatch(badDir, ['fetch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "maxItem"');
    expect((await dispatch(dir, ['frobnicate'])).code).toBe(2);
    expect((await dispatch(dir, ['run', '--digest', 'nope'], env)).code).toBe(2);
  });

  it('exits 1 when every feed fails', async () => {
    const d = mkdtempSync(join(tmpdir(), 'dispatch-allfail-'));
    writeFileSync(join(d, 'dispatch.config.yaml'), 'feeds:\n  - name: Missing\n    url: missing.xml\ndigests:\n  - name: daily\n    title: D\n');
    const r = await dispatch(d, ['fetch']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Missing\s+failed/);
  });
});

describe('dispatch run on built-in defaults (the quick start)', () => {
  it('writes an HTML preview and .eml files to the outbox without any network', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dispatch-quick-'));
    const r = await dispatch(cwd, ['run'], {});
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toContain('DISPATCH_SMTP_URL is not set');
    expect(r.stdout).toMatch(/preview: .*\.html/);
    const files = readdirSync(join(cwd, 'outbox'));
    expect(files.some((f) => f.endsWith('.eml'))).toBe(true);
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
    const again = await dispatch(cwd, ['run'], {});
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no edition');
    expect(readdirSync(join(cwd, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(files.filter((f) => f.endsWith('.eml')).length);
  });
});
