// The review desk in the studio (issue 11): the one part of the studio that
// writes. Every change is a POST from a same-origin form (the csrf middleware
// refuses any other Origin, so a web page the editor visits cannot post here),
// recorded with who and when, and followed by a redirect back to the page.
//
//   GET  /review                  drafts waiting
//   GET  /review/:id              one draft: controls, the copy, the edit history
//   POST /review/:id/edit         op=pin|drop|move|reorder|headline|summary|note
//   POST /review/:id/approve      when=now|slot
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import {
  approveEdition,
  compileTemplates,
  editDraft,
  editorName,
  openMailer,
  readDraft,
  sendReleased,
  type AppContext,
} from '../app/index.js';
import type { EditionEdit } from '../edition/index.js';
import { DispatchError } from '../shared/errors.js';
import { draftsPage, REVIEW_CSS, reviewPage } from './review-page.js';

export interface ReviewRoutesOptions {
  context: () => AppContext;
  now?: () => Date;
  /** Who edits ("studio:NAME"); default the OS user name. */
  editor?: string;
}

const STUDIO_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const LOCAL_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/;

export function createReviewRoutes(opts: ReviewRoutesOptions): Hono {
  const now = opts.now ?? (() => new Date());
  const editor = opts.editor ?? editorName('studio');
  const app = new Hono();
  app.use('*', csrf({ origin: (origin) => LOCAL_ORIGIN.test(origin) }));
  // The csrf refusal (and any other HTTP error) as its own status, not the studio's 500.
  app.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : c.text(messageOf(error), 500)));

  app.get('/assets/review.css', (c) => c.body(REVIEW_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.get('/', async (c) => {
    const ctx = opts.context();
    const reviews = await ctx.store.reviews.listOpen();
    const rows = [];
    for (const review of reviews) rows.push({ review, subject: (await ctx.store.editions.get(review.editionId))?.subject ?? '' });
    c.header('Content-Security-Policy', STUDIO_CSP);
    return c.html(draftsPage(rows));
  });

  app.get('/:id', async (c) => {
    const id = editionIdOf(c);
    if (id === null) return c.text('No such edition.', 404);
    let view;
    try {
      view = await readDraft(opts.context(), id);
    } catch (error) {
      return c.text(messageOf(error), 404);
    }
    const lastNote = [...view.edits].reverse().find((e) => e.edit.op === 'note');
    c.header('Content-Security-Policy', STUDIO_CSP);
    return c.html(reviewPage(view, { ok: c.req.query('ok') ?? undefined, error: c.req.query('error') ?? undefined }, String(lastNote?.edit.markdown ?? '')));
  });

  app.post('/:id/edit', async (c) => {
    const id = editionIdOf(c);
    if (id === null) return c.text('No such edition.', 404);
    const form = await c.req.parseBody();
    const field = (k: string): string => (typeof form[k] === 'string' ? (form[k] as string) : '');
    try {
      const edit = editFromForm(field);
      await editDraft(opts.context(), id, edit, editor, now());
      return back(c, id, { ok: `Saved (${edit.op}).`, anchor: 'storyId' in edit ? edit.storyId : undefined });
    } catch (error) {
      return back(c, id, { error: messageOf(error) });
    }
  });

  app.post('/:id/approve', async (c) => {
    const id = editionIdOf(c);
    if (id === null) return c.text('No such edition.', 404);
    const form = await c.req.parseBody();
    const when = form.when === 'slot' ? 'slot' : 'now';
    const ctx = opts.context();
    try {
      const r = await approveEdition(ctx, id, { by: editor, now: now(), when });
      if (!r.released) return back(c, id, { ok: `Approved for ${r.sendAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.` });
      const compiled = await compileTemplates(ctx.config);
      const mailer = openMailer(ctx.config);
      try {
        const d = await sendReleased(ctx, id, { now, compiled, mailer });
        return back(c, id, { ok: `Approved and sent: ${d.sent} sent, ${d.failed} failed, ${d.skipped} skipped (${mailer.describe()}).` });
      } finally {
        await mailer.close();
      }
    } catch (error) {
      return back(c, id, { error: messageOf(error) });
    }
  });

  return app;
}

/** The edit a form asks for; the use case checks it against the edition. */
export function editFromForm(field: (k: string) => string): EditionEdit {
  const storyId = field('storyId');
  switch (field('op')) {
    case 'pin':
      return { op: 'pin', storyId };
    case 'drop':
      return { op: 'drop', storyId };
    case 'move':
      return { op: 'move', storyId, section: field('section') };
    case 'reorder':
      return { op: 'reorder', storyId, by: Number(field('by')) < 0 ? -1 : 1 };
    case 'headline':
      return { op: 'headline', storyId, title: field('title') };
    case 'summary':
      return { op: 'summary', storyId, text: field('text') };
    case 'note':
      return { op: 'note', markdown: field('markdown') };
    default:
      throw new DispatchError('unknown edit');
  }
}

function editionIdOf(c: Context): number | null {
  const id = c.req.param('id') ?? '';
  return /^\d{1,9}$/.test(id) ? Number(id) : null;
}

function back(c: Context, id: number, m: { ok?: string; error?: string; anchor?: string }): Response {
  const q = new URLSearchParams();
  if (m.ok) q.set('ok', m.ok);
  if (m.error) q.set('error', m.error);
  return c.redirect(`/review/${id}?${q.toString()}${m.anchor ? `#${encodeURIComponent(m.anchor)}` : ''}`, 303);
}

function messageOf(error: unknown): string {
  return error instanceof DispatchError ? error.message : `The review desk failed: ${(error as Error)?.message ?? String(error)}`;
}
