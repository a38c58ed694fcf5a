// Fuzzing feed decoding and parsing: random bytes, truncated XML, mixed
// encodings and entity soup. Invariants: parseFeed and decodeText never
// throw; a failure is a result with a reason; a success has well-typed items.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, parseFeed, type ParseResult } from '../../src/ingest/index.js';
import { fuzzRuns, fuzzTimeout, soupString } from '../helpers/fuzz.js';

const SAMPLES = ['feeds/sample/world-desk.xml', 'feeds/sample/diplomacy-journal.atom', 'feeds/sample/security-monitor.xml'].map((f) => readFileSync(f));

function checkResult(r: ParseResult): void {
  if (r.ok) {
    for (const item of r.items) {
      for (const v of Object.values(item)) expect(typeof v).toBe('string');
    }
  } else {
    expect(typeof r.reason).toBe('string');
    expect(r.reason.length).toBeGreaterThan(0);
  }
}

const ENTITIES = ['&', '&amp;', '&nbsp;', '&eacute;', '&#0;', '&#x110000;', '&#xD800;', '&bogus;', '&;', '&#;', '&#x;', '&lt', '&&', '&#65;', ']]>', '<![CDATA[', '<!--', '<?xml', '<!DOCTYPE x [<!ENTITY a "b">]>', '\u0000', '\uFEFF'];

describe('fuzz: feed decoding and parsing', () => {
  it('never throws on random bytes under any charset label', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(null, 'text/xml', 'application/rss+xml; charset=utf-8', 'text/xml; charset=windows-1252', 'text/xml; charset=iso-8859-2', 'text/xml; charset=utf-16', 'text/xml; charset="bogus"'),
        async (bytes, type) => {
          const text = decodeText(bytes, type);
          expect(typeof text).toBe('string');
          checkResult(await parseFeed(text));
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  }, fuzzTimeout(30_000));

  it('never throws on truncated or spliced sample feeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SAMPLES), fc.nat(), fc.nat(), soupString(20), async (doc, a, b, insert) => {
        const cut = a % (doc.length + 1);
        const at = b % (cut + 1);
        const text = doc.subarray(0, cut).toString('utf8');
        checkResult(await parseFeed(text.slice(0, at) + insert + text.slice(at)));
      }),
      { numRuns: fuzzRuns(150) },
    );
  }, fuzzTimeout(30_000));

  it('keeps every item of a feed whose titles are entity soup, or says why not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.constantFrom(...ENTITIES), fc.string({ maxLength: 8 })), { maxLength: 6 }), { minLength: 1, maxLength: 5 }), async (titles) => {
        const items = titles.map((t, i) => `<item><title>${t.join('')}</title><link>https://x.example/${i}</link><guid>g${i}</guid></item>`).join('');
        const r = await parseFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`);
        checkResult(r);
      }),
      { numRuns: fuzzRuns(150) },
    );
  }, fuzzTimeout(30_000));

  it('decodes mixed encodings into a string without throwing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('utf8', 'latin1', 'utf16le')), { maxLength: 6 }),
        fc.constantFrom(null, 'text/xml; charset=utf-8', 'text/xml; charset=iso-8859-1', 'text/xml; charset=windows-1252'),
        (parts, type) => {
          const bytes = Buffer.concat(parts.map(([s, enc]) => Buffer.from(s, enc as BufferEncoding)));
          expect(typeof decodeText(bytes, type)).toBe('string');
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('never throws on JSON-ish documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const doc = typeof value === 'object' && value !== null && !Array.isArray(value) ? { version: 'https://jsonfeed.org/version/1.1', ...value } : value;
        checkResult(await parseFeed(JSON.stringify(doc)));
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
