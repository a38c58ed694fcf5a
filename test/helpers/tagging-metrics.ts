// Micro-averaged precision and recall over sets of labels per item.
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function microScore(pairs: ReadonlyArray<{ expected: readonly string[]; actual: readonly string[] }>): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { expected, actual } of pairs) {
    const exp = new Set(expected);
    const act = new Set(actual);
    for (const a of act) {
      if (exp.has(a)) tp += 1;
      else fp += 1;
    }
    for (const e of exp) if (!act.has(e)) fn += 1;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function formatScore(name: string, s: Score): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  return `${name.padEnd(10)} precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
}

/** Per-item differences, for a readable failure message. */
export function differences(
  rows: ReadonlyArray<{ title: string; expected: readonly string[]; actual: readonly string[] }>,
): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const missing = r.expected.filter((e) => !r.actual.includes(e));
    const extra = r.actual.filter((a) => !r.expected.includes(a));
    if (missing.length || extra.length) {
      out.push(`${r.title}: ${missing.length ? `missing ${missing.join(',')} ` : ''}${extra.length ? `extra ${extra.join(',')}` : ''}`);
    }
  }
  return out;
}
