import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/index.js';
import { charsetFromContentType, encodingFromProlog } from '../../src/ingest/decode-text.js';

const prolog = (encoding: string) => Buffer.from(`<?xml version="1.0" encoding="${encoding}"?>`, 'latin1');
const bytes = (...parts: Array<Buffer | number[] | string>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decodeText', () => {
  it('maps every windows-1252 byte in 0x80–0x9F to its character (Node 20’s TextDecoder does not)', () => {
    const text = decodeText(bytes([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9c]), 'text/xml; charset=windows-1252');
    expect(text).toBe('€…‘’“”–—™œ');
  });

  it('reads ISO-8859-1 and latin1 labels as windows-1252 (WHATWG)', () => {
    expect(decodeText(bytes(prolog('ISO-8859-1'), [0xe9, 0x93]))).toMatch(/é“$/);
    expect(decodeText(bytes([0xe9]), 'text/xml; charset="latin1"')).toBe('é');
  });

  it('lets the header win over the prolog', () => {
    expect(decodeText(bytes(prolog('windows-1252'), 'caf', [0xc3, 0xa9]), 'application/xml; charset=UTF-8')).toMatch(/café$/);
  });

  it('lets a BOM win over a wrong header', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'caf', [0xc3, 0xa9]), 'text/xml; charset=iso-8859-1')).toBe('café');
  });

  it('decodes UTF-16 with a BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss>é</rss>', 'utf16le')]))).toBe('<rss>é</rss>');
  });

  it('decodes other single-byte encodings named in the prolog', () => {
    expect(decodeText(bytes(prolog('ISO-8859-2'), [0xb1, 0xe6]))).toMatch(/ąć$/);
  });

  it('falls back to UTF-8 for an unknown label, and to windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeText(bytes('caf', [0xc3, 0xa9]), 'text/xml; charset=x-made-up')).toBe('café');
    expect(decodeText(bytes('caf', [0xe9]))).toBe('café');
  });

  it('parses the charset parameter and the prolog encoding', () => {
    expect(charsetFromContentType('application/rss+xml; charset="Windows-1252"')).toBe('Windows-1252');
    expect(charsetFromContentType('text/xml')).toBeNull();
    expect(encodingFromProlog(Buffer.from("<?xml version='1.0' encoding='iso-8859-15' ?><rss/>"))).toBe('iso-8859-15');
    expect(encodingFromProlog(Buffer.from('<rss encoding="utf-8"/>'))).toBeNull();
  });
});
