// A small world for scheduler tests: a config file with a local feed, a store
// on SQLite or PostgreSQL (test/helpers/store-dialects.ts), subscribers, and
// an AppContext built on that store (openContext cannot take a PostgreSQL
// schema, so the context is assembled here the way openContext does it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../src/app/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import type { Store } from '../../src/shared/store.js';
import { openStore, type OpenStoreOptions } from '../../src/store/index.js';
import { spawnTs, type TsChild } from './deliver-child-process.js';
import { openTestStore, type StoreDialectName, type TestStore } from './store-dialects.js';

export const SECRET = 'test-secret-0123456789abcdef';

export interface WorldOptions {
  dialect?: StoreDialectName;
  /** The `digests:` list as YAML (indented by two spaces). */
  digestsYaml?: string;
  /** Extra top-level YAML (e.g. a `schedule:` block). */
  extraYaml?: string;
  /** Items in the local feed (0 = no feed at all). */
  items?: number;
  /** Fetch the Desk feed from this URL (startDeskFeedServer) instead of the local desk.xml. */
  feedUrl?: string;
  /** Feeds that do not exist (always fail). */
  brokenFeeds?: number;
  subscribers?: number;
  smtpUrl?: string;
}

export interface World {
  dir: string;
  configPath: string;
  config: Config;
  env: Record<string, string>;
  testStore: TestStore;
  openOptions: OpenStoreOptions;
  ctx: AppContext;
  emails: string[];
  /** A second context on the same database (another "process" in-process). */
  openCtx(): Promise<AppContext>;
  /** Adds items to the local feed (numbers from `from`). */
  writeFeed(count: number, from?: number): void;
  cleanup(): Promise<void>;
}

export const DAILY_BERLIN = `  - name: daily
    title: Daily Brief
    schedule: "0 7 * * *"
    timezone: Europe/Berlin
    lookback: 3650d
    maxAge: 3650d
    minItems: 2
`;

/** The Desk feed's document: `count` items numbered from `from`, an hour apart from 1 Jan 2026. */
export function rss(count: number, from = 1): string {
  const items = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return `<item><title>Envoys meet, round ${i}</title><link>https://news.example.org/story-${i}</link><guid>story-${i}</guid>
      <pubDate>${new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toUTCString()}</pubDate>
      <description><![CDATA[<p>Round ${i} of the talks.</p>]]></description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Desk</title><link>https://news.example.org/</link>${items.join('')}</channel></rss>`;
}

export function contextOn(config: Config, store: Store): AppContext {
  return { config, store, secret: SECRET, notices: [], close: () => store.close() };
}

export async function makeWorld(opts: WorldOptions = {}): Promise<World> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-schedule-'));
  const feeds: string[] = [];
  const items = opts.items ?? 0;
  if (items > 0 || opts.feedUrl) feeds.push(`  - name: Desk\n    url: ${opts.feedUrl ?? 'desk.xml'}\n    tags: [world]`);
  for (let i = 0; i < (opts.brokenFeeds ?? 0); i++) feeds.push(`  - name: Broken ${i}\n    url: missing-${i}.xml`);
  const configPath = path.join(dir, 'dispatch.config.yaml');
  writeFileSync(
    configPath,
    `feeds:${feeds.length ? '\n' + feeds.join('\n') : ' []'}
digests:
${opts.digestsYaml ?? DAILY_BERLIN}sending:
  from: "Daily Brief <brief@example.org>"
  pool: { connections: 2, ratePerSecond: 1000 }
outbox: ./outbox
${opts.extraYaml ?? ''}
`,
  );
  const writeFeed = (count: number, from = 1): void => writeFileSync(path.join(dir, 'desk.xml'), rss(count, from));
  if (items > 0) writeFeed(items);
  const env: Record<string, string> = { DISPATCH_SECRET: SECRET, DISPATCH_PUBLIC_URL: 'https://brief.example.org' };
  if (opts.smtpUrl) env.DISPATCH_SMTP_URL = opts.smtpUrl;
  const config = loadConfig({ configPath, env, cwd: dir });

  const testStore = await openTestStore(opts.dialect ?? 'sqlite');
  const ctx = contextOn(config, testStore.store);
  const emails: string[] = [];
  for (let i = 1; i <= (opts.subscribers ?? 0); i++) {
    const email = `reader${String(i).padStart(2, '0')}@example.net`;
    emails.push(email);
    await testStore.store.subscribers.add({ email, status: 'active', now: new Date('2026-01-01T00:00:00Z') });
  }
  const extra: AppContext[] = [];
  return {
    dir,
    configPath,
    config,
    env,
    testStore,
    openOptions: testStore.openOptions,
    ctx,
    emails,
    writeFeed,
    async openCtx() {
      const c = contextOn(config, await openStore(testStore.openOptions));
      extra.push(c);
      return c;
    },
    async cleanup() {
      for (const c of extra) await c.close().catch(() => undefined);
      await testStore.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DeskFeedServer {
  url: string;
  /** When each request came, by the `now` given (the scheduler's clock). */
  requests: Date[];
  close(): Promise<void>;
}

/** The Desk feed over real HTTP (127.0.0.1, random port), `count` items, no validators: every fetch is a full 200. */
export function startDeskFeedServer(count: number, now: () => Date): Promise<DeskFeedServer> {
  const requests: Date[] = [];
  const server = http.createServer((_req, res) => {
    requests.push(now());
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' });
    res.end(rss(count));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/desk.xml`,
        requests,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    }),
  );
}

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schedule-child.ts');

/**
 * Starts test/helpers/schedule-child.ts on this world's config and database.
 * Its clock reads `startAt` once the go file (`<dir>/go`) appears.
 */
export function spawnSchedulerChild(w: World, sink: { url: string }, holder: string, startAt: string): TsChild {
  return spawnTs(CHILD, [
    JSON.stringify({
      configPath: w.configPath,
      env: { ...w.env, DISPATCH_SMTP_URL: sink.url },
      openOptions: w.openOptions,
      startAt,
      goFile: path.join(w.dir, 'go'),
      holder,
      busyRetryMs: 150,
    }),
  ]);
}
