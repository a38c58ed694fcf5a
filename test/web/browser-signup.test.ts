// End to end in headless Chromium (Debian's chromium through playwright-core):
// fill the sign-up form with the keyboard, read the confirmation mail from the
// in-process SMTP sink, open its link and confirm, see the welcome, then
// unsubscribe with a one-click POST as a mail client would, checking the
// subscriber's state at each step. Saves screenshots of the sign-up page
// (desktop and 320 px) to test-artifacts/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/package-root.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(packageRoot(), 'test-artifacts');

describe.skipIf(!existsSync(CHROMIUM))('sign-up in a browser', () => {
  let s: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    s = await startWebStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('renders the sign-up page without CSP violations, readable at 320 px', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    await page.goto(`${s.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Daily Brief');
    // The stylesheet applied (served from /style.css under style-src 'self').
    // (The test is compiled without the DOM library: reach the browser's globals untyped.)
    const position = await page.locator('.hp').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { position: string } }).getComputedStyle(el).position);
    expect(position).toBe('absolute');
    await page.screenshot({ path: path.join(ARTIFACTS, 'signup.png'), fullPage: true });

    await page.setViewportSize({ width: 320, height: 700 });
    await page.locator('details.more summary').click();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    const box = await page.getByLabel('Email address').boundingBox();
    expect(box?.width).toBeGreaterThan(240);
    await page.screenshot({ path: path.join(ARTIFACTS, 'signup-320.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('signs up, confirms from the mail, and leaves with one click', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await page.goto(`${s.url}/`);
    // Keyboard only: focus the field by its label, type, open the optional
    // choices with the keyboard, tick a region, and submit with Enter.
    await page.getByLabel('Email address').focus();
    await page.keyboard.type('e2e.reader@example.org');
    await page.locator('details.more summary').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Europe').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Email address').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${s.url}/subscribe`);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    expect((await s.subscriber('e2e.reader@example.org'))?.status).toBe('pending');

    // The confirmation mail, as delivered to the sink.
    const [confirmMail] = await s.mailsTo('e2e.reader@example.org');
    const link = /https:\/\/news\.example\.org\/confirm\?token=[A-Za-z0-9_-]+/.exec(confirmMail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(s.local(link ?? ''));
    expect(await page.locator('h1').textContent()).toBe('Confirm your subscription');
    expect((await s.subscriber('e2e.reader@example.org'))?.status).toBe('pending');
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await page.waitForURL(`${s.url}/confirm`);
    expect(await page.locator('h1').textContent()).toBe('Welcome aboard');
    const active = await s.subscriber('e2e.reader@example.org');
    expect(active).toMatchObject({ status: 'active', consentSource: 'web', preferences: { regions: ['europe'] } });
    await page.screenshot({ path: path.join(ARTIFACTS, 'signup-welcome.png') });

    // The welcome mail carries the List-Unsubscribe header a mail client uses.
    const welcome = s.sink.messages.map((m) => m.raw.toString('utf8')).find((r) => r.includes('Subject: Welcome')) ?? '';
    const header = /List-Unsubscribe: <([^>]+)>/.exec(welcome.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';
    expect(header).toMatch(/^https:\/\/news\.example\.org\/unsubscribe\?token=/);
    const res = await fetch(s.local(header), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await s.subscriber('e2e.reader@example.org'))?.status).toBe('unsubscribed');
    await page.close();
  });
});
