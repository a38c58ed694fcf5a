// End to end in a real browser (Debian's chromium through playwright-core):
// open the studio, save a template on disk, and see the open page change by
// itself; then a template error, shown with file and line, and the last good
// render one click away. Saves screenshots of the sample digest.
// Each test gets its own fixture (templates folder, store, outbox), studio
// server and page; only the browser process is shared. No test depends on
// what an earlier one wrote to disk or on a recompile it triggered.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMailer } from '../../src/app/index.js';
import { DEFAULT_SELECTION, sendTestCopy, startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { packageRoot } from '../../src/shared/package-root.js';
import { makePreviewFixture, type PreviewFixture } from '../helpers/preview-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(packageRoot(), 'test-artifacts');

describe.skipIf(!existsSync(CHROMIUM))('preview studio in a browser', () => {
  let fx: PreviewFixture;
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  beforeEach(async () => {
    fx = await makePreviewFixture();
    server = await startPreviewServer({ ctx: fx.ctx, loadConfig: fx.loadConfig, port: 0 });
    await server.watching;
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    // The sample feeds' images point at example.org hosts: fail them at once
    // rather than wait on DNS, so screenshots show the finished layout.
    const origin = new URL(server.url).origin;
    await page.route((url) => url.origin !== origin, (route) => route.abort());
  });

  afterEach(async () => {
    await page?.close();
    await server?.close();
    await fx?.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the sample digest on desktop and mobile', async () => {
    await page.goto(server.url);
    const mail = page.frameLocator('#mail');
    await expect.poll(() => mail.locator('h1').first().textContent()).toContain('Daily Foreign Policy Brief');
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-desktop.png') });

    await page.setViewportSize({ width: 1100, height: 1000 });
    await page.goto(`${server.url}?view=mobile`);
    await expect.poll(() => page.frameLocator('#mail').locator('h1').first().textContent()).toContain('Daily Foreign Policy Brief');
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-mobile.png') });
    await page.setViewportSize({ width: 1440, height: 1100 });
  });

  it('re-renders and refreshes the open page when a template is saved', async () => {
    await page.goto(server.url);
    const heading = () => page.frameLocator('#mail').locator('h1').first().textContent({ timeout: 2000 }).catch(() => '');
    await expect.poll(heading).toContain('Daily Foreign Policy Brief');
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');

    const header = path.join(fx.templatesDir, 'partials', 'header.mjml');
    const original = await readFile(header, 'utf8');
    await writeFile(header, original.replace('{{digest.title}}</h1>', 'Edited on disk: {{digest.title}}</h1>'));
    // No page.reload(): the studio must notice by itself.
    await expect.poll(heading, { timeout: 10_000 }).toContain('Edited on disk: Daily Foreign Policy Brief');

    // A broken template: the error with file and line instead of a blank page.
    await writeFile(header, original.replace('<mj-column>', '<mj-column>\n    <mj-text>unclosed'));
    await expect.poll(() => page.locator('#problem').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('#problem .where').textContent()).toBe(`${header}:3`);
    expect(await page.locator('#problem .message').textContent()).toMatch(/<mj-text> is not closed|never closed/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-error.png') });

    // The last good render is one click away.
    await page.click('#last-good');
    await expect.poll(heading).toContain('Edited on disk: Daily Foreign Policy Brief');
  });

  it('lists a mail in the local inbox as soon as it lands in the outbox', async () => {
    await page.goto(`${server.url}inbox`);
    await expect.poll(() => page.locator('#live').textContent()).toBe('live');
    expect(await page.locator('.inbox-list li').count()).toBe(0);
    // The previous test restored a broken template: let any recompile still
    // running finish (reloads are chained; MJML runs in a worker thread).
    await server.session.reload();
    const shown = await server.session.show(DEFAULT_SELECTION, new Date());
    const mailer = openMailer(fx.ctx.config);
    await sendTestCopy(shown.copy, 'me@example.net', mailer, { from: fx.ctx.config.sending.from });
    await mailer.close();
    // No page.reload(): the outbox watcher tells the page.
    await expect.poll(() => page.locator('.inbox-list li').count(), { timeout: 10_000 }).toBe(1);
    await page.click('.inbox-list li a');
    await expect.poll(() => page.frameLocator('#mail').locator('h1').first().textContent()).toContain('Daily Foreign Policy Brief');
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-inbox.png') });
  });
});
