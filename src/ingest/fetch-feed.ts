// Fetches one feed document over HTTP(S) or from a local file. We do this
// ourselves instead of rss-parser's parseURL: that one sends no Accept-Encoding,
// cannot decode gzip, reads the charset only from the header, treats 304 as an
// error and leaves the socket open after its timeout.
import { redactUrlsIn } from '../shared/redact-url.js';
import http from 'node:http';
import https from 'node:https';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { decodeText } from './decode-text.js';

export interface FetchOptions {
  /** Deadline for the whole fetch (redirects, body, decoding) in ms; the socket is destroyed when it passes. Default 15 000. */
  timeoutMs?: number;
  /** Largest body accepted, before and after decompression, in bytes. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Default `Dispatch/0.1 (+https://github.com/dispatch-digest)`. */
  userAgent?: string;
  /** Directory that relative local paths are resolved against. Default: the working directory. */
  baseDir?: string;
}

export interface FetchRequest {
  /** http(s) URL, file: URL or local path. */
  url: string;
  /** From the previous successful fetch; sent as If-None-Match. */
  etag?: string | null;
  /** From the previous successful fetch; sent as If-Modified-Since. */
  lastModified?: string | null;
}

export interface FetchOk {
  kind: 'ok';
  body: string;
  etag: string | null;
  lastModified: string | null;
  /** Where the document was finally read from (after redirects; an absolute path for files). */
  finalUrl: string;
  /** Set when an unbroken chain of 301/308 from the requested URL led here: the URL to store instead. */
  permanentRedirect: string | null;
}

export interface FetchNotModified {
  kind: 'not-modified';
  permanentRedirect: string | null;
}

export interface FetchFailed {
  kind: 'failed';
  /** Says what went wrong in words a person can act on. */
  reason: string;
  /** True after 410 Gone: the feed should be paused. */
  gone: boolean;
  permanentRedirect: string | null;
}

export type FetchResult = FetchOk | FetchNotModified | FetchFailed;

export const DEFAULT_USER_AGENT = 'Dispatch/0.1 (+https://github.com/dispatch-digest)';

const DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: DEFAULT_USER_AGENT,
};

type Settings = Required<Omit<FetchOptions, 'baseDir'>> & { baseDir: string };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Mutable facts a timed-out fetch still reports. */
interface Progress {
  permanentRedirect: string | null;
}

export function formatBytes(bytes: number): string {
  const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 1 ? 2 : 1).replace(/0+$/, '')} s`;
}

function failed(reason: string, progress: Progress | null, gone = false): FetchFailed {
  // Reasons are stored and shown (status, feeds list): never with a URL's credentials or query.
  return { kind: 'failed', reason: redactUrlsIn(reason), gone, permanentRedirect: progress?.permanentRedirect ?? null };
}

/**
 * Fetch one feed document. Never throws: every failure comes back as
 * `{ kind: 'failed', reason }`.
 */
export async function fetchFeed(req: FetchRequest, opts: FetchOptions = {}): Promise<FetchResult> {
  const settings: Settings = {
    timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs,
    maxBytes: opts.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: opts.maxRedirects ?? DEFAULTS.maxRedirects,
    userAgent: opts.userAgent ?? DEFAULTS.userAgent,
    baseDir: opts.baseDir ?? process.cwd(),
  };
  const progress: Progress = { permanentRedirect: null };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The deadline settles the result on its own, whatever the work is stuck on,
  // and aborting destroys the sockets so nothing keeps running behind it.
  const deadline = new Promise<FetchResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(failed(`timed out after ${formatSeconds(settings.timeoutMs)}`, progress));
    }, settings.timeoutMs);
  });
  const work = fetchAny(req, settings, controller.signal, progress).catch(
    (err: unknown): FetchResult => failed(`unexpected error: ${err instanceof Error ? err.message : String(err)}`, progress),
  );
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function fetchAny(req: FetchRequest, s: Settings, signal: AbortSignal, progress: Progress): Promise<FetchResult> {
  const target = req.url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return failed(`invalid URL: ${target}`, null);
    }
    return fetchHttp(url, req, s, signal, progress);
  }
  if (scheme === 'file') {
    let filePath: string;
    try {
      filePath = fileURLToPath(target);
    } catch {
      return failed(`invalid file URL: ${target}`, null);
    }
    return fetchFile(filePath, req, s);
  }
  // A one-letter "scheme" is a Windows drive letter.
  if (scheme && scheme.length > 1) {
    return failed(`unsupported URL scheme "${scheme}:" in ${target} (use http, https or a local path)`, null);
  }
  return fetchFile(path.resolve(s.baseDir, target), req, s);
}

// ---- local files ----

async function fetchFile(filePath: string, req: FetchRequest, s: Settings): Promise<FetchResult> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return failed(`file not found: ${filePath}`, null);
    if (code === 'EACCES' || code === 'EPERM') return failed(`permission denied: ${filePath}`, null);
    return failed(`could not open ${filePath}: ${code ?? (err as Error).message}`, null);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return failed(`not a file: ${filePath}`, null);
    if (stat.size > s.maxBytes) return failed(`file larger than ${formatBytes(s.maxBytes)}: ${filePath}`, null);
    // The same validators as HTTP, so an unchanged file costs no parsing either.
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const lastModified = stat.mtime.toUTCString();
    if (req.etag ? req.etag === etag : req.lastModified === lastModified) {
      return { kind: 'not-modified', permanentRedirect: null };
    }
    const bytes = await handle.readFile();
    if (bytes.byteLength > s.maxBytes) return failed(`file larger than ${formatBytes(s.maxBytes)}: ${filePath}`, null);
    return {
      kind: 'ok',
      body: decodeText(bytes),
      etag,
      lastModified,
      finalUrl: filePath,
      permanentRedirect: null,
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return failed(`not a file: ${filePath}`, null);
    return failed(`could not read ${filePath}: ${code ?? (err as Error).message}`, null);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

// ---- HTTP ----

type Hop =
  | { type: 'redirect'; status: number; location: string }
  | { type: 'not-modified' }
  | { type: 'body'; bytes: Buffer; headers: http.IncomingHttpHeaders }
  | { type: 'failed'; reason: string; gone: boolean };

async function fetchHttp(
  start: URL,
  req: FetchRequest,
  s: Settings,
  signal: AbortSignal,
  progress: Progress,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'User-Agent': s.userAgent,
    Accept: ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
  };
  if (req.etag) headers['If-None-Match'] = req.etag;
  if (req.lastModified) headers['If-Modified-Since'] = req.lastModified;

  let url = start;
  const visited = new Set([withoutHash(url)]);
  let permanentSoFar = true;
  for (let redirects = 0; ; redirects++) {
    let hop: Hop;
    try {
      hop = await requestOnce(url, headers, s, signal);
    } catch (err) {
      return failed(describeNetworkError(err, url), progress);
    }
    if (hop.type === 'failed') return failed(hop.reason, progress, hop.gone);
    if (hop.type === 'not-modified') return { kind: 'not-modified', permanentRedirect: progress.permanentRedirect };
    if (hop.type === 'body') return finishBody(hop, url, s, progress);

    let next: URL;
    try {
      next = new URL(hop.location, url);
    } catch {
      return failed(`HTTP ${hop.status} redirect to an invalid URL: ${hop.location}`, progress);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return failed(`HTTP ${hop.status} redirect to an unsupported URL: ${next.href}`, progress);
    }
    // A URL the chain cannot settle on is no URL to store, so redirect failures drop it.
    if (visited.has(withoutHash(next))) {
      progress.permanentRedirect = null;
      return failed(`redirect loop: ${url.href} redirects back to ${next.href}`, progress);
    }
    if (redirects + 1 > s.maxRedirects) {
      progress.permanentRedirect = null;
      return failed(`too many redirects (more than ${s.maxRedirects}; loop?)`, progress);
    }
    visited.add(withoutHash(next));
    if (permanentSoFar && (hop.status === 301 || hop.status === 308)) progress.permanentRedirect = next.href;
    else permanentSoFar = false;
    url = next;
  }
}

function withoutHash(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

function statusText(status: number, message: string | undefined): string {
  const text = message?.trim() || http.STATUS_CODES[status] || '';
  return `HTTP ${status}${text ? ` ${text}` : ''}`;
}

function requestOnce(url: URL, headers: Record<string, string>, s: Settings, signal: AbortSignal): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    // agent: false gives each request its own connection, which the deadline
    // can destroy without touching other feeds' sockets.
    const req = client.request(url, { method: 'GET', headers, agent: false });
    const onAbort = () => req.destroy(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal.removeEventListener('abort', onAbort));
    req.on('error', reject);

    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const skip = (hop: Hop) => {
        resolve(hop);
        res.destroy();
      };
      if (status === 304) return skip({ type: 'not-modified' });
      if (status >= 300 && status < 400) {
        const location = res.headers.location;
        if (!location) return skip({ type: 'failed', reason: `${statusText(status, res.statusMessage)} without a Location header`, gone: false });
        return skip({ type: 'redirect', status, location });
      }
      if (status < 200 || status >= 300) {
        let reason = statusText(status, res.statusMessage);
        const retryAfter = res.headers['retry-after'];
        if ((status === 429 || status === 503) && retryAfter) reason += ` (retry after ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : retryAfter})`;
        return skip({ type: 'failed', reason, gone: status === 410 });
      }

      const tooLarge = `response larger than ${formatBytes(s.maxBytes)}`;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > s.maxBytes) {
        return skip({ type: 'failed', reason: `${tooLarge} (Content-Length: ${declared} bytes)`, gone: false });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.byteLength;
        if (size > s.maxBytes) {
          done = true;
          skip({ type: 'failed', reason: tooLarge, gone: false });
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        done = true;
        resolve({ type: 'body', bytes: Buffer.concat(chunks), headers: res.headers });
      });
      res.on('error', reject);
      res.on('close', () => {
        if (!done) reject(Object.assign(new Error('connection closed before the response was complete'), { code: 'EPARTIAL' }));
      });
    });
    req.end();
  });
}

async function finishBody(
  hop: Extract<Hop, { type: 'body' }>,
  url: URL,
  s: Settings,
  progress: Progress,
): Promise<FetchResult> {
  const decoded = await decompress(hop.bytes, hop.headers['content-encoding'], s.maxBytes);
  if (typeof decoded === 'string') return failed(decoded, progress);
  return {
    kind: 'ok',
    body: decodeText(decoded, hop.headers['content-type'] ?? null),
    etag: hop.headers.etag ?? null,
    lastModified: hop.headers['last-modified'] ?? null,
    finalUrl: url.href,
    permanentRedirect: progress.permanentRedirect,
  };
}

function zlibCall(
  fn: (buf: Buffer, options: zlib.ZlibOptions | zlib.BrotliOptions, cb: (err: Error | null, out: Buffer) => void) => void,
  input: Buffer,
  maxBytes: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    fn(input, { maxOutputLength: maxBytes }, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/** Undo Content-Encoding; returns the bytes or a failure reason. */
async function decompress(body: Buffer, header: string | undefined, maxBytes: number): Promise<Buffer | string> {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let bytes = body;
  // Codings are listed in the order they were applied.
  for (const coding of codings.reverse()) {
    if (bytes.byteLength === 0) break;
    try {
      if (coding === 'gzip' || coding === 'x-gzip') bytes = await zlibCall(zlib.gunzip, bytes, maxBytes);
      else if (coding === 'br') bytes = await zlibCall(zlib.brotliDecompress, bytes, maxBytes);
      else if (coding === 'deflate') {
        // "deflate" should be zlib-wrapped, but some servers send raw deflate.
        const input = bytes;
        bytes = await zlibCall(zlib.inflate, input, maxBytes).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ERR_BUFFER_TOO_LARGE') throw err;
          return zlibCall(zlib.inflateRaw, input, maxBytes);
        });
      } else return `unsupported Content-Encoding: ${coding}`;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE') return `response larger than ${formatBytes(maxBytes)} after decompression`;
      return `could not decode the ${coding} response body: ${e.message}`;
    }
  }
  return bytes;
}

function describeNetworkError(err: unknown, url: URL): string {
  const e = err as NodeJS.ErrnoException;
  const code = e?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `could not connect: ECONNREFUSED (nothing listening at ${url.host})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve host ${url.hostname} (${code})`;
    case 'ECONNRESET':
      return `connection reset by ${url.host} (ECONNRESET)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return `could not connect: ${code} (${url.host})`;
    case 'EPARTIAL':
      return `connection to ${url.host} closed before the response was complete`;
    case 'ERR_INVALID_URL':
      return `invalid URL: ${url.href}`;
  }
  if (code && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) return `TLS error from ${url.host}: ${code} (${e.message})`;
  return `request to ${url.host} failed: ${code ? `${code}: ` : ''}${e?.message ?? String(err)}`;
}
