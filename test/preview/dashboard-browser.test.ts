// The dashboard in a real browser (Debian's chromium through playwright-core):
// every chart is drawn, nothing is fetched from elsewhere, no console error;
// the screenshot in the README comes from here (docs/screenshots/dashboard.png,
// written with DISPATCH_UPDATE_SCREENSHOTS=1).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { packageRoot } from '../../src/shared/package-root.js';
import { seedDashboard } from '../helpers/dashboard-seed.js';
import { makePreviewFixture, type PreviewFixture } from '../helpers/preview-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('studio dashboard in a browser', () => {
  let fx: PreviewFixture;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    fx = await makePreviewFixture();
    await seedDashboard(fx);
    server = await startPreviewServer({ ctx: fx.ctx, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fx?.close();
  });

  it('draws every chart from the studio itself and saves the README screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).origin !== origin) foreign.push(r.url());
    });
    // Every resource the page loads answers (the browser's own favicon probe aside).
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}dashboard`);
    await expect.poll(() => page.locator('#subscribers svg polyline').count()).toBe(4);
    expect(await page.locator('#editions svg rect').count()).toBeGreaterThan(2);
    expect(await page.locator('#editions td.rate svg').count()).toBe(1);
    expect(await page.locator('#feeds td.spark svg').count()).toBeGreaterThan(1);
    expect(await page.locator('#feeds .pill.failing').count()).toBe(1);
    expect(await page.locator('#slots li').count()).toBe(10);
    const box = await page.locator('#subscribers svg').boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    // test-artifacts/ on every run; the README's copy only when asked, so a
    // test run leaves the checkout clean: DISPATCH_UPDATE_SCREENSHOTS=1 npm test
    const dir = path.join(packageRoot(), process.env.DISPATCH_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-artifacts');
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'dashboard.png'), fullPage: true });
    // The studio links to it.
    await page.goto(server.url);
    expect(await page.locator('header nav a[href="/dashboard"]').count()).toBe(1);
    await page.close();
  });
});
