// GET /dashboard in the preview studio (127.0.0.1 only, like the rest of
// it): the list, the editions, the feeds and the schedule at a glance, as
// server-rendered SVG. Mounted by create-preview-app.ts with one call.
import type { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { describeRates, type AppContext } from '../app/index.js';
import { groupedBarChart, lineChart, rateChart, sparkline } from './dashboard-charts.js';
import { loadDashboard, SUBSCRIBER_STATES, type DashboardData } from './dashboard-data.js';

const COLORS = { active: '#2f8f5b', pending: '#d39b1f', unsubscribed: '#7b8794', bounced: '#c0392b', sent: '#2f6fbf', failed: '#c0392b', complained: '#8e44ad' };

/** Same policy as the studio's pages: no inline script or style at all. */
const DASHBOARD_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function mountDashboard(app: Hono, opts: { context: () => AppContext; now?: () => Date }): void {
  const now = opts.now ?? (() => new Date());
  app.get('/assets/dashboard.css', (c) => c.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/dashboard', async (c) => {
    const data = await loadDashboard(opts.context(), now());
    c.header('Content-Security-Policy', DASHBOARD_CSP);
    return c.html(dashboardPage(data));
  });
}

const short = (d: Date | null): string => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + 'Z' : '—');

export function dashboardPage(d: DashboardData): ReturnType<typeof html> {
  const s = d.subscribers;
  const subscribersChart = lineChart({
    title: 'Subscribers over time by status',
    width: 1100,
    labels: s.days.map((x) => x.slice(5)),
    series: SUBSCRIBER_STATES.map((status) => ({ name: status, color: COLORS[status], values: s.byStatus[status] })),
  });
  const oldestFirst = [...d.editions].reverse();
  const editionsChart = groupedBarChart({
    title: 'Deliveries per edition',
    width: 1100,
    height: 220,
    labels: oldestFirst.map((e) => `#${e.editionId}`),
    series: [
      { name: 'sent', color: COLORS.sent, values: oldestFirst.map((e) => e.sent) },
      { name: 'failed', color: COLORS.failed, values: oldestFirst.map((e) => e.failed - e.bounced) },
      { name: 'bounced', color: '#e67e22', values: oldestFirst.map((e) => e.bounced) },
      { name: 'complained', color: COLORS.complained, values: oldestFirst.map((e) => e.complained) },
    ],
  });
  const totals = SUBSCRIBER_STATES.map((status) => html`<div class="stat ${status}"><b>${d.subscribers.current[status] ?? 0}</b><span>${status}</span></div>`);

  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dashboard · Dispatch preview</title>
<link rel="stylesheet" href="/assets/studio.css">
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<header class="bar">
  <div class="brand">Dispatch<small>preview studio</small></div>
  <nav>
    <a href="/">Edition</a>
    <a href="/inbox">Local inbox</a>
    <a href="/review">Review desk</a>
    <a href="/dashboard" class="active">Dashboard</a>
  </nav>
  <span class="live">as of ${short(d.now)}</span>
</header>
<main class="dash">
  <section class="card wide" id="subscribers">
    <h2>Subscribers</h2>
    <div class="stats">${totals}</div>
    <figure>${raw(subscribersChart)}</figure>
    <p class="note">Derived from each subscriber's created, confirmed and last-changed times.</p>
  </section>
  <section class="card wide" id="editions">
    <h2>Editions</h2>
    ${d.editions.length === 0 ? html`<p class="empty">No edition has been built yet.</p>` : html`<figure>${raw(editionsChart)}</figure>
    <table>
      <thead><tr><th>edition</th><th>digest</th><th>created</th><th>status</th><th class="n">sent</th><th class="n">failed</th><th class="n">bounced</th><th class="n">complained</th><th class="n">pending</th><th>send rate</th></tr></thead>
      <tbody>${d.editions.map(
        (e) => html`<tr>
          <td>#${e.editionId} <span class="subj">${e.subject}</span></td><td>${e.digest}</td><td>${short(e.createdAt)}</td><td>${e.status}</td>
          <td class="n">${e.sent}</td><td class="n">${e.failed}</td><td class="n">${e.bounced}</td><td class="n">${e.complained}</td><td class="n">${e.pending}</td>
          <td class="rate">${
            e.rate
              ? html`${raw(rateChart({ title: `Send rate of edition ${e.editionId}`, perSecond: e.rate.perSecond, bucketSeconds: e.rate.bucketSeconds }))}<small>average ${e.rate.average.toFixed(1)}/s, peak ${e.rate.peak.toFixed(1)}/s</small>`
              : html`<small>nothing sent</small>`
          }</td>
        </tr>`,
      )}</tbody>
    </table>`}
  </section>
  <section class="card wide" id="feeds">
    <h2>Feed health</h2>
    ${d.feeds.length === 0 ? html`<p class="empty">No feed has been fetched yet.</p>` : html`<table>
      <thead><tr><th>feed</th><th>health</th><th>last fetch</th><th class="n">failures in a row</th><th>items per day (${d.sparkDays[0]?.slice(5)} – ${d.sparkDays[d.sparkDays.length - 1]?.slice(5)})</th><th>last error</th></tr></thead>
      <tbody>${d.feeds.map(
        (f) => html`<tr class="${f.state.replace(' ', '-')}">
          <td>${f.name}</td><td><span class="pill ${f.state.replace(' ', '-')}">${f.label}</span></td><td>${short(f.lastFetchedAt)}</td><td class="n">${f.failureStreak}</td>
          <td class="spark">${raw(sparkline({ title: `${f.name}: ${f.itemsPerDay.reduce((a, b) => a + b, 0)} items in ${d.sparkDays.length} days`, values: f.itemsPerDay }))}<small>${f.itemsPerDay.reduce((a, b) => a + b, 0)}</small></td>
          <td class="err">${f.state === 'ok' ? '' : (f.lastError ?? '')}</td>
        </tr>`,
      )}</tbody>
    </table>`}
  </section>
  <section class="card wide" id="deliverability">
    <h2>Bounces and complaints</h2>
    <table>
      <thead><tr><th>digest</th><th>last 30 days</th><th>last edition</th><th>state</th></tr></thead>
      <tbody>${d.deliverability.digests.map(
        (g) => html`<tr>
          <td>${g.name}</td><td>${describeRates(g.last30Days)}</td>
          <td>${g.lastEdition ? html`#${g.lastEdition.id}: ${describeRates(g.lastEdition)}` : ''}</td>
          <td>${g.paused ? html`<span class="pill failing">paused: ${g.paused.reason}</span>` : g.lastEdition?.held ? html`<span class="pill failing">stopped: ${g.lastEdition.held}</span>` : html`<span class="pill ok">sending</span>`}</td>
        </tr>`,
      )}</tbody>
    </table>
    ${[...d.deliverability.problems, ...d.deliverability.warnings].map((w) => html`<p class="note">${w}</p>`)}
    <p class="note">A complaint rate of 0.1 % is a warning; at 0.3 % the digest pauses (<code>dispatch digests resume NAME</code>). More than 5 % hard bounces in an edition's first 1,000 messages stops it (<code>dispatch send --edition ID --force</code>).</p>
  </section>
  <section class="card wide" id="slots">
    <h2>Next slots</h2>
    <div class="slots">${d.slots.map(
      (g) => html`<div><h3>${g.title} <small>${g.digest} · ${g.timezone}</small></h3><ol>${g.next.map((n) => html`<li><time datetime="${n.at.toISOString()}">${n.local}</time></li>`)}</ol></div>`,
    )}</div>
  </section>
</main>
</body>
</html>`;
}

export const DASHBOARD_CSS = `
.dash { display: grid; grid-template-columns: minmax(0, 1fr); gap: 18px; padding: 20px; max-width: 1180px; margin: 0 auto; }
.card { background: var(--panel, #fff); border: 1px solid var(--line, #ddd); border-radius: 10px; padding: 14px 18px; }
.card h2 { margin: 0 0 10px; font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted, #666); }
.card h3 { font-size: 14px; margin: 0 0 6px; }
.card h3 small { color: var(--muted, #666); font-weight: 400; }
figure { margin: 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.stats { display: flex; gap: 12px; margin-bottom: 8px; }
.stat { border: 1px solid var(--line, #ddd); border-radius: 8px; padding: 6px 12px; min-width: 90px; }
.stat b { display: block; font-size: 20px; }
.stat span { font-size: 12px; color: var(--muted, #666); }
.stat.active b { color: #2f8f5b; } .stat.pending b { color: #b7860f; } .stat.bounced b { color: #c0392b; } .stat.unsubscribed b { color: #5b6570; }
.note { font-size: 12px; color: var(--muted, #666); margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { text-align: left; font-size: 11.5px; color: var(--muted, #666); font-weight: 600; border-bottom: 1px solid var(--line, #ddd); padding: 6px 8px; }
td { border-top: 1px solid #efece6; padding: 6px 8px; vertical-align: middle; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td .subj { color: var(--muted, #666); display: inline-block; max-width: 260px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; }
td.rate svg, td.spark svg { display: block; }
td.rate small, td.spark small { color: var(--muted, #666); font-size: 11px; }
td.spark { white-space: nowrap; } td.spark svg { display: inline-block; vertical-align: middle; margin-right: 6px; }
td.err { color: #8a3a32; font-size: 12px; max-width: 320px; overflow-wrap: anywhere; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; background: #e6f3ea; color: #216b43; }
.pill.failing { background: #fde3e1; color: #9d2b20; } .pill.retrying { background: #fff1d6; color: #7a5500; }
.pill.paused, .pill.never-fetched { background: #eceef1; color: #4b5560; }
.slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; }
.slots ol { margin: 0; padding-left: 18px; font-size: 13px; }
.empty { color: var(--muted, #666); }
`;
