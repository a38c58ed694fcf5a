// The per-message MIME work, built so that a copy shape's bodies are encoded
// once and each recipient costs only their own values. Synchronous and free
// of I/O, so the same code runs on the main thread and in worker threads.
//
// Quoted-printable is line-based, so a value cannot simply be pasted into an
// encoded line. Every body is cut into segments (static text, recipient
// value, static text, …) and each segment is encoded on its own lines: a
// segment that does not end with a line break ends with a QP soft break
// (`=\r\n`), which a decoder removes. The decoded text is exactly the join;
// only where soft breaks sit differs from encoding the whole text at once.
// Because every segment is whole lines, the DKIM relaxed body canonical form
// of a static segment is also computed once.
//
// Rejected: base64 bodies (no line structure to exploit either, 33 % bigger,
// and spam filters score base64 HTML); splicing into one QP run (would need
// re-wrapping the whole line around each value, i.e. most of the cost).
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import { DKIM_SIGNED_HEADERS } from './dkim-headers.js';
import type { MessageHeader } from './outgoing-message.js';

/** One body, encoded: static segments (encoded once per shape) between value gaps. */
export interface EncodedBody {
  /** QP-encoded static segments (UTF-8 bytes), CRLF line ends, each ending at a line boundary. */
  readonly parts: readonly Uint8Array[];
  /** DKIM relaxed canonical form of each static segment (the same object when identical). */
  readonly canon: readonly Uint8Array[];
}

export interface EncodedShape {
  readonly text: EncodedBody;
  readonly html: EncodedBody;
}

export interface DkimKey {
  readonly domainName: string;
  readonly keySelector: string;
  readonly privateKey: string | KeyObject;
}

export interface MessageValues {
  readonly headers: readonly MessageHeader[];
  readonly messageId: string;
  readonly textValues: readonly string[];
  readonly htmlValues: readonly string[];
}

const CRLF = '\r\n';

/** QP-encodes one segment so that it ends at a line boundary (hard or soft). */
export function encodeSegment(s: string): string {
  if (s === '') return '';
  // Line breaks as CRLF, like nodemailer's 'windows' newline (a lone CR stays as it is).
  // A line starting with "." is written "=2E" (same character once decoded),
  // so no line of a built message ever needs SMTP dot-stuffing. Wrapping at
  // 74 leaves room for those two characters within the 76 of RFC 2045.
  const enc = qp.wrap(qp.encode(Buffer.from(s, 'utf8')), 74).replace(/\r?\n/g, CRLF).replace(/(^|\r\n)\./g, '$1=2E');
  return enc.endsWith(CRLF) ? enc : `${enc}=${CRLF}`;
}

const PLAIN_VALUE = /^[\x20-\x7e]+$/;

/**
 * encodeSegment for one recipient's value. Most values are printable ASCII
 * on one line (links with their tokens, addresses), where quoted-printable
 * only has to escape "=" (and a "." opening a line, and a final space) and
 * break lines: done here in one pass, since the general encoder (UTF-8
 * buffer, wrap, two regex passes) took a tenth of the sending thread's busy
 * time (profiled). Anything else takes encodeSegment. Both end at a line
 * boundary.
 */
export function encodeValue(s: string): string {
  if (!PLAIN_VALUE.test(s)) return encodeSegment(s);
  let out = '';
  let col = 0;
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    let tok = c === 0x3d ? '=3D' : c === 0x20 && i === last ? '=20' : s[i] as string;
    // 73 characters and the soft break's "=" stay within the 74 encodeSegment uses.
    if (col + tok.length > 73) {
      out += `=${CRLF}`;
      col = 0;
    }
    if (col === 0 && c === 0x2e) tok = '=2E';
    out += tok;
    col += tok.length;
  }
  return `${out}=${CRLF}`;
}

/** RFC 6376 §3.4.4 relaxed body canonicalization of whole lines (no trailing-empty-line removal). */
export function relaxedLines(s: string): string {
  if (!/[ \t]/.test(s)) return s;
  return s.replace(/[ \t]+/g, ' ').replace(/ \r\n/g, CRLF);
}

export function encodeBody(parts: readonly string[]): EncodedBody {
  const enc = parts.map(encodeSegment);
  const bytes = enc.map((e) => Buffer.from(e, 'utf8'));
  return {
    parts: bytes,
    canon: enc.map((e, i) => {
      const c = relaxedLines(e);
      return c === e ? (bytes[i] as Buffer) : Buffer.from(c, 'utf8');
    }),
  };
}

export function encodeShape(text: readonly string[], html: readonly string[]): EncodedShape {
  return { text: encodeBody(text), html: encodeBody(html) };
}

const ADDRESS_HEADERS = new Set(['from', 'to', 'cc', 'reply-to', 'sender']);
const PRINTABLE = /^[\x20-\x7e]*$/;

function encodeAddressList(value: string): string {
  if (PRINTABLE.test(value)) return value;
  const list = addressparser(value, { flatten: true }) as Array<{ name: string; address: string }>;
  return list
    .map(({ name, address }) => {
      if (!name) return address;
      const encoded = PRINTABLE.test(name)
        ? /^[\w ']*$/.test(name) ? name : `"${name.replace(/([\\"])/g, '\\$1')}"`
        : mimeFuncs.encodeWord(name, 'Q', 52);
      return `${encoded} <${address}>`;
    })
    .join(', ');
}

/** `Name: value` with RFC 2047 encoding where needed, folded at 76 columns, ending in CRLF. */
export function encodeHeader(h: MessageHeader): string {
  const lower = h.name.toLowerCase();
  const value = ADDRESS_HEADERS.has(lower)
    ? encodeAddressList(h.value)
    : PRINTABLE.test(h.value)
      ? h.value
      : mimeFuncs.encodeWords(h.value, 'Q', 52, true);
  const line = `${h.name}: ${value}`;
  return line.length <= 76 ? `${line}${CRLF}` : `${mimeFuncs.foldLines(line, 76).replace(/\r?\n/g, CRLF)}${CRLF}`;
}

/** The fixed MIME framing for one boundary (built once per builder). */
export interface Framing {
  readonly boundary: string;
  readonly textHead: Uint8Array;
  readonly htmlHead: Uint8Array;
  readonly tail: Uint8Array;
  readonly contentType: string;
}

function partHead(boundary: string, type: 'plain' | 'html'): string {
  return `--${boundary}${CRLF}Content-Type: text/${type}; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`;
}

export function framing(boundary: string): Framing {
  return {
    boundary,
    textHead: Buffer.from(partHead(boundary, 'plain')),
    // A part's content ends before the CRLF that precedes the boundary line.
    htmlHead: Buffer.from(`${CRLF}${partHead(boundary, 'html')}`),
    tail: Buffer.from(`${CRLF}--${boundary}--${CRLF}`),
    contentType: `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"${CRLF}`,
  };
}

/** One recipient's part of a message: everything that is not the shape's static text. */
export interface BuiltValues {
  /** DKIM-Signature (when signing), the header fields and the blank line. */
  readonly head: string;
  /**
   * Encoded values (ASCII: quoted-printable), text part first then HTML, in gap
   * order. Strings, not buffers: a small Buffer is a view of an 8 KB pool
   * slab, and posting it from a worker thread would copy the whole slab.
   */
  readonly values: readonly string[];
}

function encodeValues(values: readonly string[], out: string[], canon: string[] | null): void {
  for (const value of values) {
    const v = encodeValue(value);
    out.push(v);
    canon?.push(relaxedLines(v));
  }
}

// The last encoded line per header name: From, Subject, Date and List-Id are
// the same for every recipient of an edition, so they are encoded once; a
// per-recipient field (To, List-Unsubscribe) costs one string compare more.
const lastLine = new Map<string, { value: string; line: string }>();

function encodedHeader(h: MessageHeader): string {
  const last = lastLine.get(h.name);
  if (last?.value === h.value) return last.line;
  const line = encodeHeader(h);
  if (lastLine.size < 64 || last) lastLine.set(h.name, { value: h.value, line });
  return line;
}

function headerFields(v: MessageValues, f: Framing): Array<{ name: string; line: string }> {
  const fields = v.headers.map((h) => ({ name: h.name, line: encodedHeader(h) }));
  fields.push(
    { name: 'Message-ID', line: `Message-ID: ${v.messageId}${CRLF}` },
    { name: 'MIME-Version', line: `MIME-Version: 1.0${CRLF}` },
    { name: 'Content-Type', line: f.contentType },
  );
  return fields;
}

function bodyInOrder<T>(shape: EncodedShape, f: Framing, pick: (b: EncodedBody) => readonly Uint8Array[], values: readonly T[], nText: number, emit: (x: Uint8Array | T) => void): void {
  emit(f.textHead);
  const text = pick(shape.text);
  for (let i = 0; i < text.length; i++) {
    emit(text[i] as Uint8Array);
    if (i < nText) emit(values[i] as T);
  }
  emit(f.htmlHead);
  const html = pick(shape.html);
  for (let i = 0; i < html.length; i++) {
    emit(html[i] as Uint8Array);
    if (i < html.length - 1) emit(values[nText + i] as T);
  }
  emit(f.tail);
}

/**
 * The per-recipient work: their header fields and values encoded and, with
 * a key, the DKIM signature over the whole body (the shape's static canonical
 * pieces are hashed as they are; only the values are canonicalized here).
 */
export function buildValues(shape: EncodedShape, v: MessageValues, f: Framing, dkim: DkimKey | null): BuiltValues {
  const p = prepareValues(shape, v, f, dkim);
  return finishValues(p, p.signing ? signSync(p.signing) : '');
}

/**
 * buildValues with the RSA signature computed on libuv's thread pool
 * (crypto.sign with a callback): the calling thread encodes and hashes,
 * and the signature, most of a signed message's CPU, runs on another core
 * without posting the message to a worker and back.
 */
export async function buildValuesAsync(shape: EncodedShape, v: MessageValues, f: Framing, dkim: DkimKey | null): Promise<BuiltValues> {
  const p = prepareValues(shape, v, f, dkim);
  return finishValues(p, p.signing ? await signAsync(p.signing) : '');
}

interface PreparedValues {
  fields: Array<{ name: string; line: string }>;
  values: string[];
  signing: SigningInput | null;
}

function prepareValues(shape: EncodedShape, v: MessageValues, f: Framing, dkim: DkimKey | null): PreparedValues {
  const fields = headerFields(v, f);
  const values: string[] = [];
  const canonValues: string[] | null = dkim ? [] : null;
  encodeValues(v.textValues, values, canonValues);
  encodeValues(v.htmlValues, values, canonValues);
  let signing: SigningInput | null = null;
  if (dkim && canonValues) {
    const hash = createHash('sha256');
    bodyInOrder(shape, f, (b) => b.canon, canonValues, v.textValues.length, (x) => hash.update(x));
    signing = signingInput(dkim, fields, hash.digest('base64'));
  }
  return { fields, values, signing };
}

function finishValues(p: PreparedValues, sig: string): BuiltValues {
  let head = sig;
  for (const h of p.fields) head += h.line;
  return { head: `${head}${CRLF}`, values: p.values };
}

/** The message as pieces to write in order (no copy of the shape's text). */
export function messageChunks(shape: EncodedShape, f: Framing, built: BuiltValues, nText: number): Uint8Array[] {
  const out: Uint8Array[] = [Buffer.from(built.head, 'utf8')];
  bodyInOrder(shape, f, (b) => b.parts, built.values, nText, (x) => out.push(typeof x === 'string' ? Buffer.from(x, 'latin1') : x));
  return out;
}

// --- DKIM (RFC 6376), rsa-sha256, relaxed/relaxed -------------------------

const pemCache = new Map<string, KeyObject>();

function keyObject(k: DkimKey): KeyObject {
  if (typeof k.privateKey !== 'string') return k.privateKey;
  let o = pemCache.get(k.privateKey);
  if (!o) {
    o = createPrivateKey(k.privateKey);
    pemCache.set(k.privateKey, o);
  }
  return o;
}

const relaxedHeader = (line: string): string => {
  const colon = line.indexOf(':');
  const name = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${name}:${value}`;
};

/** The signature field up to an empty `b=`, folded only where FWS is allowed (after `;` and `:`). */
function dkimHeadUnsigned(key: DkimKey, bh: string, names: readonly string[]): string {
  const lines = [`DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${key.domainName}; q=dns/txt;`, ` s=${key.keySelector}; bh=${bh};`];
  let cur = ' h=';
  names.forEach((n, i) => {
    const piece = `${n.toLowerCase()}${i === names.length - 1 ? ';' : ':'}`;
    if (cur.length + piece.length > 76) {
      lines.push(cur);
      cur = ` ${piece}`;
    } else cur += piece;
  });
  lines.push(cur, ' b=');
  return lines.join(CRLF);
}

interface SigningInput {
  key: KeyObject;
  /** The field up to an empty b=, folded. */
  folded: string;
  /** What the signature covers: the signed fields and the folded field, relaxed. */
  data: Buffer;
}

/** What to sign for these header fields and body: the DKIM_SIGNED_HEADERS the message has, each once. */
function signingInput(key: DkimKey, fields: ReadonlyArray<{ name: string; line: string }>, bh: string): SigningInput {
  const byName = new Map<string, string>();
  for (const f of fields) {
    const lower = f.name.toLowerCase();
    // Verifiers take the LAST instance of a name first; our fields are unique.
    byName.set(lower, f.line);
  }
  const signed = DKIM_SIGNED_HEADERS.filter((n) => byName.has(n.toLowerCase()));
  const folded = dkimHeadUnsigned(key, bh, signed);
  let data = '';
  for (const n of signed) data += `${relaxedHeader(byName.get(n.toLowerCase()) as string)}${CRLF}`;
  data += relaxedHeader(folded);
  return { key: keyObject(key), folded, data: Buffer.from(data, 'utf8') };
}

function withSignature(folded: string, signature: Buffer): string {
  // b= goes last, folded in 72-character pieces (FWS inside b= is ignored).
  const pieces = signature.toString('base64').match(/.{1,72}/g) ?? [];
  return `${folded}${pieces.map((p) => `${CRLF} ${p}`).join('')}${CRLF}`;
}

const signSync = (s: SigningInput): string => withSignature(s.folded, sign('sha256', s.data, s.key));

const signAsync = (s: SigningInput): Promise<string> =>
  new Promise((resolve, reject) => sign('sha256', s.data, s.key, (error, signature) => (error ? reject(error) : resolve(withSignature(s.folded, signature)))));

/** The DKIM-Signature field (ending CRLF) for these header fields and body. */
export function dkimSignature(key: DkimKey, fields: ReadonlyArray<{ name: string; line: string }>, bh: string): string {
  return signSync(signingInput(key, fields, bh));
}

/** A whole raw message (e.g. nodemailer's build), DKIM-signed the same way. */
export function signRaw(raw: Buffer, dkim: DkimKey): Buffer {
  const text = raw.toString('utf8');
  const at = text.indexOf(`${CRLF}${CRLF}`);
  const head = text.slice(0, at + 2);
  const body = text.slice(at + 4);
  const fields: Array<{ name: string; line: string }> = [];
  for (const line of head.split(CRLF)) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) last.line += `${line}${CRLF}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')), line: `${line}${CRLF}` });
  }
  let canon = relaxedLines(body.replace(/\r?\n/g, CRLF));
  canon = canon.replace(/(\r\n)+$/, '') + CRLF;
  const bh = createHash('sha256').update(canon === CRLF ? '' : canon, 'utf8').digest('base64');
  return Buffer.concat([Buffer.from(dkimSignature(dkim, fields, bh), 'utf8'), raw]);
}
