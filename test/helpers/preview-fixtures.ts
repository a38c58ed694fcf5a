// A throwaway Dispatch installation for preview tests: a config file in a temp
// folder using the bundled sample feeds, an override templates folder (a copy
// of the built-in one, so tests can edit it), SQLite and an outbox inside.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openContext, refreshFeeds, type AppContext } from '../../src/app/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { builtinTemplatesDir } from '../../src/render/index.js';
import { packageRoot } from '../../src/shared/package-root.js';

export interface PreviewFixture {
  dir: string;
  configFile: string;
  templatesDir: string;
  outboxDir: string;
  env: NodeJS.ProcessEnv;
  ctx: AppContext;
  loadConfig: () => Config;
  close(): Promise<void>;
}

export const PREVIEW_SECRET = 'preview-test-secret-0123456789';

export function previewConfigYaml(opts: { title?: string; extra?: string } = {}): string {
  return `feeds:
  - catalog: ${JSON.stringify(path.join(packageRoot(), 'feeds', 'sample.yaml'))}
digests:
  - name: daily
    title: ${JSON.stringify(opts.title ?? 'Daily Foreign Policy Brief')}
    lookback: 3650d
    maxAge: 3650d
    minItems: 3
  - name: weekly
    title: Weekly Review
    lookback: 3650d
    maxAge: 3650d
    minItems: 1
templates: ./templates
sending:
  from: "Daily Brief <brief@example.org>"
${opts.extra ?? ''}`;
}

/** With `fetch` (default true) the sample feeds are already in the store. */
export async function makePreviewFixture(opts: { fetch?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<PreviewFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dispatch-preview-'));
  const templatesDir = path.join(dir, 'templates');
  await cp(builtinTemplatesDir(), templatesDir, { recursive: true });
  const configFile = path.join(dir, 'dispatch.config.yaml');
  await writeFile(configFile, previewConfigYaml());
  const env: NodeJS.ProcessEnv = { DISPATCH_SECRET: PREVIEW_SECRET, DISPATCH_PUBLIC_URL: 'https://brief.example.org', ...opts.env };
  const load = () => loadConfig({ configPath: configFile, env });
  const ctx = await openContext(load());
  if (opts.fetch !== false) await refreshFeeds(ctx, { now: () => new Date() });
  return {
    dir,
    configFile,
    templatesDir,
    outboxDir: ctx.config.outboxDir,
    env,
    ctx,
    loadConfig: load,
    async close() {
      await ctx.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `check` returns true, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
