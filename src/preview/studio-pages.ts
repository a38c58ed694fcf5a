// The studio's HTML. hono/html escapes every interpolated string, so feed
// text, subjects and error messages are always shown as text.
import { html } from 'hono/html';
import type { DigestConfig } from '../config/index.js';
import type { Edition, Subscriber } from '../shared/types.js';
import type { CheckStatus } from './check-copy.js';
import type { InboxEntry, InboxMessage } from './outbox-inbox.js';
import type { CopySelection, ShownCopy, StudioProblem, StudioState } from './studio-session.js';
import { readableHeaders, sendTestForm } from './studio-extras-pages.js';

export const VIEWS = ['desktop', 'mobile', 'dark', 'images-off', 'text', 'headers'] as const;
export type StudioView = (typeof VIEWS)[number];
export const INBOX_VIEWS = ['html', 'text', 'headers'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

type Html = ReturnType<typeof html>;

/** The query string for a selection (only what differs from the defaults). */
export function selectionQuery(sel: CopySelection, extra: Record<string, string | null> = {}): string {
  const q = new URLSearchParams();
  if (sel.digest) q.set('digest', sel.digest);
  if (sel.editionId !== null) q.set('edition', String(sel.editionId));
  if (sel.subscriberId !== null) q.set('subscriber', String(sel.subscriberId));
  if (sel.regions) q.set('regions', sel.regions.join(','));
  if (sel.topics) q.set('topics', sel.topics.join(','));
  if (sel.lastGood) q.set('lastGood', '1');
  for (const [k, v] of Object.entries(extra)) if (v !== null) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function layout(title: string, body: Html, attrs: { render?: number; inbox?: number }, nav: 'edition' | 'inbox', inboxCount: number): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Dispatch preview</title>
<link rel="stylesheet" href="/assets/studio.css">
</head>
<body data-render="${attrs.render ?? ''}" data-inbox="${attrs.inbox ?? ''}">
<header class="bar">
  <div class="brand">Dispatch<small>preview studio</small></div>
  <nav>
    <a href="/" class="${nav === 'edition' ? 'active' : ''}">Edition</a>
    <a href="/inbox" class="${nav === 'inbox' ? 'active' : ''}">Local inbox (${inboxCount})</a>
    <a href="/review">Review desk</a>
    <a href="/dashboard">Dashboard</a>
  </nav>
  <span id="live" class="live">connecting…</span>
</header>
${body}
<script src="/assets/studio.js" defer></script>
</body>
</html>`;
}

export interface StudioPageData {
  state: StudioState;
  selection: CopySelection;
  view: StudioView;
  digests: readonly DigestConfig[];
  editions: Edition[];
  subscribers: Subscriber[];
  shown: ShownCopy | null;
  /** A problem with this copy (or the templates), shown instead of the mail. */
  problem: StudioProblem | null;
  inboxCount: number;
  /** A one-line result to show once (e.g. of "send test"). */
  flash?: string | null;
}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✕' };

export function studioPage(d: StudioPageData): Html {
  const sel = d.selection;
  const digestName = d.shown?.digest.name ?? sel.digest ?? d.digests[0]?.name ?? '';
  const controls = html`<form class="controls" method="get" action="/">
  <input type="hidden" name="view" value="${d.view}">
  <label>Digest
    <select name="digest">${d.digests.map((g) => html`<option value="${g.name}" ${g.name === digestName ? 'selected' : ''}>${g.title}</option>`)}</select>
  </label>
  <label>Edition
    <select name="edition" class="wide">
      <option value="">Next edition (not stored, not sent)</option>
      ${d.editions.map(
        (e) => html`<option value="${e.id}" ${e.id === sel.editionId ? 'selected' : ''}>#${e.id} · ${e.createdAt.toISOString().slice(0, 10)} · ${e.digest} · ${truncate(e.subject, 60)}</option>`,
      )}
    </select>
  </label>
  <label>Reader
    <select name="subscriber" class="wide">
      <option value="">Sample reader (reader@example.org)</option>
      ${d.subscribers.map(
        (s) => html`<option value="${s.id}" ${s.id === sel.subscriberId ? 'selected' : ''}>${s.email}${s.name ? ` (${s.name})` : ''}${s.status === 'active' ? '' : ` · ${s.status}`}</option>`,
      )}
    </select>
  </label>
  <label>Regions
    <input name="regions" value="${sel.regions?.join(', ') ?? ''}" placeholder="all">
  </label>
  <label>Topics
    <input name="topics" value="${sel.topics?.join(', ') ?? ''}" placeholder="all">
  </label>
  ${sel.lastGood ? html`<input type="hidden" name="lastGood" value="1">` : ''}
  <button type="submit">Apply</button>
  <span class="hint">Keys, comma-separated: regions such as europe, mena, americas; topics such as trade-sanctions.</span>
</form>`;

  const tabs = html`<div class="tabs">${VIEWS.map(
    (v) => html`<a href="/${selectionQuery(sel, { view: v === 'desktop' ? null : v })}" class="${v === d.view ? 'active' : ''}">${TAB_LABEL[v]}</a>`,
  )}</div>`;

  const body = html`${controls}
<main class="layout">
  <section class="stage">
    ${tabs}
    ${notices(d)}
    ${d.problem ? problemPanel(d.problem, d.state, sel) : d.shown ? copyView(d.shown, d.view, sel, d.state.version) : ''}
  </section>
  ${d.shown && !d.problem ? checksPanel(d.shown) : html`<aside class="checks"><h2>Checks</h2><p class="summary">No copy to check.</p></aside>`}
</main>`;
  return layout(d.shown?.subject ?? 'Preview', body, { render: d.state.version }, 'edition', d.inboxCount);
}

const TAB_LABEL: Record<StudioView, string> = { desktop: 'Desktop', mobile: 'Mobile', dark: 'Dark mode', 'images-off': 'Images off', text: 'Plain text', headers: 'Headers' };

function notices(d: StudioPageData): Html {
  const out: Html[] = [];
  if (d.flash) out.push(html`<div class="notice" id="flash">${d.flash}</div>`);
  if (d.shown?.fromLastGood && d.state.problem) {
    out.push(
      html`<div class="notice">Showing the last good render (compiled ${time(d.state.lastGoodAt)}). The current files do not compile: ${d.state.problem.file ? `${d.state.problem.file}${d.state.problem.line ? `:${d.state.problem.line}` : ''}: ` : ''}${d.state.problem.message} — <a href="/${selectionQuery({ ...d.selection, lastGood: false }, { view: viewParam(d.view) })}">show the error</a></div>`,
    );
  }
  if (d.shown?.copy.empty) {
    out.push(html`<div class="notice">Nothing in this edition matches this reader's preferences: they would get no mail (counted as skipped).</div>`);
  }
  if (d.shown?.wouldNotSend) {
    out.push(html`<div class="notice">This edition would not be sent now: ${d.shown.wouldNotSend}. Pick a past edition to see one that was.</div>`);
  }
  return html`${out}`;
}

function viewParam(v: StudioView): string | null {
  return v === 'desktop' ? null : v;
}

function problemPanel(p: StudioProblem, state: StudioState, sel: CopySelection): Html {
  const heading = p.kind === 'template' ? 'The templates do not compile' : p.kind === 'config' ? 'The config does not load' : 'This copy cannot be shown';
  return html`<div class="problem" id="problem">
  <h2>${heading}</h2>
  ${p.file ? html`<div class="where">${p.file}${p.line != null ? `:${p.line}` : ''}</div>` : ''}
  <div class="message">${p.message}</div>
  ${p.excerpt.length
    ? html`<pre>${p.excerpt.map((l) => html`<span class="${l.bad ? 'bad' : ''}"><b>${l.line}</b>${l.text}</span>`)}</pre>`
    : ''}
  ${state.hasLastGood && p.kind !== 'render'
    ? html`<a class="button plain" id="last-good" href="/${selectionQuery({ ...sel, lastGood: true })}">Show the last good render (${time(state.lastGoodAt)})</a>`
    : ''}
  <p class="detail">Save a fix and this page refreshes by itself.</p>
</div>`;
}

function copyView(s: ShownCopy, view: StudioView, sel: CopySelection, version: number): Html {
  const q = selectionQuery(sel, { v: String(version), mode: view === 'dark' || view === 'images-off' ? view : null });
  const to = s.recipient.name ? `${s.recipient.name} <${s.recipient.email}>` : s.recipient.email;
  const envelope = html`<div class="envelope">
  <div class="subject" id="subject">${s.subject}</div>
  <div class="pre" id="preheader">${s.copy.model.preheader}</div>
  <div class="who">To ${to} · ${s.edition ? `edition #${s.edition.id} of ${s.edition.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'next edition'} · ${s.copy.model.itemCount} items</div>
</div>`;
  if (view === 'text') return html`${envelope}<pre class="plain" id="text-part">${s.copy.text}</pre>`;
  if (view === 'headers') return html`${envelope}<pre class="plain headers" id="raw-headers">${readableHeaders(s.rawHeaders)}</pre>`;
  const frame = html`<iframe id="mail" title="The email as rendered" sandbox="allow-popups allow-popups-to-escape-sandbox allow-same-origin" referrerpolicy="no-referrer" src="/render/html${q}"></iframe>`;
  return view === 'mobile'
    ? html`${envelope}<div class="frame mobile"><div class="phone">${frame}</div></div>`
    : html`${envelope}<div class="frame desktop">${frame}</div>`;
}

function checksPanel(s: ShownCopy): Html {
  const bad = s.checks.filter((c) => c.status === 'fail').length;
  const warn = s.checks.filter((c) => c.status === 'warn').length;
  return html`<aside class="checks" id="checks">
  <h2>Checks</h2>
  ${sendTestForm(s)}
  <p class="summary">${bad ? `${bad} failing, ` : ''}${warn ? `${warn} to look at, ` : ''}${s.checks.length - bad - warn} fine</p>
  <ul>${s.checks.map(
    (c) => html`<li class="${c.status}" data-check="${c.id}"><span class="mark">${MARK[c.status]}</span><span class="label">${c.label}</span><span class="detail">${c.detail}</span></li>`,
  )}</ul>
</aside>`;
}

export interface InboxPageData {
  entries: InboxEntry[];
  total: number;
  outboxDir: string;
  smtpConfigured: boolean;
  message: InboxMessage | null;
  view: InboxView;
  inboxVersion: number;
  renderVersion: number;
}

export function inboxPage(d: InboxPageData): Html {
  const active = d.message?.name;
  const list = html`<div class="inbox-list">
  <h2>Outbox · ${d.total} message${d.total === 1 ? '' : 's'}</h2>
  ${d.smtpConfigured
    ? html`<p>DISPATCH_SMTP_URL is set: mails go to the relay, and only earlier outbox files are listed here.</p>`
    : ''}
  ${d.entries.length === 0
    ? html`<p>Nothing here yet. Without DISPATCH_SMTP_URL every mail the tool sends (digests, confirmations, welcomes) is written to ${d.outboxDir} and shows up here.</p>`
    : html`<ol>${d.entries.map(
        (e) => html`<li><a href="/inbox/${encodeURIComponent(e.name)}" class="${e.name === active ? 'active' : ''}"><span class="subj">${e.subject}</span><span class="meta"><span>${e.to}</span><span>${when(e.date ?? e.modifiedAt)}</span></span></a></li>`,
      )}</ol>`}
</div>`;
  const m = d.message;
  const detail = m
    ? html`<section class="stage">
  <div class="tabs">${INBOX_VIEWS.map(
    (v) => html`<a href="/inbox/${encodeURIComponent(m.name)}${v === 'html' ? '' : `?view=${v}`}" class="${v === d.view ? 'active' : ''}">${INBOX_LABEL[v]}</a>`,
  )}</div>
  <div class="envelope">
    <div class="subject">${m.subject}</div>
    <div class="who">From ${m.from} · to ${m.to} · ${when(m.date ?? m.modifiedAt)} · ${(m.bytes / 1024).toFixed(1)} KB · ${m.name}</div>
  </div>
  ${d.view === 'text'
    ? html`<pre class="plain" id="text-part">${m.text || '(no text part)'}</pre>`
    : d.view === 'headers'
      ? html`<pre class="plain headers" id="raw-headers">${readableHeaders(m.rawHeaders)}</pre>`
      : m.html
        ? html`<div class="frame desktop"><iframe id="mail" title="The email as rendered" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" src="/inbox/${encodeURIComponent(m.name)}/html"></iframe></div>`
        : html`<pre class="plain" id="text-part">${m.text || '(empty message)'}</pre>`}
</section>`
    : html`<section class="stage"><div class="empty">${d.entries.length ? 'Pick a message.' : 'The local inbox is empty.'}</div></section>`;
  return layout(m?.subject ?? 'Local inbox', html`<main class="inbox">${list}${detail}</main>`, { inbox: d.inboxVersion }, 'inbox', d.total);
}

const INBOX_LABEL: Record<InboxView, string> = { html: 'HTML', text: 'Plain text', headers: 'Headers' };

/**
 * Links in a previewed mail open in a new tab rather than inside the frame
 * (the frame's sandbox allows popups and nothing else).
 */
export function withBaseTarget(mailHtml: string): string {
  const base = '<base target="_blank">';
  const head = /<head\b[^>]*>/i.exec(mailHtml);
  if (head) return mailHtml.slice(0, head.index + head[0].length) + base + mailHtml.slice(head.index + head[0].length);
  return base + mailHtml;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function time(d: Date | null): string {
  return d ? d.toISOString().slice(11, 19) + ' UTC' : '';
}

function when(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
