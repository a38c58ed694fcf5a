// Studio fixes of issue 12: readable headers, dark and images-off views, an
// image check that loads each image (against a real HTTP server), opening on
// the latest edition when the next is empty, and the "send test" button.
import { createServer, type Server } from 'node:http';
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreviewApp, createStudioSession } from '../../src/preview/index.js';
import { imageLoadCheck, loadImages, mailForMode, readableHeaders } from '../../src/preview/studio-extras.js';
import { makeEditionModel } from '../helpers/store-builders.js';
import { makePreviewFixture, type PreviewFixture } from '../helpers/preview-fixtures.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('readableHeaders', () => {
  it('decodes encoded words and joins folded lines', () => {
    const raw = 'Subject: =?UTF-8?B?w4lkaXRpb24gZHUgam91cg==?=\r\n =?UTF-8?Q?_=E2=80=94_Europe?=\r\nList-Unsubscribe: <https://x.example/u?t=abc>,\r\n <mailto:u@x.example?subject=unsubscribe>\r\nX-Plain: yes';
    expect(readableHeaders(raw)).toBe('Subject: Édition du jour — Europe\nList-Unsubscribe: <https://x.example/u?t=abc>, <mailto:u@x.example?subject=unsubscribe>\nX-Plain: yes');
  });
});

describe('mailForMode', () => {
  const mail = '<html><head><title>x</title></head><body><img src="https://img.example/a.png" alt="Map of Europe"><img alt=b src=\'x.png\'></body></html>';
  it('declares a dark scheme and recolours like a client with forced dark mode', () => {
    const dark = mailForMode(mail, 'dark');
    expect(dark).toContain('<meta name="color-scheme" content="dark">');
    expect(dark).toMatch(/filter:invert\(1\) hue-rotate\(180deg\)/);
  });
  it('turns every image off so the alt texts show', () => {
    const off = mailForMode(mail, 'images-off');
    expect(off).not.toContain('img.example');
    expect(off).not.toContain("'x.png'");
    expect(off.match(/about:blank#image-off/g)).toHaveLength(2);
    expect(off).toContain('alt="Map of Europe"');
  });
});

describe('loadImages', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('loads each image once and names the broken ones', async () => {
    const html = `<img src="${base}/ok.png"><img src="${base}/ok.png"><img src="${base}/gone.png"><img src="${base}/page"><img src="data:image/png;base64,AAAA"><img src="cid:logo">`;
    const results = await loadImages(html);
    expect(results.map((r) => [r.src.replace(base, ''), r.ok, r.reason])).toEqual([
      ['/ok.png', true, null],
      ['/gone.png', false, 'HTTP 404'],
      ['/page', false, 'not an image (text/html)'],
      ['data:image/png;base64,AAAA', true, null],
      ['cid:logo', false, 'not an http(s) URL: mail clients cannot load it'],
    ]);
    const check = imageLoadCheck(results);
    expect(check).toMatchObject({ id: 'image-load', status: 'fail' });
    expect(check.detail).toMatch(/^3 of 5 broken: .*gone\.png \(HTTP 404\)/);
    expect(imageLoadCheck(results.filter((r) => r.ok))).toMatchObject({ status: 'ok', detail: 'all 2 loaded' });
  });
});

describe('studio routes', () => {
  let fx: PreviewFixture;
  let app: ReturnType<typeof createPreviewApp>;

  beforeAll(async () => {
    fx = await makePreviewFixture();
    app = createPreviewApp({ session: await createStudioSession({ ctx: fx.ctx }) });
  });
  afterAll(async () => fx?.close());

  it('shows dark-mode and images-off views of the mail, and headers decoded', async () => {
    const page = await (await app.request('http://127.0.0.1/?view=dark')).text();
    expect(page).toMatch(/src="\/render\/html\?[^"]*mode=dark/);
    expect(page).toContain('Images off');
    const dark = await (await app.request('http://127.0.0.1/render/html?mode=dark')).text();
    expect(dark).toContain('content="dark"');
    const off = await (await app.request('http://127.0.0.1/render/html?mode=images-off')).text();
    expect(off).not.toMatch(/<img\b[^>]*src="https?:/);
    const headers = await (await app.request('http://127.0.0.1/?view=headers')).text();
    expect(headers).not.toMatch(/=\?UTF-8\?/i);
    expect(headers).toMatch(/Subject: [^\n]*Daily Foreign Policy Brief/);
  });

  it('sends a test copy from the studio page only, and says so', async () => {
    const foreign = await app.request('http://127.0.0.1/send-test', { method: 'POST', headers: { origin: 'https://evil.example' }, body: new URLSearchParams({ to: 'me@example.org' }) });
    expect(foreign.status).toBe(403);
    const bad = await app.request('http://127.0.0.1/send-test', { method: 'POST', headers: { origin: 'http://127.0.0.1' }, body: new URLSearchParams({ to: 'nope' }) });
    expect(bad.status).toBe(303);
    expect(new URLSearchParams(bad.headers.get('location')!.split('?')[1]).get('sent')).toMatch(/^not sent: the email address/);
    const ok = await app.request('http://127.0.0.1/send-test', { method: 'POST', headers: { origin: 'http://127.0.0.1' }, body: new URLSearchParams({ to: 'me@example.org', digest: 'daily' }) });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(new URLSearchParams(location.split('?')[1]).get('sent')).toMatch(/^sent a test to me@example\.org/);
    expect(readdirSync(fx.outboxDir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const shown = await (await app.request(`http://127.0.0.1${location}`)).text();
    expect(shown).toMatch(/id="flash">sent a test to me@example\.org/);
    expect(shown).toContain('action="/send-test"');
  });

  it('opens on the latest edition when the next one would be empty, unless "next edition" was picked', async () => {
    const now = new Date();
    const { edition } = await fx.ctx.store.editions.create({
      digest: 'daily',
      slot: now.toISOString(),
      windowStart: new Date(now.getTime() - 86_400_000),
      windowEnd: new Date(now.getTime() + 60_000),
      subject: 'Daily Foreign Policy Brief',
      itemIds: [],
      model: makeEditionModel(),
      now,
    });
    const res = await app.request('http://127.0.0.1/?digest=daily');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/?digest=daily&edition=${edition.id}`);
    expect((await app.request('http://127.0.0.1/?digest=daily&edition=')).status).toBe(200);
  });
});
