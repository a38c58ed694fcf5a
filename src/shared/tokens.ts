// Signed tokens for the links in a mail (unsubscribe, preferences, confirm).
// A token is `base64url(payload).base64url(HMAC-SHA256(secret, purpose-tagged payload))`.
// Without the secret nobody can forge one for another subscriber, so the
// links are unguessable even though subscriber ids are small integers.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'unsubscribe' | 'preferences' | 'confirm' | (string & {});

export interface TokenPayload {
  /** Subject: the subscriber id. */
  sub: number;
  purpose: TokenPurpose;
  /** Expiry in milliseconds since the epoch; absent = never expires (unsubscribe links must keep working). */
  exp?: number;
}

export type VerifyTokenResult =
  | { ok: true; sub: number; exp: number | null }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

// On the wire the payload uses short keys to keep URLs short.
interface WirePayload {
  s: number;
  p: string;
  e?: number;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function mac(secret: string, encodedPayload: string): Buffer {
  // The version prefix lets a future format change invalidate old tokens cleanly.
  return createHmac('sha256', secret).update(`dispatch-token-v1.${encodedPayload}`).digest();
}

function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('token secret must be a non-empty string (DISPATCH_SECRET)');
  }
}

export function signToken(secret: string, payload: TokenPayload): string {
  assertSecret(secret);
  if (!Number.isSafeInteger(payload.sub) || payload.sub < 0) {
    throw new TypeError(`token subject must be a non-negative integer, got ${String(payload.sub)}`);
  }
  if (typeof payload.purpose !== 'string' || payload.purpose.length === 0) {
    throw new TypeError('token purpose must be a non-empty string');
  }
  const wire: WirePayload = { s: payload.sub, p: payload.purpose };
  if (payload.exp !== undefined) {
    if (!Number.isFinite(payload.exp)) throw new TypeError('token exp must be a finite number (ms since epoch)');
    wire.e = Math.floor(payload.exp);
  }
  const encoded = Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
  return `${encoded}.${mac(secret, encoded).toString('base64url')}`;
}

export function verifyToken(
  secret: string,
  token: string,
  purpose: TokenPurpose,
  nowMs: number,
): VerifyTokenResult {
  assertSecret(secret);
  if (typeof token !== 'string' || token.length > 1024) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [encoded, sig] = parts as [string, string];
  if (!B64URL.test(encoded) || !B64URL.test(sig)) return { ok: false, reason: 'malformed' };

  // Check the signature before looking at the payload: nothing unauthenticated is parsed.
  const expected = mac(secret, encoded);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  // Node's decoder ignores the spare bits of the last character, so one
  // signature has several spellings: only the one signToken writes counts.
  // (Compared after the MAC check; the canonical form of a valid MAC is public.)
  if (given.toString('base64url') !== sig || Buffer.from(encoded, 'base64url').toString('base64url') !== encoded) {
    return { ok: false, reason: 'malformed' };
  }

  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof wire !== 'object' || wire === null) return { ok: false, reason: 'malformed' };
  const { s, p, e } = wire as Partial<WirePayload>;
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || typeof p !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  if (e !== undefined && typeof e !== 'number') return { ok: false, reason: 'malformed' };
  if (p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (e !== undefined && nowMs >= e) return { ok: false, reason: 'expired' };
  return { ok: true, sub: s, exp: e ?? null };
}
