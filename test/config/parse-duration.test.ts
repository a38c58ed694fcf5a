import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config/index.js';

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    ['30s', 30_000],
    ['250ms', 250],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    [' 2 H ', 7_200_000],
  ])('parses %j', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it.each(['', '24', 'h', '1y', '-1h', 'abc', '1h foo', '0h'])('refuses %j with a message saying what was expected', (input) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/expected a duration/);
  });
});
