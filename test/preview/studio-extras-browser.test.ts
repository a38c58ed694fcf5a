// In Chromium: a live reload keeps the mail's scroll position, and the image
// check fills itself in after the page is shown.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { makePreviewFixture, type PreviewFixture } from '../helpers/preview-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('studio fixes in a browser', () => {
  let fx: PreviewFixture;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    fx = await makePreviewFixture();
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

  it('keeps the scroll position of the mail across a reload and fills in the image check', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const origin = new URL(server.url).origin;
    await page.route((url) => url.origin !== origin, (route) => route.abort());
    await page.goto(server.url);
    const frame = page.frameLocator('#mail');
    await expect.poll(() => frame.locator('h1').first().textContent()).toContain('Daily Foreign Policy Brief');
    const mail = page.frame({ url: /\/render\/html/ })!;
    await mail.evaluate('window.scrollTo(0, 700)');
    await expect.poll(() => mail.evaluate('window.scrollY')).toBe(700);
    // What a live reload does.
    await page.evaluate('window.location.reload()');
    await page.waitForLoadState('load');
    await expect.poll(() => page.frameLocator('#mail').locator('body').evaluate((body) => body.ownerDocument.defaultView?.scrollY)).toBe(700);
    // The image check ends as ok or fail (sample images point at hosts this test cannot reach), never "loading".
    await expect
      .poll(() => page.locator('li[data-check="image-load"] .detail').textContent(), { timeout: 30_000 })
      .not.toBe('loading each image…');
    await page.close();
  });
});
