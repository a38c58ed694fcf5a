import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../../src/shared/types.js';
import { fetchFeeds } from '../../src/ingest/index.js';

const feedsDir = fileURLToPath(new URL('../../feeds/', import.meta.url));

async function loadCatalog(file: string): Promise<FeedSource[]> {
  const data: unknown = parseYaml(await readFile(path.join(feedsDir, file), 'utf8'));
  expect(Array.isArray(data)).toBe(true);
  for (const entry of data as unknown[]) {
    expect(entry).toEqual({
      name: expect.any(String),
      url: expect.any(String),
      tags: expect.arrayContaining([expect.any(String)]),
      ...(entry && typeof entry === 'object' && 'homepage' in entry ? { homepage: expect.stringMatching(/^https:\/\//) } : {}),
    });
  }
  return data as FeedSource[];
}

describe('feed catalogs', () => {
  it('catalog.yaml lists distinct public https feeds with tags', async () => {
    const catalog = await loadCatalog('catalog.yaml');
    expect(catalog.length).toBeGreaterThanOrEqual(5);
    expect(catalog.every((f) => /^https:\/\//.test(f.url))).toBe(true);
    expect(new Set(catalog.map((f) => f.url)).size).toBe(catalog.length);
  });

  it('sample.yaml points at the bundled sample feeds, relative to the catalog, and every one parses', async () => {
    const catalog = await loadCatalog('sample.yaml');
    expect(catalog.map((f) => f.url)).toEqual(['sample/world-desk.xml', 'sample/diplomacy-journal.atom', 'sample/security-monitor.xml']);

    const outcomes = await fetchFeeds(
      catalog.map((f, i) => ({ id: i + 1, url: f.url, etag: null, lastModified: null })),
      { baseDir: feedsDir },
    );
    for (const outcome of outcomes) {
      if (outcome.kind !== 'ok') throw new Error(`sample feed ${outcome.feedId} did not parse: ${JSON.stringify(outcome)}`);
      expect(outcome.items.length).toBeGreaterThanOrEqual(8);
      expect(outcome.items.length).toBeLessThanOrEqual(12);
      expect(outcome.title).toBe(catalog[outcome.feedId - 1]?.name);
      expect(new Set(outcome.items.map((i) => i.guid)).size).toBe(outcome.items.length);
      for (const item of outcome.items) {
        expect(item.guid).toBeTruthy();
        expect(item.title).toBeTruthy();
        expect(item.link).toMatch(/^https:\/\/[a-z]+\.example\.(org|net|com)\//);
        expect(item.summary).toMatch(/<p>/);
        expect(item.author).toBeTruthy();
        expect(Number.isNaN(Date.parse(item.date ?? ''))).toBe(false);
      }
    }
    // Curate has something to do: relative links and images in summaries.
    const summaries = outcomes.flatMap((o) => (o.kind === 'ok' ? o.items.map((i) => i.summary ?? '') : []));
    expect(summaries.some((s) => /href="\/[^/]/.test(s))).toBe(true);
    expect(summaries.some((s) => /<img src="\/[^/]/.test(s))).toBe(true);
  });
});
