// The review desk in the studio over a real HTTP server: the draft's
// controls, edits recorded with who and when, cross-site posts refused, and
// "approve and send" mailing the approved copy.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, readDraft } from '../../src/app/index.js';
import { storiesOf } from '../../src/edition/index.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/index.js';
import { makePreviewFixture, type PreviewFixture } from '../helpers/preview-fixtures.js';

let fx: PreviewFixture;
let server: PreviewServer;
let id: number;
let origin: string;

beforeAll(async () => {
  fx = await makePreviewFixture();
  await fx.ctx.store.subscribers.add({ email: 'ada@example.org', name: 'Ada', status: 'active', now: new Date() });
  const digest = { ...fx.ctx.config.digests[0]!, review: { required: true, deadlineMs: 2 * 3600_000, onMissed: 'skip' as const } };
  const built = await buildEdition(fx.ctx, digest, { now: new Date(), slot: 'run:review-test' });
  if (built.kind !== 'built') throw new Error('expected a draft');
  id = built.edition.id;
  server = await startPreviewServer({ ctx: fx.ctx, port: 0, watch: false, loadConfig: fx.loadConfig });
  origin = server.url.replace(/\/$/, '');
});

afterAll(async () => {
  await server?.close();
  await fx?.close();
});

const post = (path: string, fields: Record<string, string>, from = origin) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: from },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** The message a redirect carries back to the page. */
const flash = (res: Response): string => {
  const q = new URLSearchParams((res.headers.get('location') ?? '').split('?')[1]?.split('#')[0] ?? '');
  return q.get('ok') ?? q.get('error') ?? '';
};

describe('studio review desk', () => {
  it('lists the draft and shows its controls and the copy', async () => {
    const list = await (await fetch(`${origin}/review`)).text();
    expect(list).toContain(`href="/review/${id}"`);
    const res = await fetch(`${origin}/review/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    for (const label of ['Pin to top', 'Drop', '↑ Up', '↓ Down', 'Move', 'Save headline', 'Save summary', 'Save note', 'Approve and send now', 'Approve for the slot time']) {
      expect(html).toContain(label);
    }
    expect(html).toContain(`src="/render/html?edition=${id}"`);
  });

  it('refuses a post from another origin', async () => {
    const res = await post(`/review/${id}/edit`, { op: 'note', markdown: 'evil' }, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(await fx.ctx.store.reviews.edits(id)).toHaveLength(0);
  });

  it('records edits with who and when, and the copy shows them', async () => {
    const { edition } = await readDraft(fx.ctx, id);
    const [first, second] = storiesOf(edition.model);
    let res = await post(`/review/${id}/edit`, { op: 'headline', storyId: first!.id, title: 'An editor wrote this headline' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/review/${id}\\?ok=`));
    res = await post(`/review/${id}/edit`, { op: 'drop', storyId: second!.id });
    res = await post(`/review/${id}/edit`, { op: 'note', markdown: 'Morning. <script>alert(1)</script>**Bold** move.' });
    res = await post(`/review/${id}/edit`, { op: 'move', storyId: first!.id, section: 'nowhere' });
    expect(flash(res)).toContain('no section "nowhere"');
    const edits = await fx.ctx.store.reviews.edits(id);
    expect(edits.map((e) => e.edit.op)).toEqual(['headline', 'drop', 'note']);
    expect(edits.every((e) => e.author.startsWith('studio:'))).toBe(true);
    const copy = await (await fetch(`${origin}/render/html?edition=${id}`)).text();
    expect(copy).toContain('An editor wrote this headline');
    expect(copy).toContain('<strong>Bold</strong>');
    expect(copy).not.toContain('alert(1)');
    expect(copy).not.toContain(second!.headline.title.replace(/&/g, '&amp;'));
  });

  it('approves and sends: the outbox gets the approved copy', async () => {
    const res = await post(`/review/${id}/approve`, { when: 'now' });
    expect(res.status).toBe(303);
    expect(flash(res)).toContain('Approved and sent: 1 sent');
    expect((await fx.ctx.store.editions.get(id))?.status).toBe('sent');
    const eml = readdirSync(fx.outboxDir).filter((f) => f.endsWith('.eml'));
    expect(eml).toHaveLength(1);
    const again = await post(`/review/${id}/edit`, { op: 'note', markdown: 'late' });
    expect(flash(again)).toContain('only a draft can be edited');
  });
});
