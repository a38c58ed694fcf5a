// Fuzzing the subscribe-by-mail parser with hostile raw mail: it never
// throws, and what it returns is always one of the shapes it promises.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestMail } from '../../src/inbound/parse-request-mail.js';
import { fuzzRuns, soupString } from '../helpers/fuzz.js';

const HEADER_NAMES = ['From', 'Subject', 'Content-Type', 'Content-Transfer-Encoding', 'Auto-Submitted', 'Precedence', 'List-Id', 'X-Autoreply', 'To', 'Reply-To'];
const VALUES = [
  'subscribe',
  'UNSUBSCRIBE abc-123_~.x',
  'Re: Fwd: subscribe',
  '=?UTF-8?B?c3Vic2NyaWJl?=',
  '=?UTF-8?Q?unsub=73cribe?=',
  '=?bogus?X?zzz?=',
  '=?UTF-8?B?!!!?=',
  '"Ana" <ana@example.org>',
  '<a@b>',
  'multipart/alternative; boundary="b"',
  'multipart/report; report-type=delivery-status',
  'text/plain; charset=iso-8859-1',
  'quoted-printable',
  'base64',
  'auto-replied',
  'bulk',
];

const header = fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.oneof(fc.constantFrom(...VALUES), soupString(40)), fc.constantFrom('\r\n', '\n', '\r\n\t')).map(([n, v, eol]) => `${n}: ${v}${eol}`);
const body = fc.oneof(soupString(200), fc.constantFrom('--b\r\nContent-Type: text/plain\r\n\r\nsubscribe\r\n--b--\r\n', 'c3Vic2NyaWJl', 'unsub=\r\nscribe', '--b\r\n\r\n'));
const raw = fc.oneof(
  soupString(300),
  fc.tuple(fc.array(header, { maxLength: 10 }), fc.constantFrom('\r\n', '\n', ''), body).map(([h, sep, b]) => h.join('') + sep + b),
);

describe('fuzz: inbound request mail', () => {
  // Encoded words, quoted-printable and charsets are mailparser's (the subjects
  // and bodies above include broken ones): the parser must still answer.
  it('never throws and returns the promised shape', async () => {
    await fc.assert(
      fc.asyncProperty(raw, async (mail) => {
        const r = await parseRequestMail(mail);
        expect(r.from === null || (typeof r.from === 'string' && r.from.includes('@'))).toBe(true);
        expect([null, 'subscribe', 'unsubscribe']).toContain(r.command);
        expect(r.token === null || /^[A-Za-z0-9._~-]{1,400}$/.test(r.token)).toBe(true);
        expect(typeof r.automated).toBe('boolean');
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});
