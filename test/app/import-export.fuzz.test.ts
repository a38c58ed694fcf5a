// Fuzzing CSV import on a real SQLite store: any text either imports (bad
// rows reported by line) or fails with the project's own error; parseCsv
// round-trips what csvCell wrote.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSubscribers, openContext, parseCsv, type AppContext } from '../../src/app/index.js';
import { csvCell } from '../../src/app/import-export.js';
import { loadConfig } from '../../src/config/index.js';
import { expectOwnError, fuzzRuns, fuzzTimeout, soupString } from '../helpers/fuzz.js';

let ctx: AppContext;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dispatch-csv-fuzz-'));
  ctx = await openContext(loadConfig({ cwd: dir, env: { DISPATCH_SECRET: 'csv-fuzz-secret-0123456789' } }));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const cell = fc.oneof(
  soupString(20),
  fc.constantFrom('a@example.org', 'B@Example.org', 'x@', '@y', '"', '""', ',', '\n', '\r\n', '{"regions":["europe"]}', '{broken', 'daily;weekly', 'active', 'bounced', '=cmd|"/c calc"!A1'),
);
const csvText = fc.oneof(
  soupString(200),
  fc
    .tuple(
      fc.subarray(['email', 'name', 'digests', 'preferences', 'status', 'bogus'], { minLength: 1 }),
      fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([header, rows, eol]) => [header.join(','), ...rows.map((r) => r.join(','))].join(eol)),
);

describe('fuzz: CSV import', () => {
  it('imports or fails with a Dispatch error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.boolean(), async (csv, active) => {
        try {
          const r = await importSubscribers(ctx, csv, { active, now: new Date('2026-03-01T06:00:00Z') });
          for (const e of r.errors) {
            expect(Number.isInteger(e.line)).toBe(true);
            expect(e.message.length).toBeGreaterThan(0);
          }
        } catch (error) {
          expectOwnError(error);
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  }, fuzzTimeout(30_000));

  it('reads back every row csvCell wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // csvCell defuses formulas with a leading quote; compare with that in mind.
        const text = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
        const back = parseCsv(text).map((r) => r.cells);
        const expected = rows.filter((r) => !(r.length === 1 && r[0] === '')).map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(back).toEqual(expected);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
