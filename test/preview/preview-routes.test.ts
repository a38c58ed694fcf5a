// Every studio route through Hono's app.request(), on a real SQLite store
// filled from the bundled sample feeds and a real override templates folder.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, openMailer } from '../../src/app/index.js';
import { createPreviewApp, createStudioSession, type StudioSession } from '../../src/preview/index.js';
import { makePreviewFixture, previewConfigYaml, type PreviewFixture } from '../helpers/preview-fixtures.js';

let fx: PreviewFixture;
let session: StudioSession;
let app: Hono;
let subscriberId: number;
let editionId: number;

beforeAll(async () => {
  fx = await makePreviewFixture();
  const { subscriber } = await fx.ctx.store.subscribers.add({ email: 'ada@example.org', name: 'Ada', status: 'active', now: new Date() });
  subscriberId = subscriber.id;
  const digest = fx.ctx.config.digests[1];
  if (!digest) throw new Error('fixture has two digests');
  const built = await buildEdition(fx.ctx, digest, { now: new Date(), slot: 'test-slot' });
  if (built.kind !== 'built') throw new Error('expected an edition');
  editionId = built.edition.id;
  session = await createStudioSession({ ctx: fx.ctx, loadConfig: fx.loadConfig });
  app = createPreviewApp({ session, keepAliveSeconds: 1 });
});

afterAll(async () => {
  await fx?.close();
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await app.request(url, { headers });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

describe('studio page', () => {
  it('shows the next edition on desktop, in a sandboxed frame without scripts, under a strict CSP', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div class="subject" id="subject">Daily Foreign Policy Brief: ');
    expect(r.body).toContain('next edition');
    const frame = /<iframe id="mail"[^>]*>/.exec(r.body)?.[0] ?? '';
    expect(frame).toMatch(/sandbox="allow-popups allow-popups-to-escape-sandbox allow-same-origin"/);
    expect(frame).not.toContain('allow-scripts');
    expect(frame).toContain('src="/render/html?v=');
    expect(r.body).toContain('<div class="frame desktop">');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.body).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/);
    expect(r.body).toContain('<script src="/assets/studio.js" defer></script>');
    expect(r.body).toMatch(/data-render="\d+"/);
  });

  it('has the checks panel for the shown copy', async () => {
    const r = await get('/');
    for (const id of ['size', 'links', 'images', 'alt', 'https', 'unsubscribe', 'subject', 'preheader']) {
      expect(r.body).toContain(`data-check="${id}"`);
    }
    expect(r.body).toMatch(/<li class="ok" data-check="unsubscribe">/);
  });

  it('shows the mobile view at 375 px', async () => {
    const r = await get('/?view=mobile');
    expect(r.body).toContain('<div class="frame mobile"><div class="phone"><iframe id="mail"');
    const css = await get('/assets/studio.css');
    expect(css.body).toMatch(/\.frame\.mobile iframe \{ width: 375px;/);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('shows the plain-text part and the raw headers of the real message', async () => {
    const text = await get('/?view=text');
    expect(text.body).toContain('<pre class="plain" id="text-part">');
    expect(text.body).not.toContain('<iframe');
    const headers = await get('/?view=headers');
    expect(headers.body).toMatch(/List-Unsubscribe:\s+&lt;https:\/\/brief.example.org\/unsubscribe\?token=/);
    expect(headers.body).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers.body).toContain('To: reader@example.org');
  });

  it('personalises the copy for a chosen subscriber', async () => {
    const page = await get(`/?subscriber=${subscriberId}&view=headers`);
    expect(page.body).toContain(`<option value="${subscriberId}" selected>ada@example.org (Ada)</option>`);
    expect(page.body).toMatch(/To: (&quot;)?Ada(&quot;)? &lt;ada@example.org&gt;/);
    const mine = await get(`/render/headers?subscriber=${subscriberId}`);
    const sample = await get('/render/headers');
    const unsub = (h: string) => /List-Unsubscribe:\s+<([^>]+)>/.exec(h)?.[1];
    expect(unsub(mine.body)).toBeTruthy();
    expect(unsub(mine.body)).not.toBe(unsub(sample.body));
    const html = await get(`/render/html?subscriber=${subscriberId}`);
    expect(html.body).toContain('ada@example.org subscribed');
  });

  it('takes preferences from the query, keeps them in the links, and says when the copy would be empty', async () => {
    const r = await get('/?regions=europe,%20asia&topics=trade');
    expect(r.body).toContain('name="regions" value="europe, asia"');
    expect(r.body).toContain('href="/?regions=europe%2Casia&amp;topics=trade&amp;view=mobile"');
    // "trade" is no topic key, so nothing matches: the reader would get no mail.
    expect(r.body).toContain('they would get no mail');
    expect((await get('/')).body).not.toContain('they would get no mail');
  });

  it('shows any past edition from the archive', async () => {
    const r = await get(`/?edition=${editionId}`);
    expect(r.body).toContain(`<option value="${editionId}" selected>#${editionId} · `);
    expect(r.body).toContain(`edition #${editionId} of`);
    const html = await get(`/render/html?edition=${editionId}`);
    expect(html.body).toContain('Weekly Review');
    expect(html.body).toContain(`https://brief.example.org/editions/${editionId}`);
    const model = JSON.parse((await get(`/render/model.json?edition=${editionId}`)).body) as { editionId: number; digest: { name: string } };
    expect(model).toMatchObject({ editionId, digest: { name: 'weekly' } });
  });

  it('says so when a chosen edition or subscriber does not exist (page 200 with a problem, parts 404)', async () => {
    const page = await get('/?edition=999999');
    expect(page.status).toBe(200);
    expect(page.body).toContain('There is no edition 999999 in the archive'.replace('T', 't'));
    expect((await get('/render/html?subscriber=999999')).status).toBe(404);
  });
});

describe('toolbar', () => {
  it('links to the review desk from the studio and the inbox, beside the other pages', async () => {
    for (const url of ['/', '/inbox']) {
      const nav = /<nav>([\s\S]*?)<\/nav>/.exec((await get(url)).body)?.[1] ?? '';
      expect(nav, url).toContain('<a href="/review">Review desk</a>');
      for (const href of ['/', '/inbox', '/dashboard']) expect(nav, url).toContain(`href="${href}"`);
    }
  });
});

describe('copy parts', () => {
  it('serves the mail HTML with a sandboxing CSP and links opening outside the frame', async () => {
    const r = await get('/render/html');
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|; )sandbox allow-popups allow-popups-to-escape-sandbox/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(r.body).toMatch(/<head[^>]*><base target="_blank">/);
    expect(r.body).toContain('Daily Foreign Policy Brief</h1>');
  });

  it('serves the text part and headers as plain text', async () => {
    const text = await get('/render/text');
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(text.body).toMatch(/unsubscribe/i);
    const headers = await get('/render/headers');
    expect(headers.body).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(headers.body).toMatch(/^Subject: /m);
  });
});

describe('live reload and errors', () => {
  it('pushes the current versions on /events, and a new one after a reload', async () => {
    const res = await app.request('/events');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const readUntil = async (re: RegExp) => {
      while (!re.test(seen)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${re}: ${seen}`);
        seen += decoder.decode(value);
      }
    };
    const v = session.state().version;
    await readUntil(new RegExp(`event: versions\\ndata: \\{"render":${v},`));
    await session.reload();
    await readUntil(new RegExp(`data: \\{"render":${v + 1},`));
    await reader.cancel();
  });

  it('shows a template error with file, line and source, and keeps the last good render one click away', async () => {
    const item = path.join(fx.templatesDir, 'partials', 'item.mjml');
    const original = await readFile(item, 'utf8');
    try {
      await writeFile(item, original.replace('{{headline.source}}', '{{#if headline.source}}{{headline.source}}'));
      const state = await session.reload();
      expect(state.problem).toMatchObject({ kind: 'template', file: item });
      const page = await get('/');
      expect(page.body).toContain(`<div class="where">${item}:`);
      expect(page.body).toContain('<h2>The templates do not compile</h2>');
      expect(page.body).toMatch(/<span class="bad"><b>\d+<\/b>/);
      expect(page.body).not.toContain('<iframe');
      expect(page.body).toContain('id="last-good" href="/?lastGood=1"');

      const lastGood = await get('/?lastGood=1');
      expect(lastGood.body).toContain('<iframe id="mail"');
      expect(lastGood.body).toContain('Showing the last good render');
      expect((await get('/render/html?lastGood=1')).status).toBe(200);
      // Without asking for the last good one, a part answers with the error.
      const part = await get('/render/html');
      expect(part.status).toBe(500);
      expect(part.body).toContain(item);
    } finally {
      await writeFile(item, original);
      await session.reload();
    }
    expect(session.state().problem).toBeNull();
  });

  it('reloads the config: a new digest title shows, a broken config is an error on the page', async () => {
    try {
      await writeFile(fx.configFile, previewConfigYaml({ title: 'Evening Wire' }));
      await session.reload({ configChanged: true });
      expect((await get('/render/html')).body).toContain('Evening Wire</h1>');

      await writeFile(fx.configFile, previewConfigYaml({ extra: 'colour: blue\n' }));
      const state = await session.reload({ configChanged: true });
      expect(state.problem?.kind).toBe('config');
      const page = await get('/');
      expect(page.body).toContain('The config does not load');
      expect(page.body).toContain('unknown key &quot;colour&quot;');
    } finally {
      await writeFile(fx.configFile, previewConfigYaml());
      await session.reload({ configChanged: true });
    }
    expect(session.state().problem).toBeNull();
  });
});

describe('local inbox', () => {
  it('lists outbox mails newest first and shows each one rendered, with headers and text', async () => {
    expect((await get('/inbox')).body).toContain('The local inbox is empty');
    const mailer = openMailer(fx.ctx.config);
    const send = (subject: string) =>
      mailer.send({
        envelope: { from: 'brief@example.org', to: ['ada@example.org'] },
        messageId: `<${subject.replace(/\W/g, '')}@example.org>`,
        headers: [
          { name: 'From', value: 'brief@example.org' },
          { name: 'To', value: 'ada@example.org' },
          { name: 'Subject', value: subject },
        ],
        text: `${subject} text`,
        html: `<p>${subject} <b>html</b></p><script>alert(1)</script>`,
      });
    expect((await send('First mail')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 15));
    expect((await send('Second mail')).ok).toBe(true);
    await mailer.close();

    const list = await get('/inbox');
    expect(list.body).toContain('Outbox · 2 messages');
    expect(list.body.indexOf('Second mail')).toBeLessThan(list.body.indexOf('First mail'));
    expect(list.body).toContain('Local inbox (2)');
    expect(list.body).toMatch(/data-inbox="\d+"/);
    const name = /href="\/inbox\/([^"]+\.eml)"/.exec(list.body)?.[1] ?? '';
    expect(name).toMatch(/\.eml$/);

    const one = await get(`/inbox/${name}`);
    expect(one.body).toContain('<iframe id="mail"');
    expect(one.body).toMatch(/sandbox="allow-popups allow-popups-to-escape-sandbox"/);
    const text = await get(`/inbox/${name}?view=text`);
    expect(text.body).toContain('Second mail text');
    const headers = await get(`/inbox/${name}?view=headers`);
    expect(headers.body).toContain('Subject: Second mail');
    const html = await get(`/inbox/${name}/html`);
    expect(html.body).toContain('<b>html</b>');
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(html.headers.get('content-security-policy')).not.toContain('script-src');
  });

  it('refuses names outside the outbox', async () => {
    expect((await get('/inbox/..%2Fdispatch.config.yaml')).status).toBe(404);
    expect((await get('/inbox/..%2F..%2Fetc%2Fpasswd.eml/html')).status).toBe(404);
    expect((await get('/inbox/missing.eml')).status).toBe(404);
  });
});

describe('guards', () => {
  it('answers only to local host names (no DNS rebinding)', async () => {
    expect((await get('/', { host: 'evil.example.com' })).status).toBe(403);
    expect((await get('/', { host: '127.0.0.1:4000' })).status).toBe(200);
  });

  it('serves the script from its own origin, with live reload over EventSource', async () => {
    const js = await get('/assets/studio.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.body).toContain("new EventSource('/events')");
  });
});
