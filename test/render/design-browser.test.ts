// The digest's design in a real browser (Debian's chromium through
// playwright-core) at 600 px and 375 px, light and dark: dark mode really
// re-colours the page, nothing overflows on a phone, headlines are
// underlined links. With DISPATCH_SCREENSHOTS=1 it also writes the PNGs the
// README shows (docs/screenshots/).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, buildEditionModel } from '../../src/edition/index.js';
import { builtinTemplatesDir, compileDigest, loadTemplates } from '../../src/render/index.js';
import { packageRoot } from '../../src/shared/package-root.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

const CHROMIUM = '/usr/bin/chromium';
const NOW = new Date('2026-12-01T06:00:00Z');
const SHOTS = path.join(packageRoot(), 'docs', 'screenshots');

const STORIES: Array<[string, string, string, string[]]> = [
  ['Reuters', 'Sudan’s army and RSF agree to resume ceasefire talks in Jeddah', 'Mediators from Saudi Arabia and the United States said both delegations had accepted a new agenda. Talks resume on Monday in Jeddah, with humanitarian access to El Fasher as the first item.', ['sub-saharan-africa']],
  ['Al Jazeera', 'Red Sea shipping insurers cut war-risk premiums as attacks ease', 'Lloyd’s market underwriters trimmed premiums for Suez transits for the first time in a year, citing three weeks without a strike on a merchant vessel.', ['mena']],
  ['Financial Times', 'EU foreign ministers weigh new sanctions on Russian LNG', 'Diplomats said a package targeting transshipment through EU ports could be agreed when ministers meet on 14 December, though Hungary and Slovakia have asked for exemptions.', ['europe']],
  ['Nikkei Asia', 'Japan and the Philippines sign reciprocal access agreement', 'The pact lets each country’s forces train on the other’s territory and follows a year of confrontations with Chinese coast guard vessels near Second Thomas Shoal.', ['east-asia-pacific']],
  ['Americas Quarterly', 'Brazil and Chile open the bioceanic road corridor', 'The route cuts shipping times from Mato Grosso to Pacific ports by about a week; customs officials will run a joint checkpoint at the Paraguay crossing.', ['americas']],
  ['Dawn', 'Pakistan and Afghanistan reopen Torkham crossing after border clashes', 'Traders said hundreds of trucks were waiting on both sides. A joint commission is due to meet next week to agree a ceasefire line.', ['south-central-asia']],
  ['Le Monde', 'Sahel states finalise exit from ECOWAS', 'Mali, Burkina Faso and Niger confirmed the withdrawal; officials said free movement of people will continue for now.', ['sub-saharan-africa']],
  ['Politico Europe', 'NATO allies agree a new air-defence procurement pool', 'Ten allies will buy Patriot interceptors together, a step officials said would halve delivery times.', ['europe']],
];

describe.skipIf(!existsSync(CHROMIUM))('digest design in a browser', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const items = STORIES.map(([source, title, text, regions], i) =>
      makeStoredItem({ id: i + 1, feedId: i + 1, source, title, summaryHtml: `<p>${text}</p>`, excerpt: text, regions, publishedAt: new Date(NOW.getTime() - (i + 1) * 3600_000) }),
    );
    let model = buildEditionModel(items, { name: 'daily', title: 'Daily Foreign Policy Brief', maxItems: 30, sectionBy: 'region' }, { now: NOW, editionId: 42 });
    model = applyEdits(model, [{ op: 'note', markdown: 'Good morning. Two things to watch today: whether the Jeddah talks hold their date, and how far the EU is willing to go on Russian gas. — *The editors*' }]);
    const compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
    html = compiled.render(model, {
      email: 'reader@example.org',
      name: null,
      unsubscribeUrl: 'https://brief.example.org/unsubscribe?token=t',
      preferencesUrl: 'https://brief.example.org/preferences?token=t',
      viewInBrowserUrl: 'https://brief.example.org/editions/42',
    }).html;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    if (process.env.DISPATCH_SCREENSHOTS === '1') await mkdir(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    { width: 600, scheme: 'light' as const },
    { width: 600, scheme: 'dark' as const },
    { width: 375, scheme: 'light' as const },
    { width: 375, scheme: 'dark' as const },
  ])('$width px, $scheme', async ({ width, scheme }) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // A string, not a function: the project compiles without the DOM library.
      const look = (await page.evaluate(`(() => {
        const style = (sel) => getComputedStyle(document.querySelector(sel));
        return {
          page: style('div[role="article"]').backgroundColor,
          card: style('.dm-card').backgroundColor,
          link: style('h3 a.dm-link').color,
          underline: style('h3 a.dm-link').textDecorationLine,
          h1: style('h1').color,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
        };
      })()`)) as { page: string; card: string; link: string; underline: string; h1: string; overflow: number };
      const lum = (rgb: string): number => {
        const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      expect(look.underline).toBe('underline');
      expect(look.overflow).toBeLessThanOrEqual(0);
      if (scheme === 'dark') {
        expect(lum(look.card)).toBeLessThan(0.2);
        expect(lum(look.page)).toBeLessThan(0.2);
        expect(lum(look.h1)).toBeGreaterThan(0.8);
        expect(lum(look.link)).toBeGreaterThan(0.5);
      } else {
        expect(lum(look.card)).toBeGreaterThan(0.95);
        expect(lum(look.h1)).toBeLessThan(0.2);
      }
      if (process.env.DISPATCH_SCREENSHOTS === '1') {
        await page.screenshot({ path: path.join(SHOTS, `digest-${width}-${scheme}.png`), fullPage: true });
      }
    } finally {
      await page.close();
    }
  });
});
