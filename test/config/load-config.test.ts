import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/shared/errors.js';

function withConfig(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-config-'));
  writeFileSync(join(dir, 'dispatch.config.yaml'), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const MINIMAL = `
feeds:
  - name: Desk
    url: feeds/desk.xml
    tags: [world]
digests:
  - name: daily
    title: Daily Brief
`;

describe('loadConfig', () => {
  it('uses the built-in defaults with the bundled sample feeds when there is no config file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dispatch-empty-'));
    const config = loadConfig({ cwd, env: {} });
    expect(config.file).toBeNull();
    expect(config.feeds.length).toBeGreaterThanOrEqual(3);
    for (const f of config.feeds) expect(f.url).toMatch(/feeds\/sample\//);
    expect(config.digests[0]?.name).toBe('daily');
    expect(config.dataDir).toBe(join(cwd, 'data'));
    expect(config.outboxDir).toBe(join(cwd, 'outbox'));
    expect(config.env.smtpUrl).toBeNull();
    expect(Object.isFrozen(config.sending)).toBe(true);
  });

  it('reads a config file, resolves local feed paths against it and fills defaults', () => {
    const dir = withConfig(MINIMAL);
    const config = loadConfig({ cwd: dir, env: { DISPATCH_FROM: 'Brief <brief@example.org>' } });
    expect(config.file).toBe(join(dir, 'dispatch.config.yaml'));
    expect(config.feeds).toMatchObject([{ name: 'Desk', url: join(dir, 'feeds/desk.xml'), tags: ['world'], weight: 1, regions: [], filter: null }]);
    const d = config.digests[0]!;
    expect(d.lookbackMs).toBe(24 * 3600_000);
    expect([d.maxItems, d.minItems]).toEqual([30, 3]);
    expect(config.sending.from).toBe('Brief <brief@example.org>');
    expect(config.sending.pool.connections).toBe(5);
  });

  it('reads catalog files and merges duplicate feeds', () => {
    const dir = withConfig(
      MINIMAL + `  - name: weekly\n    title: Weekly\n    lookback: 7d\n`.replace(/^/, '') ,
      {},
    );
    // (catalog variant)
    const dir2 = withConfig(
      `feeds:\n  - catalog: cat.yaml\n  - name: Same\n    url: https://a.example/rss\ndigests:\n  - name: d\n    title: D\n`,
      { 'cat.yaml': `- name: A\n  url: https://a.example/rss\n  tags: [europe]\n- name: B\n  url: local.xml\n` },
    );
    expect(loadConfig({ cwd: dir, env: {} }).digests.map((x) => x.name)).toEqual(['daily', 'weekly']);
    const feeds = loadConfig({ cwd: dir2, env: {} }).feeds;
    expect(feeds.map((f) => f.name)).toEqual(['A', 'B']);
    expect(feeds[1]?.url).toBe(join(dir2, 'local.xml'));
  });

  it('names an unknown key and where it is', () => {
    const dir = withConfig(MINIMAL.replace('title: Daily Brief', 'title: Daily Brief\n    maxitems: 5'));
    const err = errorOf(() => loadConfig({ cwd: dir, env: {} }));
    expect(err.message).toContain('digests[0]: unknown key "maxitems"');
    expect(err.message).toContain('dispatch.config.yaml');
  });

  it('names a bad value and what was expected', () => {
    const dir = withConfig(MINIMAL.replace('title: Daily Brief', 'title: Daily Brief\n    maxItems: "lots"\n    lookback: soon\n    schedule: "every morning"'));
    const err = errorOf(() => loadConfig({ cwd: dir, env: {} }));
    expect(err.message).toContain('digests[0].maxItems: expected number, received string');
    expect(err.message).toContain('digests[0].lookback: expected a duration like "24h"');
    expect(err.message).toContain('digests[0].schedule: expected a cron expression');
  });

  it('reads sending.threads: auto by default, a count, and names a bad value', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dispatch-empty-'));
    expect(loadConfig({ cwd, env: {} }).sending.threads).toBe('auto');
    expect(loadConfig({ cwd: withConfig(`${MINIMAL}sending:\n  threads: 0\n`), env: {} }).sending.threads).toBe(0);
    const err = errorOf(() => loadConfig({ cwd: withConfig(`${MINIMAL}sending:\n  threads: many\n`), env: {} }));
    expect(err.message).toContain('sending.threads: expected "auto" or a number of threads from 0 to 64');
  });

  it('reports YAML syntax errors with a line number', () => {
    const dir = withConfig('digests:\n  - name: [unclosed\n');
    expect(errorOf(() => loadConfig({ cwd: dir, env: {} })).message).toMatch(/dispatch\.config\.yaml:\d+:\d+: not valid YAML/);
  });

  it('rejects a missing --config file, a bad time zone and bad environment values', () => {
    const dir = withConfig(MINIMAL.replace('title: Daily Brief', 'title: Daily Brief\n    timezone: Mars/Olympus'));
    expect(errorOf(() => loadConfig({ cwd: dir, configPath: 'nope.yaml', env: {} })).message).toContain('config file not found');
    expect(errorOf(() => loadConfig({ cwd: dir, env: {} })).message).toContain('digests[0].timezone: expected an IANA time zone');
    const ok = withConfig(MINIMAL);
    expect(errorOf(() => loadConfig({ cwd: ok, env: { DISPATCH_SMTP_URL: 'http://x' } })).message).toContain('DISPATCH_SMTP_URL');
    expect(errorOf(() => loadConfig({ cwd: ok, env: { DISPATCH_PUBLIC_URL: 'javascript:alert(1)' } })).message).toContain('DISPATCH_PUBLIC_URL');
    expect(errorOf(() => loadConfig({ cwd: ok, env: { DISPATCH_SECRET: 'short' } })).message).toContain('DISPATCH_SECRET');
  });
});

