// A binary max-heap of candidate merges for the agglomerative step. Ties are
// broken by the cluster indices so the merge order, and so the result, never
// depends on anything but the input.

export interface PairEntry {
  score: number;
  a: number;
  b: number;
  /** Versions of `a` and `b` when the entry was pushed; a merge bumps them and makes the entry stale. */
  va: number;
  vb: number;
}

function before(x: PairEntry, y: PairEntry): boolean {
  if (x.score !== y.score) return x.score > y.score;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

export class PairHeap {
  private readonly items: PairEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: PairEntry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as PairEntry;
      if (!before(entry, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = entry;
  }

  pop(): PairEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      if (r < n && before(items[r] as PairEntry, items[l] as PairEntry)) child = r;
      const c = items[child] as PairEntry;
      if (!before(c, last)) break;
      items[i] = c;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
