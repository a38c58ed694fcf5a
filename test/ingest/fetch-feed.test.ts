import { mkdtemp, rm, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, DEFAULT_USER_AGENT, type FetchResult } from '../../src/ingest/index.js';
import { startFeedServer, ETAG, LAST_MODIFIED, CP1252_TITLE_BYTES, CP1252_TITLE_TEXT, type FeedServer } from '../helpers/ingest-feed-server.js';
import { goodFeed } from '../helpers/ingest-feeds.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../helpers/ingest-tls-fixture.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

function expectOk(result: FetchResult) {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}
function expectFailed(result: FetchResult) {
  if (result.kind !== 'failed') throw new Error(`expected failed, got ${JSON.stringify(result).slice(0, 300)}`);
  return result;
}

describe('fetchFeed over HTTP', () => {
  it('fetches a feed and returns its validators', async () => {
    const result = expectOk(await fetchFeed({ url: server.url('/feed.xml') }, {}));
    expect(result.body).toContain('<title>Item 1</title>');
    expect(result.etag).toBe(ETAG);
    expect(result.lastModified).toBe(LAST_MODIFIED);
    expect(result.finalUrl).toBe(server.url('/feed.xml'));
    expect(result.permanentRedirect).toBeNull();
  });

  it('sends a User-Agent, Accept-Encoding and feed Accept header, and lets the User-Agent be configured', async () => {
    await fetchFeed({ url: server.url('/feed.xml') });
    const seen = server.requests.filter((r) => r.path === '/feed.xml').at(-1)!;
    expect(seen.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(seen.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen.headers.accept).toMatch(/application\/rss\+xml/);

    await fetchFeed({ url: server.url('/feed.xml') }, { userAgent: 'Custom/1.0' });
    expect(server.requests.filter((r) => r.path === '/feed.xml').at(-1)!.headers['user-agent']).toBe('Custom/1.0');
  });

  it('makes a conditional GET with the stored validators and reports 304 as not-modified', async () => {
    const first = expectOk(await fetchFeed({ url: server.url('/feed.xml') }));
    const second = await fetchFeed({ url: server.url('/feed.xml'), etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ kind: 'not-modified', permanentRedirect: null });
    const seen = server.requests.filter((r) => r.path === '/feed.xml').at(-1)!;
    expect(seen.headers['if-none-match']).toBe(ETAG);
    expect(seen.headers['if-modified-since']).toBe(LAST_MODIFIED);

    // Last-Modified alone is enough for a server that only knows dates.
    const byDate = await fetchFeed({ url: server.url('/feed.xml'), lastModified: LAST_MODIFIED });
    expect(byDate.kind).toBe('not-modified');
  });

  it.each([
    ['/missing.xml', 'HTTP 404 Not Found', false],
    ['/error.xml', 'HTTP 500 Internal Server Error', false],
    ['/gone.xml', 'HTTP 410 Gone', true],
    ['/busy.xml', 'HTTP 503 Service Unavailable (retry after 120 s)', false],
  ])('reports %s as "%s"', async (p, reason, gone) => {
    const result = expectFailed(await fetchFeed({ url: server.url(p) }));
    expect(result.reason).toBe(reason);
    expect(result.gone).toBe(gone);
  });

  it('times out a body that never ends and closes the socket', async () => {
    const result = expectFailed(await fetchFeed({ url: server.url('/slow.xml') }, { timeoutMs: 300 }));
    expect(result.reason).toBe('timed out after 0.3 s');
    await server.waitForClientClose('/slow.xml');
  });

  it('times out a server that never sends headers and closes the socket', async () => {
    const result = expectFailed(await fetchFeed({ url: server.url('/slow-headers.xml') }, { timeoutMs: 250 }));
    expect(result.reason).toBe('timed out after 0.25 s');
    await server.waitForClientClose('/slow-headers.xml');
  });

  it('detects a redirect loop', async () => {
    const result = expectFailed(await fetchFeed({ url: server.url('/loop-a.xml') }));
    expect(result.reason).toMatch(/^redirect loop: .*loop-b\.xml redirects back to .*loop-a\.xml$/);
    expect(result.permanentRedirect).toBeNull();
  });

  it('stops after the redirect limit', async () => {
    // /temporary → /old → /moved/new is two redirects.
    const result = expectFailed(await fetchFeed({ url: server.url('/temporary.xml') }, { maxRedirects: 1 }));
    expect(result.reason).toBe('too many redirects (more than 1; loop?)');
    expectOk(await fetchFeed({ url: server.url('/temporary.xml') }, { maxRedirects: 2 }));
  });

  it('reports a 301 as a permanent redirect to store', async () => {
    const result = expectOk(await fetchFeed({ url: server.url('/old.xml') }));
    expect(result.finalUrl).toBe(server.url('/moved/new.xml'));
    expect(result.permanentRedirect).toBe(server.url('/moved/new.xml'));
    expect(result.body).toContain('Moved Feed');
  });

  it('follows a chain of permanent redirects (308 then 301) to the last URL', async () => {
    const result = expectOk(await fetchFeed({ url: server.url('/old-308.xml') }));
    expect(result.permanentRedirect).toBe(server.url('/moved/new.xml'));
  });

  it('does not report a permanent redirect behind a temporary one', async () => {
    const result = expectOk(await fetchFeed({ url: server.url('/temporary.xml') }));
    expect(result.finalUrl).toBe(server.url('/moved/new.xml'));
    expect(result.permanentRedirect).toBeNull();
  });

  it('fails a redirect without a Location header', async () => {
    expect(expectFailed(await fetchFeed({ url: server.url('/no-location.xml') })).reason).toBe(
      'HTTP 302 Found without a Location header',
    );
  });

  it('stops reading an oversized body and closes the socket', async () => {
    const result = expectFailed(await fetchFeed({ url: server.url('/big.xml') }, { maxBytes: 64 * 1024 }));
    expect(result.reason).toBe('response larger than 64 KB');
    await server.waitForClientClose('/big.xml');
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    const result = expectFailed(await fetchFeed({ url: server.url('/big-declared.xml') }));
    expect(result.reason).toBe('response larger than 5 MB (Content-Length: 52428800 bytes)');
    await server.waitForClientClose('/big-declared.xml');
  });

  it.each([
    ['/gzip.xml', 'Gzip Feed'],
    ['/br.xml', 'Brotli Feed'],
    ['/deflate.xml', 'Deflate Feed'],
    ['/deflate-raw.xml', 'Raw Deflate Feed'],
  ])('decodes %s', async (p, title) => {
    const result = expectOk(await fetchFeed({ url: server.url(p) }));
    expect(result.body).toContain(`<title>${title}</title>`);
    expect(result.body).toContain('<title>Item 4</title>');
  });

  it('caps the decompressed size too', async () => {
    const result = expectFailed(await fetchFeed({ url: server.url('/gzip-bomb.xml') }, { maxBytes: 1024 * 1024 }));
    expect(result.reason).toBe('response larger than 1 MB after decompression');
  });

  it.each([
    ['/cp1252-prolog.xml', 'windows-1252 declared in the prolog only'],
    ['/latin1-prolog.xml', 'ISO-8859-1 declared in the prolog (read as windows-1252, as WHATWG does)'],
    ['/cp1252-header.xml', 'windows-1252 declared in the Content-Type header only'],
    ['/mislabelled-utf8.xml', 'windows-1252 bytes labelled UTF-8'],
  ])('decodes %s (%s)', async (p) => {
    const result = expectOk(await fetchFeed({ url: server.url(p) }));
    expect(result.body).toContain(`<title>${CP1252_TITLE_TEXT}</title>`);
    expect(result.body).not.toContain('\ufffd');
  });

  it('decodes UTF-8 with a BOM and drops the BOM', async () => {
    const result = expectOk(await fetchFeed({ url: server.url('/utf8-bom.xml') }));
    expect(result.body.charCodeAt(0)).toBe('<'.charCodeAt(0));
    expect(result.body).toContain('<title>Déjà vu “BOM”</title>');
  });

  it('reports a refused connection', async () => {
    // Bind a port, then free it, so nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = expectFailed(await fetchFeed({ url: `http://127.0.0.1:${port}/feed.xml` }));
    expect(result.reason).toMatch(/^could not connect: ECONNREFUSED/);
  });

  it('fetches over HTTPS and reports an untrusted certificate as a TLS error', async () => {
    const tls = https.createServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.end(goodFeed(1));
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = tls.address() as AddressInfo;
      const result = expectFailed(await fetchFeed({ url: `https://127.0.0.1:${port}/feed.xml` }));
      expect(result.reason).toMatch(new RegExp(`^TLS error from 127\\.0\\.0\\.1:${port}: DEPTH_ZERO_SELF_SIGNED_CERT`));
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });

  it('rejects URLs it cannot fetch', async () => {
    expect(expectFailed(await fetchFeed({ url: 'ftp://example.org/feed.xml' })).reason).toMatch(/unsupported URL scheme "ftp:"/);
    expect(expectFailed(await fetchFeed({ url: 'http://exa mple.org/' })).reason).toMatch(/^invalid URL/);
  });
});

describe('fetchFeed from local files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dispatch-ingest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a relative path against baseDir, an absolute path and a file: URL', async () => {
    await writeFile(path.join(dir, 'local.xml'), goodFeed(2, 'Local Feed'));
    for (const url of ['local.xml', path.join(dir, 'local.xml'), pathToFileURL(path.join(dir, 'local.xml')).href]) {
      const result = expectOk(await fetchFeed({ url }, { baseDir: dir }));
      expect(result.body).toContain('<title>Local Feed</title>');
      expect(result.finalUrl).toBe(path.join(dir, 'local.xml'));
    }
  });

  it('answers not-modified for an unchanged file and ok again after it changes', async () => {
    const file = path.join(dir, 'conditional.xml');
    await writeFile(file, goodFeed(1));
    const first = expectOk(await fetchFeed({ url: file }));
    expect(await fetchFeed({ url: file, etag: first.etag, lastModified: first.lastModified })).toEqual({
      kind: 'not-modified',
      permanentRedirect: null,
    });
    await writeFile(file, goodFeed(2));
    await utimes(file, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'));
    expectOk(await fetchFeed({ url: file, etag: first.etag, lastModified: first.lastModified }));
  });

  it('reports a missing file by its path', async () => {
    const missing = path.join(dir, 'nope.xml');
    expect(expectFailed(await fetchFeed({ url: missing })).reason).toBe(`file not found: ${missing}`);
  });

  it('applies the size cap to files', async () => {
    const file = path.join(dir, 'large.xml');
    await writeFile(file, Buffer.alloc(3000, 0x20));
    expect(expectFailed(await fetchFeed({ url: file }, { maxBytes: 2048 })).reason).toBe(`file larger than 2 KB: ${file}`);
  });

  it('applies the charset rules to files', async () => {
    const file = path.join(dir, 'cp1252.xml');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>', 'latin1'),
        CP1252_TITLE_BYTES,
        Buffer.from('</title></channel></rss>', 'latin1'),
      ]),
    );
    expect(expectOk(await fetchFeed({ url: file })).body).toContain(CP1252_TITLE_TEXT);
  });

  it('reports a directory as not a file', async () => {
    expect(expectFailed(await fetchFeed({ url: dir })).reason).toBe(`not a file: ${dir}`);
  });
});
