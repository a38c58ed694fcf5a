// Durations as people write them in config: "24h", "90m", "7d", "1w", "1h30m".

export type DurationResult = { ok: true; ms: number } | { ok: false; error: string };

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy;

/**
 * Parses a duration such as "24h", "90m", "7d", "1w", "30s", "1h30m" or
 * "1.5h" into milliseconds. Units: ms, s, m (minutes), h, d, w. A bare number
 * is refused (hours? minutes?); so is a zero or negative length. The error
 * says what was expected; the caller adds the config key.
 */
export function parseDuration(input: string): DurationResult {
  const expected = 'a duration like "24h", "90m", "7d" or "1w"';
  if (typeof input !== 'string') return { ok: false, error: `expected ${expected}, got ${typeof input}` };
  const s = input.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return { ok: false, error: `expected ${expected}, got an empty value` };
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = PART.exec(s)) !== null) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
    consumed = PART.lastIndex;
  }
  if (consumed !== s.length || !Number.isFinite(total)) {
    return { ok: false, error: `expected ${expected}, got ${JSON.stringify(input)}` };
  }
  if (total <= 0) return { ok: false, error: `expected a duration longer than zero, got ${JSON.stringify(input)}` };
  return { ok: true, ms: Math.round(total) };
}
