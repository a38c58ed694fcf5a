// A real HTTP server on 127.0.0.1 (port 0) serving good and bad feeds for the
// ingest tests. It records what it saw: request headers, in-flight peaks, and
// whether the client closed the socket of a response that never finished.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { goodFeed, rssFeed, makeRssItem } from './ingest-feeds.js';

export interface FeedServer {
  /** Absolute URL for a path on this server. */
  url(path: string): string;
  /** Request headers by path, in arrival order. */
  requests: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  /** Highest number of /concurrent/* requests open at once. */
  maxInFlight: number;
  /** Requests held under /concurrent/* are released once this many are open (default 3). */
  concurrencyGate: number;
  /** Resolves when the client has closed the socket of the (unfinished) response at `path`; rejects after `ms`. */
  waitForClientClose(path: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** windows-1252 bytes: “Quoted” café – déjà vu (0x93 0x94, 0xE9, 0x96). */
export const CP1252_TITLE_BYTES = Buffer.from([
  0x93, 0x51, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x64, 0xe9, 0x6a,
  0xe0, 0x20, 0x76, 0x75,
]);
export const CP1252_TITLE_TEXT = '\u201cQuoted\u201d café \u2013 déjà vu';

function cp1252Feed(prologEncoding: string | null): Buffer {
  const prolog = prologEncoding ? `<?xml version="1.0" encoding="${prologEncoding}"?>` : '<?xml version="1.0"?>';
  const [head, tail] = rssFeed({ prolog, items: [makeRssItem(1, { title: '@@TITLE@@' })] }).split('@@TITLE@@');
  return Buffer.concat([Buffer.from(head ?? '', 'latin1'), CP1252_TITLE_BYTES, Buffer.from(tail ?? '', 'latin1')]);
}

export const ETAG = '"feed-v1"';
export const LAST_MODIFIED = 'Sun, 01 Feb 2026 08:00:00 GMT';

export async function startFeedServer(): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  let inFlight = 0;
  const held: Array<() => void> = [];
  const socketClosed = new Map<string, Promise<void>>();
  const watchClose = (path: string, req: http.IncomingMessage) =>
    socketClosed.set(path, new Promise<void>((resolve) => req.socket.once('close', () => resolve())));

  const state = { maxInFlight: 0, concurrencyGate: 3 };

  const xml = (res: http.ServerResponse, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ...headers });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push({ path, headers: req.headers });

    if (path.startsWith('/concurrent/')) {
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      // Hold answers until `concurrencyGate` requests are open, then a moment
      // longer so a limiter that lets one more through is seen; a timer frees
      // a last, smaller batch.
      held.push(() => xml(res, goodFeed(2, path)));
      const release = () => held.splice(0).forEach((send) => send());
      if (held.length >= state.concurrencyGate) setTimeout(release, 20);
      else setTimeout(release, 300);
      return;
    }

    switch (path) {
      case '/feed.xml': {
        if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
          res.writeHead(304, { ETag: ETAG });
          res.end();
          return;
        }
        return xml(res, goodFeed(3), { ETag: ETAG, 'Last-Modified': LAST_MODIFIED });
      }
      case '/malformed.xml':
        return xml(res, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</item></channel></rss>');
      case '/page.html':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end('<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><p>Not a feed</p></body></html>');
      case '/missing.xml':
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('not here');
      case '/error.xml':
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        return res.end('boom');
      case '/gone.xml':
        res.writeHead(410);
        return res.end();
      case '/busy.xml':
        res.writeHead(503, { 'Retry-After': '120' });
        return res.end();
      case '/slow.xml':
        // Headers and half a document, then nothing: only a deadline ends this.
        watchClose(path, req);
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>');
        return;
      case '/slow-headers.xml':
        watchClose(path, req);
        return;
      case '/loop-a.xml':
        res.writeHead(302, { Location: '/loop-b.xml' });
        return res.end();
      case '/loop-b.xml':
        res.writeHead(302, { Location: '/loop-a.xml' });
        return res.end();
      case '/old.xml':
        res.writeHead(301, { Location: '/moved/new.xml' });
        return res.end();
      case '/old-308.xml':
        res.writeHead(308, { Location: '/old.xml' });
        return res.end();
      case '/temporary.xml':
        res.writeHead(302, { Location: '/old.xml' });
        return res.end();
      case '/moved/new.xml':
        return xml(res, goodFeed(2, 'Moved Feed'));
      case '/no-location.xml':
        res.writeHead(302);
        return res.end();
      case '/big.xml': {
        // No Content-Length (1 MB in all): the reader must stop on its own count.
        watchClose(path, req);
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 64 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      case '/big-declared.xml':
        watchClose(path, req);
        res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': String(50 * 1024 * 1024) });
        res.write('<rss>');
        return;
      case '/gzip.xml':
        return xml(res, zlib.gzipSync(goodFeed(4, 'Gzip Feed')), { 'Content-Encoding': 'gzip' });
      case '/br.xml':
        return xml(res, zlib.brotliCompressSync(goodFeed(4, 'Brotli Feed')), { 'Content-Encoding': 'br' });
      case '/deflate.xml':
        return xml(res, zlib.deflateSync(goodFeed(4, 'Deflate Feed')), { 'Content-Encoding': 'deflate' });
      case '/deflate-raw.xml':
        return xml(res, zlib.deflateRawSync(goodFeed(4, 'Raw Deflate Feed')), { 'Content-Encoding': 'deflate' });
      case '/gzip-bomb.xml':
        // 2 MB of spaces compress to a few KB; the cap must hold after decompression too.
        return xml(res, zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)), { 'Content-Encoding': 'gzip' });
      case '/cp1252-prolog.xml':
        return xml(res, cp1252Feed('windows-1252'), { 'Content-Type': 'application/xml' });
      case '/latin1-prolog.xml':
        return xml(res, cp1252Feed('ISO-8859-1'), { 'Content-Type': 'text/xml' });
      case '/cp1252-header.xml':
        return xml(res, cp1252Feed(null), { 'Content-Type': 'application/rss+xml; charset=windows-1252' });
      case '/utf8-bom.xml':
        return xml(
          res,
          Buffer.concat([
            Buffer.from([0xef, 0xbb, 0xbf]),
            Buffer.from(rssFeed({ items: [makeRssItem(1, { title: 'Déjà vu “BOM”' })] }), 'utf8'),
          ]),
          { 'Content-Type': 'application/xml' },
        );
      case '/mislabelled-utf8.xml':
        // A server default says UTF-8 over windows-1252 bytes.
        return xml(res, cp1252Feed(null), { 'Content-Type': 'text/xml; charset=utf-8' });
      case '/bad-dates.xml':
        return xml(
          res,
          rssFeed({
            items: [
              makeRssItem(1),
              makeRssItem(2, { pubDate: 'the day after tomorrow' }),
              makeRssItem(3, { pubDate: undefined }),
              makeRssItem(4),
            ],
          }),
        );
      default:
        res.writeHead(404);
        return res.end();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get concurrencyGate() {
      return state.concurrencyGate;
    },
    set concurrencyGate(n: number) {
      state.concurrencyGate = n;
    },
    waitForClientClose: (path, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const closed = socketClosed.get(path);
        if (!closed) return reject(new Error(`no request to ${path} was seen`));
        const timer = setTimeout(() => reject(new Error(`the client did not close the socket for ${path} within ${ms} ms`)), ms);
        void closed.then(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as FeedServer;
}
