// Fuzzing token verification: random strings and mutated real tokens never
// throw, and nothing but the exact token signToken wrote ever verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../src/shared/tokens.js';
import { fuzzRuns, soupString } from '../helpers/fuzz.js';

const SECRET = 'fuzz-secret-0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.';

describe('fuzz: verifyToken', () => {
  it('never throws and never verifies a random string', () => {
    fc.assert(
      fc.property(fc.oneof(soupString(120), fc.string({ unit: fc.constantFrom(...B64.split('')), maxLength: 120 })), fc.constantFrom('unsubscribe', 'preferences', 'confirm'), (token, purpose) => {
        const r = verifyToken(SECRET, token, purpose, Date.now());
        expect(r.ok).toBe(false);
        if (!r.ok) expect(['malformed', 'bad-signature', 'wrong-purpose', 'expired']).toContain(r.reason);
      }),
      { numRuns: fuzzRuns(400) },
    );
  });

  it('rejects every mutation of a real token', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.option(fc.integer({ min: 0, max: 4_000_000_000_000 }), { nil: undefined }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...B64.split(''))), { minLength: 1, maxLength: 3 }),
        (sub, exp, edits) => {
          const token = signToken(SECRET, { sub, purpose: 'unsubscribe', exp });
          const chars = token.split('');
          for (const [at, ch] of edits) chars[at % chars.length] = ch;
          const mutated = chars.join('');
          const r = verifyToken(SECRET, mutated, 'unsubscribe', 0);
          if (mutated === token) expect(r).toEqual({ ok: true, sub, exp: exp === undefined ? null : Math.floor(exp) });
          else expect(r.ok).toBe(false);
        },
      ),
      { numRuns: fuzzRuns(400) },
    );
  });
});
