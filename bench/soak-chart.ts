// A small SVG chart of the soak samples: RSS, heap, open fds and event-loop
// delay p99 against time, one panel each, with the warm-up shaded. RSS and
// heap have a second, darker line when the samples carry after-GC readings.
export interface SoakSample {
  t: number;
  rssMb: number;
  heapMb: number;
  /** Buffers and other memory outside the JS heap (process.memoryUsage().external, arrayBuffers). */
  externalMb?: number;
  arrayBuffersMb?: number;
  /** The same readings right after a forced full GC (the serve process runs with --expose-gc). */
  rssGcMb?: number;
  heapGcMb?: number;
  /** Resident size of the C allocator's main arena ([heap] in /proc/self/smaps); null off Linux. */
  mallocHeapMb?: number | null;
  fds: number;
  eldP99: number;
  eldMax: number;
  eldP99SinceWarmup: number | null;
}

const W = 720;
const PANEL_H = 120;
const PAD_L = 60;
const PAD_R = 20;
const GAP = 34;

export function soakChartSvg(samples: SoakSample[], opts: { warmupS: number; title: string }): string {
  type Panel = { label: string; unit: string; value: (s: SoakSample) => number; color: string; limit?: number; afterGc?: { value: (s: SoakSample) => number | undefined; color: string } };
  const gcd = samples.some((s) => s.rssGcMb !== undefined);
  const panels: Panel[] = [
    { label: gcd ? 'RSS (light: as sampled, dark: after a forced GC)' : 'RSS', unit: 'MB', value: (s) => s.rssMb, color: gcd ? '#9ecae1' : '#1f77b4', afterGc: { value: (s) => s.rssGcMb, color: '#1f77b4' } },
    { label: gcd ? 'heap used (light: as sampled, dark: after a forced GC)' : 'heap used', unit: 'MB', value: (s) => s.heapMb, color: gcd ? '#a1d99b' : '#2ca02c', afterGc: { value: (s) => s.heapGcMb, color: '#2ca02c' } },
    { label: 'open file descriptors', unit: '', value: (s) => s.fds, color: '#9467bd' },
    { label: 'event-loop delay p99 per 10 s', unit: 'ms', value: (s) => s.eldP99, color: '#d62728', limit: 100 },
  ];
  const tMax = Math.max(1, ...samples.map((s) => s.t));
  const x = (t: number) => PAD_L + ((W - PAD_L - PAD_R) * t) / tMax;
  const height = 40 + panels.length * (PANEL_H + GAP);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${escape(opts.title)}</text>`,
  ];
  panels.forEach((p, i) => {
    const top = 40 + i * (PANEL_H + GAP);
    const values = samples.map(p.value).filter((v) => Number.isFinite(v) && v >= 0);
    const vMax = Math.max(p.limit ?? 0, ...values, 1) * 1.1;
    const y = (v: number) => top + PANEL_H - (PANEL_H * v) / vMax;
    out.push(`<rect x="${PAD_L}" y="${top}" width="${x(Math.min(opts.warmupS, tMax)) - PAD_L}" height="${PANEL_H}" fill="#f0f0f0"/>`);
    out.push(`<rect x="${PAD_L}" y="${top}" width="${W - PAD_L - PAD_R}" height="${PANEL_H}" fill="none" stroke="#999"/>`);
    out.push(`<text x="${PAD_L}" y="${top - 6}">${escape(p.label)}${p.unit ? ` (${p.unit})` : ''}</text>`);
    for (const v of [0, vMax / 2, vMax]) {
      out.push(`<text x="${PAD_L - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 100 ? Math.round(v) : v.toFixed(1)}</text>`);
    }
    if (p.limit !== undefined) {
      out.push(`<line x1="${PAD_L}" x2="${W - PAD_R}" y1="${y(p.limit)}" y2="${y(p.limit)}" stroke="#d62728" stroke-dasharray="4 3"/>`);
    }
    const pts = samples.filter((s) => Number.isFinite(p.value(s)) && p.value(s) >= 0).map((s) => `${x(s.t).toFixed(1)},${y(p.value(s)).toFixed(1)}`);
    out.push(`<polyline fill="none" stroke="${p.color}" stroke-width="1.5" points="${pts.join(' ')}"/>`);
    const gc = p.afterGc;
    if (gcd && gc) {
      const gcPts = samples.flatMap((s) => {
        const v = gc.value(s);
        return v !== undefined && Number.isFinite(v) && v >= 0 ? [`${x(s.t).toFixed(1)},${y(v).toFixed(1)}`] : [];
      });
      out.push(`<polyline fill="none" stroke="${gc.color}" stroke-width="1.5" points="${gcPts.join(' ')}"/>`);
    }
    if (i === panels.length - 1) {
      for (let t = 0; t <= tMax; t += 60) out.push(`<text x="${x(t)}" y="${top + PANEL_H + 14}" text-anchor="middle">${t / 60} min</text>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
