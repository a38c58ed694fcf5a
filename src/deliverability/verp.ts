// VERP (variable envelope return path): each message's envelope sender is
// `bounces+<token>@domain`, so a bounce names the delivery it is about even
// when the report itself is garbled. The token names (edition, subscriber) —
// the deliveries table's unique key — and carries a truncated HMAC so nobody
// can forge a bounce for someone else's address by guessing a number.
// Lower-case base36 and hex only: some MTAs lower-case local parts.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerpDelivery {
  editionId: number;
  subscriberId: number;
}

// 10 hex chars = 40 bits: a forger needs ~10^12 tries per delivery, each one a
// mail to our listener. Short enough to keep the local part under 64 octets.
const MAC_HEX = 10;

function mac(secret: string, d: VerpDelivery): string {
  return createHmac('sha256', secret).update(`verp\u0000${d.editionId}\u0000${d.subscriberId}`).digest('hex').slice(0, MAC_HEX);
}

export function verpToken(d: VerpDelivery, secret: string): string {
  return `${d.editionId.toString(36)}-${d.subscriberId.toString(36)}-${mac(secret, d)}`;
}

/** `bounces@news.example.org` → `bounces+<token>@news.example.org`. */
export function verpAddress(bounceAddress: string, d: VerpDelivery, secret: string): string {
  const at = bounceAddress.lastIndexOf('@');
  return `${bounceAddress.slice(0, at)}+${verpToken(d, secret)}${bounceAddress.slice(at)}`;
}

/** The delivery a token (or a whole `bounces+token@domain` address) names, or null when absent or forged. */
export function parseVerpToken(tokenOrAddress: string, secret: string): VerpDelivery | null {
  let token = tokenOrAddress.trim().replace(/^<|>$/g, '');
  if (token.includes('@')) {
    const local = token.slice(0, token.lastIndexOf('@'));
    const plus = local.indexOf('+');
    if (plus < 0) return null;
    token = local.slice(plus + 1);
  }
  const m = /^([0-9a-z]{1,12})-([0-9a-z]{1,12})-([0-9a-f]{10})$/.exec(token.toLowerCase());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const d = { editionId: parseInt(m[1], 36), subscriberId: parseInt(m[2], 36) };
  if (!Number.isSafeInteger(d.editionId) || !Number.isSafeInteger(d.subscriberId)) return null;
  const want = Buffer.from(mac(secret, d));
  const got = Buffer.from(m[3]);
  return want.length === got.length && timingSafeEqual(want, got) ? d : null;
}

/** True for the bounce address itself and its `+` forms (case-insensitive). */
export function isBounceMailbox(address: string, bounceAddress: string): boolean {
  const a = address.toLowerCase();
  const b = bounceAddress.toLowerCase();
  if (a === b) return true;
  const at = b.lastIndexOf('@');
  return a.startsWith(`${b.slice(0, at)}+`) && a.endsWith(b.slice(at));
}
