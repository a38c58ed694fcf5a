import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../src/shared/tokens.js';

const SECRET = 'a-long-random-secret';
const NOW = Date.parse('2026-11-25T07:00:00Z');

describe('signToken / verifyToken', () => {
  it('round-trips the subscriber id for the same purpose', () => {
    const token = signToken(SECRET, { sub: 42, purpose: 'unsubscribe' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(SECRET, token, 'unsubscribe', NOW)).toEqual({ ok: true, sub: 42, exp: null });
  });

  it('is deterministic (stable links) but differs per subscriber and per purpose', () => {
    const a = signToken(SECRET, { sub: 1, purpose: 'unsubscribe' });
    expect(signToken(SECRET, { sub: 1, purpose: 'unsubscribe' })).toBe(a);
    expect(signToken(SECRET, { sub: 2, purpose: 'unsubscribe' })).not.toBe(a);
    expect(signToken(SECRET, { sub: 1, purpose: 'preferences' })).not.toBe(a);
  });

  it('rejects a token used for another purpose', () => {
    const token = signToken(SECRET, { sub: 7, purpose: 'preferences' });
    expect(verifyToken(SECRET, token, 'unsubscribe', NOW)).toEqual({ ok: false, reason: 'wrong-purpose' });
  });

  it('rejects a token signed with another secret', () => {
    const token = signToken('another-secret', { sub: 7, purpose: 'unsubscribe' });
    expect(verifyToken(SECRET, token, 'unsubscribe', NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a payload swapped to another subscriber (signature no longer matches)', () => {
    const mine = signToken(SECRET, { sub: 7, purpose: 'unsubscribe' });
    const [, sig] = mine.split('.');
    const forged = `${Buffer.from(JSON.stringify({ s: 8, p: 'unsubscribe' })).toString('base64url')}.${sig}`;
    expect(verifyToken(SECRET, forged, 'unsubscribe', NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects every single-character change to the signature', () => {
    const token = signToken(SECRET, { sub: 7, purpose: 'unsubscribe' });
    const dot = token.indexOf('.');
    for (let i = dot + 1; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + c + token.slice(i + 1);
      const result = verifyToken(SECRET, tampered, 'unsubscribe', NOW);
      // The last base64url character carries padding bits; a change there may decode to the same bytes.
      if (Buffer.from(tampered.slice(dot + 1), 'base64url').equals(Buffer.from(token.slice(dot + 1), 'base64url'))) continue;
      expect(result.ok).toBe(false);
    }
  });

  it('rejects truncated and malformed tokens without throwing', () => {
    const token = signToken(SECRET, { sub: 7, purpose: 'unsubscribe' });
    for (const bad of ['', '.', 'abc', token.slice(0, -5), `${token}.x`, 'a b.c', token.replace('.', '')]) {
      const r = verifyToken(SECRET, bad, 'unsubscribe', NOW);
      expect(r.ok).toBe(false);
    }
  });

  it('honours an expiry in ms', () => {
    const token = signToken(SECRET, { sub: 9, purpose: 'confirm', exp: NOW + 1000 });
    expect(verifyToken(SECRET, token, 'confirm', NOW + 999)).toEqual({ ok: true, sub: 9, exp: NOW + 1000 });
    expect(verifyToken(SECRET, token, 'confirm', NOW + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses an empty secret', () => {
    expect(() => signToken('', { sub: 1, purpose: 'unsubscribe' })).toThrow(/secret/);
  });

  it('accepts a signature only in its canonical base64url spelling', () => {
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = signToken(SECRET_FOR_SPELLING, { sub: 7, purpose: 'unsubscribe' });
    const [payload, sig] = token.split('.') as [string, string];
    const last = ALPHABET.indexOf(sig.at(-1)!);
    // 32 bytes in 43 characters: the last one carries 2 spare bits, so 4 spellings decode alike.
    const spellings = [1, 2, 3].map((flip) => `${payload}.${sig.slice(0, -1)}${ALPHABET[last ^ flip]}`);
    for (const t of spellings) {
      expect(Buffer.from(t.split('.')[1]!, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
      expect(verifyToken(SECRET_FOR_SPELLING, t, 'unsubscribe', 0).ok).toBe(false);
    }
    expect(verifyToken(SECRET_FOR_SPELLING, token, 'unsubscribe', 0)).toEqual({ ok: true, sub: 7, exp: null });
  });
});

const SECRET_FOR_SPELLING = 'spelling-secret-0123456789';
