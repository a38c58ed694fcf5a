// One mailbox ("Name <addr@domain>" or a bare address) read with nodemailer's
// addressparser, the parser the mail is later built with, so what validates
// here is exactly what ends up in the header. A hand-written regex accepted
// "Unsub <u@x>" and then crashed the send; "not an address" became a mail
// without From.
import addressparser from 'nodemailer/lib/addressparser';

export interface Mailbox {
  /** Display name, '' when none. */
  name: string;
  /** The address, as written (case kept). */
  address: string;
  /** Lower-cased domain part. */
  domain: string;
}

export type ParseMailboxResult = { ok: true; mailbox: Mailbox } | { ok: false; error: string };

// The domain must be a host name with at least one dot, or a bracketed
// literal; "localhost" is accepted here (go-live checks refuse it, not the
// parser: a local mail catcher is a fine place to send a preview).
const DOMAIN = /^(?:localhost|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}|\[[0-9a-f:.]+\])$/i;
// eslint-disable-next-line no-control-regex
const LOCAL = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]{1,64}$/;

export function parseMailbox(value: string): ParseMailboxResult {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (raw === '') return { ok: false, error: 'expected an address such as "Daily Brief <brief@example.org>", got nothing' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, error: 'contains a line break or control character' };
  let parsed: ReturnType<typeof addressparser>;
  try {
    parsed = addressparser(raw);
  } catch {
    return { ok: false, error: 'could not be parsed as an address' };
  }
  if (parsed.some((a) => 'group' in a && Array.isArray(a.group))) {
    return { ok: false, error: 'expected one address, got a group ("name: a@…, b@…;")' };
  }
  const box = parsed[0] as { name?: string; address?: string } | undefined;
  if (parsed.length !== 1 || !box) {
    return { ok: false, error: `expected exactly one address such as "Daily Brief <brief@example.org>", got ${parsed.length === 0 ? 'none' : parsed.length}` };
  }
  const address = typeof box.address === 'string' ? box.address : '';
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : '';
  const domain = at > 0 ? address.slice(at + 1) : '';
  if (!local || !LOCAL.test(local) || !DOMAIN.test(domain)) {
    return { ok: false, error: 'expected an address such as "Daily Brief <brief@example.org>" (local@domain, optionally with a display name)' };
  }
  return { ok: true, mailbox: { name: box.name ?? '', address, domain: domain.toLowerCase() } };
}

/** The address alone, for places that take no display name (List-Unsubscribe mailto:, envelope). */
export function bareAddress(value: string): string {
  const r = parseMailbox(value);
  return r.ok ? r.mailbox.address : value;
}
