import { describe, expect, it } from 'vitest';
import { feedbackId, isBounceMailbox, messageExtras, parseVerpToken, verpAddress, verpToken } from '../../src/deliverability/index.js';

const SECRET = 'verp-test-secret-0123456789';

describe('VERP', () => {
  it('round-trips (edition, subscriber) through a short signed lower-case token', () => {
    const d = { editionId: 123456, subscriberId: 987654321 };
    const address = verpAddress('bounces@news.example.org', d, SECRET);
    expect(address).toMatch(/^bounces\+[0-9a-z]+-[0-9a-z]+-[0-9a-f]{10}@news\.example\.org$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(parseVerpToken(address, SECRET)).toEqual(d);
    expect(parseVerpToken(address.toUpperCase(), SECRET)).toEqual(d); // an MTA that upper-cases
    expect(parseVerpToken(`<${address}>`, SECRET)).toEqual(d);
    expect(parseVerpToken(verpToken(d, SECRET), SECRET)).toEqual(d);
  });

  it('refuses a token signed with another secret, a changed number, or no token', () => {
    const address = verpAddress('bounces@news.example.org', { editionId: 5, subscriberId: 6 }, SECRET);
    expect(parseVerpToken(address, 'another-secret-0123456789')).toBeNull();
    expect(parseVerpToken(address.replace('+5-6-', '+5-7-'), SECRET)).toBeNull();
    expect(parseVerpToken('bounces@news.example.org', SECRET)).toBeNull();
    expect(parseVerpToken('bounces+hello@news.example.org', SECRET)).toBeNull();
  });

  it('knows the bounce mailbox and its + forms', () => {
    expect(isBounceMailbox('Bounces@News.Example.org', 'bounces@news.example.org')).toBe(true);
    expect(isBounceMailbox('bounces+x-y-z@news.example.org', 'bounces@news.example.org')).toBe(true);
    expect(isBounceMailbox('bouncesx@news.example.org', 'bounces@news.example.org')).toBe(false);
    expect(isBounceMailbox('bounces+x@evil.example', 'bounces@news.example.org')).toBe(false);
  });
});

describe('Feedback-ID and message extras', () => {
  it('has the edition, digest, "dispatch" and the sender id, with no stray colons', () => {
    expect(feedbackId({ editionId: 42, digest: 'daily', senderId: 'news.example.org' })).toBe('42:daily:dispatch:news.example.org');
    expect(feedbackId({ editionId: 1, digest: 'a:b', senderId: 'x y' })).toBe('1:a-b:dispatch:x-y');
  });

  it('adds nothing to a preview of an edition not stored yet, and no VERP without a bounce address', () => {
    const base = { digest: 'daily', subscriberId: 3, senderId: 'news.example.org', secret: SECRET };
    expect(messageExtras({ ...base, editionId: null, bounceAddress: 'b@news.example.org' })).toEqual({ headers: {}, envelopeFrom: null });
    expect(messageExtras({ ...base, editionId: 9, bounceAddress: null })).toEqual({ headers: { 'Feedback-ID': '9:daily:dispatch:news.example.org' }, envelopeFrom: null });
    expect(messageExtras({ ...base, editionId: 9, bounceAddress: 'b@news.example.org' }).envelopeFrom).toMatch(/^b\+9-3-/);
  });
});
