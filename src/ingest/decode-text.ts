// Turns a feed's bytes into a string. rss-parser only ever sees strings, so the
// charset decision lives here: BOM, then the Content-Type charset, then the XML
// prolog's encoding (RFC 7303: the HTTP charset wins over the prolog), then
// UTF-8; a Latin-1 label on valid multibyte UTF-8 is read as UTF-8.

/**
 * Code points for bytes 0x80–0x9F in windows-1252. Node 20's TextDecoder maps
 * this range as ISO-8859-1 (C1 controls) although it reports 'windows-1252',
 * so curly quotes and dashes would come out as control characters; we decode
 * this encoding ourselves. Undefined bytes keep their C1 code point, as WHATWG does.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
  0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0xfffd));
}

/** The charset parameter of a Content-Type header, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1] ?? null;
}

/** The encoding named in an `<?xml … encoding="…"?>` prolog, or null. */
export function encodingFromProlog(bytes: Uint8Array): string | null {
  // The prolog is ASCII in every encoding we can read without a BOM.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1] ?? null;
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The WHATWG name for a label, or null when Node cannot decode it. */
function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  // TextDecoder drops a leading BOM of its own encoding.
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Decode a feed body. A BOM wins (it cannot be wrong); then the header's
 * charset; then the prolog; then UTF-8. Bytes claimed to be UTF-8 that are not
 * valid UTF-8 are common (a server default over a windows-1252 file), so they
 * are read with the prolog's encoding if it names another one, else windows-1252.
 */
export function decodeText(bytes: Uint8Array, contentType: string | null = null): string {
  const bom = bomEncoding(bytes);
  if (bom) return decodeAs(bytes, bom);

  const declared = [charsetFromContentType(contentType), encodingFromProlog(bytes)]
    .map((label) => (label ? canonicalEncoding(label) : null))
    .find((encoding): encoding is string => encoding != null);
  const encoding = declared ?? 'utf-8';
  if (encoding === 'windows-1252') {
    // A Latin-1 label on UTF-8 bytes is the commonest mislabel (a server
    // default). Real windows-1252 text with accents is almost never valid
    // UTF-8 with multibyte sequences, so such bytes are read as UTF-8.
    const utf8 = strictUtf8(bytes);
    if (utf8 !== null && /[\u0080-\uffff]/.test(utf8)) return utf8;
  }
  if (encoding !== 'utf-8') return decodeAs(bytes, encoding);

  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const prolog = encodingFromProlog(bytes);
    const fallback = (prolog && canonicalEncoding(prolog)) || 'windows-1252';
    return decodeAs(bytes, fallback === 'utf-8' ? 'windows-1252' : fallback);
  }
}
