// Server-rendered SVG charts for the studio dashboard: pure functions from
// numbers to markup, no script and no CDN, so they render under the studio's
// Content-Security-Policy and in a screenshot exactly as in the browser.
// Colours are SVG presentation attributes (not inline style, which the CSP
// forbids). Every text is escaped here.
// Rejected: a chart library from npm. The four shapes needed (lines, grouped
// bars, a rate line and sparklines) are ~150 lines; the libraries that render
// SVG on the server (vega, chart.js with a canvas) weigh megabytes.

export interface Series {
  name: string;
  color: string;
  values: number[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 1 : 0));

/** A "nice" top for an axis: 1, 2, 5 × 10^k at or above max. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function frame(width: number, height: number, title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${body}</svg>`;
}

function yAxis(x0: number, x1: number, top: number, bottom: number, max: number, unit = ''): string {
  let out = '';
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = bottom - ((bottom - top) * i) / 4;
    out += `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#e3e6ea" stroke-width="1"/>`;
    out += `<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" font-size="11" fill="#5b6570">${fmt(v)}${unit}</text>`;
  }
  return out;
}

function legend(series: Series[], x: number, y: number): string {
  let dx = x;
  return series
    .map((s) => {
      const item = `<rect x="${dx}" y="${y - 9}" width="10" height="10" rx="2" fill="${s.color}"/><text x="${dx + 14}" y="${y}" font-size="12" fill="#2b333b">${esc(s.name)}</text>`;
      dx += 24 + s.name.length * 7;
      return item;
    })
    .join('');
}

/** Lines over labelled x positions (e.g. days), with a legend. */
export function lineChart(opts: { title: string; labels: string[]; series: Series[]; width?: number; height?: number }): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 260;
  const left = 48;
  const right = width - 24;
  const top = 28;
  const bottom = height - 28;
  const n = opts.labels.length;
  const max = niceMax(Math.max(0, ...opts.series.flatMap((s) => s.values)));
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  let body = yAxis(left, right, top, bottom, max);
  // At most ~8 x labels, always the first and the last.
  const step = Math.max(1, Math.ceil(n / 8));
  opts.labels.forEach((l, i) => {
    if (i % step === 0 || i === n - 1) body += `<text x="${x(i)}" y="${bottom + 16}" text-anchor="middle" font-size="11" fill="#5b6570">${esc(l)}</text>`;
  });
  for (const s of opts.series) {
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    body += n === 1 ? `<circle cx="${x(0)}" cy="${y(s.values[0] ?? 0)}" r="3" fill="${s.color}"/>` : `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"/>`;
  }
  body += legend(opts.series, left, 16);
  return frame(width, height, opts.title, body);
}

/** Grouped bars: one group per label (e.g. an edition), one bar per series. */
export function groupedBarChart(opts: { title: string; labels: string[]; series: Series[]; width?: number; height?: number }): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 260;
  const left = 48;
  const right = width - 24;
  const top = 28;
  const bottom = height - 28;
  const groups = Math.max(1, opts.labels.length);
  const max = niceMax(Math.max(0, ...opts.series.flatMap((s) => s.values)));
  const groupWidth = (right - left) / groups;
  const barWidth = Math.max(2, Math.min(18, (groupWidth - 8) / Math.max(1, opts.series.length)));
  let body = yAxis(left, right, top, bottom, max);
  opts.labels.forEach((label, g) => {
    const gx = left + g * groupWidth + (groupWidth - barWidth * opts.series.length) / 2;
    opts.series.forEach((s, i) => {
      const v = s.values[g] ?? 0;
      const h = ((bottom - top) * v) / max;
      body += `<rect x="${(gx + i * barWidth).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(label)}: ${fmt(v)} ${esc(s.name)}</title></rect>`;
    });
    body += `<text x="${(left + g * groupWidth + groupWidth / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="11" fill="#5b6570">${esc(label)}</text>`;
  });
  body += legend(opts.series, left, 16);
  return frame(width, height, opts.title, body);
}

/** A small rate chart: messages per second over the send's duration. */
export function rateChart(opts: { title: string; perSecond: number[]; bucketSeconds: number; width?: number; height?: number }): string {
  const width = opts.width ?? 260;
  const height = opts.height ?? 90;
  const left = 34;
  const right = width - 6;
  const top = 8;
  const bottom = height - 18;
  const n = opts.perSecond.length;
  const max = niceMax(Math.max(0, ...opts.perSecond));
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  let body = `<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#c9ced4"/>`;
  body += `<text x="${left - 4}" y="${top + 8}" text-anchor="end" font-size="10" fill="#5b6570">${fmt(max)}/s</text>`;
  body += `<text x="${left - 4}" y="${bottom}" text-anchor="end" font-size="10" fill="#5b6570">0</text>`;
  const seconds = n * opts.bucketSeconds;
  body += `<text x="${right}" y="${height - 4}" text-anchor="end" font-size="10" fill="#5b6570">${seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`}</text>`;
  if (n > 0) {
    const pts = opts.perSecond.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    body += `<polygon points="${x(0).toFixed(1)},${bottom} ${pts.join(' ')} ${x(n - 1).toFixed(1)},${bottom}" fill="#2f6fbf" fill-opacity="0.18"/>`;
    body += n === 1 ? `<circle cx="${x(0)}" cy="${y(opts.perSecond[0] ?? 0)}" r="3" fill="#2f6fbf"/>` : `<polyline points="${pts.join(' ')}" fill="none" stroke="#2f6fbf" stroke-width="1.5"/>`;
  }
  return frame(width, height, opts.title, body);
}

/** A sparkline: a row of tiny bars, one per day. */
export function sparkline(opts: { title: string; values: number[]; width?: number; height?: number }): string {
  const width = opts.width ?? 140;
  const height = opts.height ?? 28;
  const n = Math.max(1, opts.values.length);
  const max = Math.max(1, ...opts.values);
  const w = width / n;
  const body = opts.values
    .map((v, i) => {
      const h = v === 0 ? 1 : Math.max(2, ((height - 2) * v) / max);
      return `<rect x="${(i * w).toFixed(1)}" y="${(height - h).toFixed(1)}" width="${Math.max(1, w - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${v === 0 ? '#d5d9de' : '#3d8b5f'}"/>`;
    })
    .join('');
  return frame(width, height, opts.title, body);
}
