import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { dispatch } from '../helpers/cli-run.js';


const CONFIG = `feeds:
  - name: Local Desk
    url: desk.xml
  - name: Remote Desk
    url: https://remote.example.org/rss.xml
    tags: [europe]
digests:
  - name: daily
    title: Daily
`;

describe('dispatch feeds', () => {
  it('exports the http(s) feeds as OPML and imports an OPML file into a catalog the config can use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-feeds-'));
    writeFileSync(join(dir, 'dispatch.config.yaml'), CONFIG);
    const exported = await dispatch(dir, ['feeds', 'export-opml']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('xmlUrl="https://remote.example.org/rss.xml"');
    expect(exported.stdout).not.toContain('desk.xml');

    writeFileSync(
      join(dir, 'subs.opml'),
      `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
        <outline text="Think Tanks">
          <outline type="rss" text="Policy &amp; Power" xmlUrl="https://think.example.org/feed?a=1&amp;b=2" htmlUrl="https://think.example.org/"/>
          <outline type="rss" text="Remote again" xmlUrl="https://remote.example.org/rss.xml"/>
          <outline type="rss" text="Sneaky" xmlUrl="file:///etc/passwd"/>
        </outline></body></opml>`,
    );
    const imported = await dispatch(dir, ['feeds', 'import-opml', 'subs.opml']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('wrote 1 feed to');
    expect(imported.stdout).toContain('- catalog: feeds/imported.yaml');
    expect(imported.stderr).toMatch(/file:|http/);
    const catalog = readFileSync(join(dir, 'feeds/imported.yaml'), 'utf8');
    expect(catalog).toContain('https://think.example.org/feed?a=1&b=2');

    writeFileSync(join(dir, 'dispatch.config.yaml'), CONFIG.replace('digests:', '  - catalog: feeds/imported.yaml\ndigests:'));
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.feeds.map((f) => f.name)).toEqual(['Local Desk', 'Remote Desk', 'Policy & Power']);
  });

  it('check fetches each feed once without storing anything and says which fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-check-'));
    writeFileSync(join(dir, 'desk.xml'), '<rss version="2.0"><channel><title>D</title><item><title>Hello</title><link>https://x.example/1</link></item></channel></rss>');
    writeFileSync(join(dir, 'dispatch.config.yaml'), CONFIG.replace('https://remote.example.org/rss.xml', 'missing.xml'));
    const r = await dispatch(dir, ['feeds', 'check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Local Desk\s+ok \(1 item\)/);
    expect(r.stdout).toMatch(/Remote Desk\s+failed\s+.*not found/i);
  });

  it('list never prints a feed URL\'s credentials or query (text and --json)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dispatch-redact-'));
    writeFileSync(
      join(dir, 'dispatch.config.yaml'),
      CONFIG.replace('https://remote.example.org/rss.xml', 'https://reader:hunter2@remote.example.org/rss.xml?apikey=TOPSECRET'),
    );
    for (const args of [['feeds', 'list'], ['feeds', 'list', '--json']]) {
      const r = await dispatch(dir, args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('https://remote.example.org/rss.xml');
      expect(r.stdout + r.stderr).not.toMatch(/hunter2|TOPSECRET/);
    }
  });
});
