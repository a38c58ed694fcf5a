// Dispatch's own message type: what composeCopy, the sign-up mails and the
// preview hand to a Mailer. It says what the message is (envelope, headers
// in order, two body parts), never how a library wants it spelled; the MIME
// bytes are made in one place (build-mime.ts), so the relay, the outbox and
// the studio's header view all see the same message.

/** One header field. Values are unencoded text (UTF-8 allowed); the MIME builder encodes and folds them. */
export interface MessageHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * A body whose text is `parts[0] + values[0] + parts[1] + … + parts[n]`.
 * `parts` is the SAME array object for every recipient of one copy shape
 * (one rendered personal copy), so the MIME builder can encode it once and
 * key its cache on it; `values` are this recipient's strings (already
 * escaped for HTML where the part is HTML).
 */
export interface SplicedBody {
  readonly parts: readonly string[];
  readonly values: readonly string[];
}

export interface OutgoingMessage {
  /** SMTP envelope: MAIL FROM (bare address) and RCPT TO (bare addresses). */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** `<local@domain>`; a resend of one delivery always carries the same id. */
  readonly messageId: string;
  /**
   * Header fields in wire order: From, To, Subject, Date, then Reply-To,
   * List-Id, List-Unsubscribe, List-Unsubscribe-Post and any extras.
   * Message-ID, MIME-Version and Content-* are not listed: the builder adds them.
   * Date is an RFC 5322 date string (see formatDate).
   */
  readonly headers: readonly MessageHeader[];
  /** Plain-text part (first in multipart/alternative). */
  readonly text: string;
  /** HTML part (last: clients show the last part they understand). */
  readonly html: string;
  /**
   * Optional fast path: the same two bodies as a shared shape plus this
   * recipient's values. When present, `text`/`html` MUST equal the joins;
   * the builder uses it to encode the shape once and splice values in.
   */
  readonly spliced?: { readonly text: SplicedBody; readonly html: SplicedBody };
}

/** The value of the first header named `name` (case-insensitive), or undefined. */
export function headerOf(msg: Pick<OutgoingMessage, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return msg.headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/**
 * A copy of `msg` with some headers replaced (same position), added (at the
 * end) or, with value null, removed. Bodies and their splice stay as they are.
 */
export function withHeaders(
  msg: OutgoingMessage,
  changes: Record<string, string | null>,
  over: { messageId?: string; envelopeTo?: readonly string[] } = {},
): OutgoingMessage {
  const pending = new Map(Object.entries(changes).map(([k, v]) => [k.toLowerCase(), { name: k, value: v }]));
  const headers: MessageHeader[] = [];
  for (const h of msg.headers) {
    const change = pending.get(h.name.toLowerCase());
    if (!change) {
      headers.push(h);
      continue;
    }
    pending.delete(h.name.toLowerCase());
    if (change.value !== null) headers.push({ name: h.name, value: change.value });
  }
  for (const c of pending.values()) if (c.value !== null) headers.push({ name: c.name, value: c.value });
  return {
    ...msg,
    headers,
    messageId: over.messageId ?? msg.messageId,
    envelope: { from: msg.envelope.from, to: over.envelopeTo ?? msg.envelope.to },
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** RFC 5322 date in UTC, as nodemailer writes it: `Wed, 25 Nov 2026 07:00:00 +0000`. */
export function formatDate(d: Date): string {
  return (
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** The bare address inside `Name <addr>` or `addr`. */
export function bareAddress(address: string): string {
  const m = /<([^<>]*)>\s*$/.exec(address);
  return (m?.[1] ?? address).trim();
}

/**
 * `"Display Name" <addr>` (quoted when the name needs it) or just `addr`.
 * The name is person-entered data: control characters fold to spaces.
 */
export function formatAddress(address: string, name?: string | null): string {
  // eslint-disable-next-line no-control-regex
  const clean = name == null ? '' : name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!clean) return address;
  const atom = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(clean);
  return `${atom ? clean : `"${clean.replace(/["\\]/g, '\\$&')}"`} <${address}>`;
}
