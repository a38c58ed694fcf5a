// The review desk's pages in the studio: plain HTML forms (the studio's CSP
// allows no inline script or style), every value escaped.
import type { DraftView } from '../app/index.js';
import { describeReview } from '../app/index.js';
import { storiesOf, TOP_BLOCK } from '../edition/index.js';
import type { EditionReview } from '../shared/store.js';
import type { StoryView } from '../shared/types.js';

export const REVIEW_CSS = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f5f2; }
header.bar { background: #1a1a1a; color: #fff; padding: 10px 18px; display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
header.bar a { color: #fff; }
main { display: grid; grid-template-columns: minmax(340px, 1fr) 640px; gap: 18px; padding: 18px; }
@media (max-width: 1100px) { main { grid-template-columns: 1fr; } }
section.panel { background: #fff; border: 1px solid #ddd; padding: 12px 14px; margin-bottom: 14px; }
h1 { font-size: 18px; margin: 0; } h2 { font-size: 15px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .06em; }
.story { border-top: 1px solid #eee; padding: 8px 0; } .story:first-of-type { border-top: 0; }
.story .title { font-weight: 600; } .meta { color: #666; font-size: 13px; }
.row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin-top: 6px; }
form.inline { display: inline; } button { cursor: pointer; }
details summary { cursor: pointer; color: #0b4f8a; font-size: 13px; }
textarea, input[type=text] { width: 100%; box-sizing: border-box; font: inherit; }
textarea { min-height: 90px; }
iframe { width: 100%; height: 1400px; border: 1px solid #ddd; background: #fff; }
.notice { padding: 8px 12px; margin: 0 0 12px; border-left: 4px solid #2e7d32; background: #eef7ee; }
.notice.error { border-color: #b00020; background: #fdecee; }
.approve button { font-weight: 600; padding: 6px 12px; }
table.edits { width: 100%; border-collapse: collapse; font-size: 13px; } table.edits td { border-top: 1px solid #eee; padding: 4px; vertical-align: top; }
`;

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · review desk</title><link rel="stylesheet" href="/review/assets/review.css"></head>
<body><header class="bar"><h1>Review desk</h1><a href="/review">Drafts</a><a href="/">Studio</a><a href="/inbox">Inbox</a><a href="/dashboard">Dashboard</a></header>${body}</body></html>`;
}

export function draftsPage(reviews: Array<{ review: EditionReview; subject: string }>): string {
  const rows = reviews
    .map(({ review, subject }) => `<li><a href="/review/${review.editionId}">Edition ${review.editionId} (${esc(review.digest)}): ${esc(subject)}</a> <span class="meta">${esc(describeReview(review))}</span></li>`)
    .join('');
  return layout('Drafts', `<main><section class="panel"><h2>Waiting for review</h2>${rows ? `<ul>${rows}</ul>` : '<p>No draft is waiting. Digests with <code>review: { required: true }</code> leave their drafts here.</p>'}</section></main>`);
}

function storyControls(id: number, story: StoryView, block: string, sections: Array<{ key: string; title: string }>): string {
  const action = `/review/${id}/edit`;
  const hidden = `<input type="hidden" name="storyId" value="${esc(story.id)}">`;
  const button = (op: string, label: string, extra = '') => `<form class="inline" method="post" action="${action}">${hidden}<input type="hidden" name="op" value="${op}">${extra}<button type="submit">${label}</button></form>`;
  const moveOptions = [{ key: TOP_BLOCK, title: 'Top stories' }, ...sections]
    .filter((s) => s.key !== block)
    .map((s) => `<option value="${esc(s.key)}">${esc(s.title)}</option>`)
    .join('');
  const h = story.headline;
  return `<div class="story" id="${esc(story.id)}">
<div class="title">${esc(h.title)}</div>
<div class="meta">${esc(h.source)}${story.alsoReportedBy.length ? ` + ${story.alsoReportedBy.length} more` : ''} · ${esc(story.id)}</div>
<div class="row">${button('pin', 'Pin to top')}${button('reorder', '↑ Up', '<input type="hidden" name="by" value="-1">')}${button('reorder', '↓ Down', '<input type="hidden" name="by" value="1">')}${button('drop', 'Drop')}
<form class="inline" method="post" action="${action}">${hidden}<input type="hidden" name="op" value="move"><select name="section" aria-label="Move to section">${moveOptions}</select><button type="submit">Move</button></form></div>
<details><summary>Edit headline and summary (this edition only)</summary>
<form method="post" action="${action}">${hidden}<input type="hidden" name="op" value="headline"><label>Headline <input type="text" name="title" maxlength="300" value="${esc(h.title)}"></label><button type="submit">Save headline</button></form>
<form method="post" action="${action}">${hidden}<input type="hidden" name="op" value="summary"><label>Summary (plain text; blank line = new paragraph)<textarea name="text" maxlength="5000">${esc(h.summaryText ?? h.excerpt)}</textarea></label><button type="submit">Save summary</button></form>
</details></div>`;
}

export function reviewPage(view: DraftView, flash: { ok?: string; error?: string }, noteMarkdown: string): string {
  const { edition, review, edits } = view;
  const id = edition.id;
  const model = edition.model;
  const editable = review.status === 'draft';
  const sections = model.sections.map((s) => ({ key: s.key, title: s.title }));
  const blocks = [
    { key: TOP_BLOCK, title: 'Top stories', stories: model.topStories ?? [] },
    ...model.sections,
  ].filter((b) => b.stories.length > 0);
  const storiesHtml = blocks
    .map((b) => `<section class="panel"><h2>${esc(b.title)}</h2>${b.stories.map((s) => (editable ? storyControls(id, s, b.key, sections) : `<div class="story"><div class="title">${esc(s.headline.title)}</div></div>`)).join('')}</section>`)
    .join('');
  const notice = flash.error ? `<p class="notice error">${esc(flash.error)}</p>` : flash.ok ? `<p class="notice">${esc(flash.ok)}</p>` : '';
  const editsHtml = edits.length
    ? `<table class="edits">${edits.map((e) => `<tr><td>${esc(e.at.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${esc(e.author)}</td><td>${esc(describeEdit(e.edit))}</td></tr>`).join('')}</table>`
    : '<p class="meta">No edits yet.</p>';
  const approve = editable || review.status === 'approved'
    ? `<section class="panel approve"><h2>Approve</h2><p class="meta">${esc(describeReview(review))}. ${storiesOf(model).length} stories, ${model.readingMinutes ?? 1}-minute read.</p>
<form class="inline" method="post" action="/review/${id}/approve"><input type="hidden" name="when" value="now"><button type="submit">Approve and send now</button></form>
<form class="inline" method="post" action="/review/${id}/approve"><input type="hidden" name="when" value="slot"><button type="submit">Approve for the slot time (${esc(review.dueAt.toISOString().slice(0, 16).replace('T', ' '))} UTC)</button></form></section>`
    : `<section class="panel"><h2>Status</h2><p>${esc(describeReview(review))}</p></section>`;
  const note = editable
    ? `<section class="panel"><h2>Editor's note</h2><form method="post" action="/review/${id}/edit"><input type="hidden" name="op" value="note"><textarea name="markdown" maxlength="4000" aria-label="Editor's note (Markdown)">${esc(noteMarkdown)}</textarea><div class="row"><button type="submit">Save note</button><span class="meta">Markdown; links, bold, lists. Sanitized like feed text. Empty = no note.</span></div></form></section>`
    : '';
  return layout(
    `Edition ${id}`,
    `<main><div>${notice}<section class="panel"><h2>Edition ${id} · ${esc(edition.digest)}</h2><p><strong>${esc(edition.subject)}</strong></p><p class="meta">${esc(describeReview(review))}</p></section>
${approve}${note}${storiesHtml}<section class="panel"><h2>Edits</h2>${editsHtml}</section></div>
<div><iframe title="The edition as a subscriber gets it" src="/render/html?edition=${id}"></iframe></div></main>`,
  );
}

function describeEdit(e: { op: string } & Record<string, unknown>): string {
  switch (e.op) {
    case 'note':
      return `note: ${String(e.markdown ?? '').slice(0, 80)}`;
    case 'headline':
      return `headline of ${String(e.storyId)}: ${String(e.title)}`;
    case 'summary':
      return `summary of ${String(e.storyId)}`;
    case 'move':
      return `moved ${String(e.storyId)} to ${String(e.section)}`;
    case 'reorder':
      return `moved ${String(e.storyId)} ${Number(e.by) < 0 ? 'up' : 'down'}`;
    default:
      return `${e.op} ${String(e.storyId ?? '')}`;
  }
}
