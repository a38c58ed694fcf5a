// What each bench hands back to run.ts: rows for the summary table.

export interface Row {
  bench: string;
  measure: string;
  value: string;
  /** The target, or '' when the row is informative only. */
  target: string;
  /** PASS/MISS against the target, '' when there is none. */
  status: 'PASS' | 'MISS' | '';
}

export function verdict(ok: boolean): 'PASS' | 'MISS' {
  return ok ? 'PASS' : 'MISS';
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function table(rows: Row[]): string {
  const head: Row = { bench: 'bench', measure: 'measure', value: 'value', target: 'target', status: '' };
  const cols = ['bench', 'measure', 'value', 'target', 'status'] as const;
  const width = cols.map((c) => Math.max(...[head, ...rows].map((r) => r[c].length)));
  const line = (r: Row): string =>
    cols
      .map((c, i) => (c === 'value' ? r[c].padStart(width[i] ?? 0) : r[c].padEnd(width[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), width.map((w) => '-'.repeat(w)).join('  ').trimEnd(), ...rows.map(line)].join('\n');
}

/** Milliseconds since `start` (from performance.now()). */
export function since(start: number): number {
  return performance.now() - start;
}
