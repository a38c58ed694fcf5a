// Fuzzing the per-recipient value encoder of the built-once MIME path: what
// it writes, spliced between static segments, decodes (by mailparser, a
// decoder not written here) to exactly the value, keeps lines within 76
// characters, never opens a line with "." (no SMTP dot-stuffing needed) and
// ends at a line boundary.
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { encodeSegment, encodeValue } from '../../src/deliver/mime-core.js';
import { fuzzRuns, fuzzTimeout, soupString } from '../helpers/fuzz.js';

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
// Links with tokens, and the characters quoted-printable treats specially, often.
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 1, maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('=', '.', ' ', 'a', '3', 'D', '?', '&'), minLength: 1, maxLength: 200 }),
  fc.tuple(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.'.split('')), maxLength: 120 })).map(([t]) => `https://brief.example.org/unsubscribe?token=${t}`),
  soupString(120),
);

async function decoded(body: string): Promise<string> {
  const mail = await simpleParser(Buffer.from(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`, 'utf8'));
  return mail.text ?? '';
}

describe('fuzz: encodeValue', () => {
  it(
    'decodes to the value between static text, lines ≤ 76, no line opens with ".", ends at a line boundary',
    async () => {
      await fc.assert(
        fc.asyncProperty(value, async (v) => {
          const enc = encodeValue(v);
          // An empty value is an empty segment; anything else ends in a hard or soft break.
          expect(enc === '' ? v === '' : enc.endsWith('\r\n')).toBe(true);
          const lines = enc.slice(0, -2).split('\r\n');
          for (const line of lines) {
            expect(line.length).toBeLessThanOrEqual(76);
            expect(line.startsWith('.')).toBe(false);
          }
          const body = `${encodeSegment('Static text before.\n')}${enc}${encodeSegment(' and after.\n')}`;
          // mailparser gives LF line ends; the value's own CR/LF come back as LF too.
          expect(await decoded(body)).toBe(`Static text before.\n${v} and after.\n`.replace(/\r\n?/g, '\n'));
        }),
        { numRuns: fuzzRuns(300) },
      );
    },
    fuzzTimeout(60_000),
  );

  it('can fail: a value encoded without escaping "=" does not decode to itself', async () => {
    const v = 'https://brief.example.org/unsubscribe?token=3D7';
    expect(await decoded(`${v}=\r\n`)).not.toBe(v);
    expect(await decoded(encodeValue(v))).toBe(v);
  });
});
