// Checks feeds/foreign-policy.yaml against the entry shape the config schema
// should accept for it (proposed below) and against the tagging keys.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_KEYS, REGION_KEYS } from '../../src/tagging/index.js';

const FEED_KINDS = ['official', 'think-tank', 'journal', 'news', 'blog'] as const;
const tag = z.string().regex(/^[a-z0-9][a-z0-9 &_-]*$/i);

/** The fields proposed for feedEntrySchema in src/config/config-schema.ts. */
const extendedFeedEntry = z.strictObject({
  name: z.string().min(1),
  url: z.string().min(1),
  homepage: z.string().optional(),
  tags: z.array(tag).default([]),
  language: z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as "en"').optional(),
  kind: z.enum(FEED_KINDS).optional(),
  regions: z.array(z.enum(REGION_KEYS)).default([]),
  topics: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).default([]),
  weight: z.number().min(0.5).max(2).default(1),
});

const file = fileURLToPath(new URL('../../feeds/foreign-policy.yaml', import.meta.url));

describe('feeds/foreign-policy.yaml', async () => {
  const raw: unknown = parseYaml(await readFile(file, 'utf8'));
  const parsed = z.array(extendedFeedEntry).safeParse(raw);

  it('matches the extended feed entry shape', () => {
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  const feeds = parsed.data ?? [];

  it('lists at least 30 distinct public http(s) feeds with https homepages', () => {
    expect(feeds.length).toBeGreaterThanOrEqual(30);
    expect(new Set(feeds.map((f) => f.url)).size).toBe(feeds.length);
    expect(new Set(feeds.map((f) => f.name)).size).toBe(feeds.length);
    for (const f of feeds) {
      expect(new URL(f.url).protocol).toMatch(/^https?:$/);
      expect(f.homepage).toMatch(/^https:\/\//);
      expect(f.language).toBeDefined();
      expect(f.kind).toBeDefined();
      expect(f.tags.length).toBeGreaterThan(0);
      for (const t of f.topics) expect(DEFAULT_TOPIC_KEYS).toContain(t);
    }
  });

  it('spreads over every kind and every region', () => {
    for (const kind of FEED_KINDS) expect(feeds.filter((f) => f.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    for (const region of REGION_KEYS) expect(feeds.filter((f) => f.regions.includes(region)).length, region).toBeGreaterThanOrEqual(2);
    expect(feeds.filter((f) => f.regions.length === 0).length).toBeGreaterThanOrEqual(5);
    expect(new Set(feeds.map((f) => f.language)).size).toBeGreaterThanOrEqual(2);
  });

  it('keeps the feeds that catalog.yaml already lists, under the same URLs', async () => {
    const base = parseYaml(await readFile(fileURLToPath(new URL('../../feeds/catalog.yaml', import.meta.url)), 'utf8')) as Array<{ url: string }>;
    const urls = new Set(feeds.map((f) => f.url));
    for (const b of base) expect(urls.has(b.url), b.url).toBe(true);
  });
});
