// Reads what a subscribe/unsubscribe request mail asks for. Pure and
// deliberately small: the sender's address, the command (from the subject, or
// else the first line of the plain-text body), the token a List-Unsubscribe
// mailto link put in the subject, and whether the mail was sent by a machine
// (bounces, auto-replies, lists), which must never get an answer.

export type RequestCommand = 'subscribe' | 'unsubscribe';

export interface RequestMail {
  /** Address in the From header, or null when there is none we can read. */
  from: string | null;
  command: RequestCommand | null;
  /** Token after the command word (`unsubscribe <token>`), if any. */
  token: string | null;
  /** Auto-Submitted, Precedence bulk/junk/list, or a delivery report: not a person asking. */
  automated: boolean;
}

const COMMAND = /^\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)*(subscribe|unsubscribe)(?:\s+([A-Za-z0-9._~-]{1,400}))?\s*$/i;

interface Headers {
  get(name: string): string | undefined;
}

function splitMessage(raw: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  return m ? { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) } : { head: raw, body: '' };
}

function parseHeaders(head: string): Headers {
  const map = new Map<string, string>();
  // Unfold continuation lines, then keep the first of each header.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!map.has(name)) map.set(name, line.slice(i + 1).trim());
  }
  return { get: (name) => map.get(name.toLowerCase()) };
}

/** RFC 2047 encoded words (=?charset?B|Q?…?=), UTF-8 and Latin-1; others are left as they are. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, enc: string, text: string) => {
      const cs = charset.toLowerCase().replace(/\*.*$/, '');
      if (!['utf-8', 'utf8', 'us-ascii', 'iso-8859-1', 'latin1'].includes(cs)) return whole;
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return bytes.toString(cs.startsWith('utf') ? 'utf8' : 'latin1');
    });
}

function decodeBody(body: string, transferEncoding: string | undefined): string {
  const te = (transferEncoding ?? '').trim().toLowerCase();
  if (te === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (te === 'quoted-printable') {
    const bytes = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
    return bytes.toString('utf8');
  }
  return body;
}

function param(contentType: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The plain text of a message: its text/plain part (first one, one level of multipart nesting is enough for requests). */
function plainText(headers: Headers, body: string, depth = 0): string | null {
  const type = headers.get('content-type') ?? 'text/plain';
  if (/^\s*text\/plain\b/i.test(type)) return decodeBody(body, headers.get('content-transfer-encoding'));
  if (/^\s*multipart\//i.test(type) && depth < 3) {
    const boundary = param(type, 'boundary');
    if (!boundary) return null;
    const parts = body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*$`, 'm'));
    for (const part of parts.slice(1, 20)) {
      const { head, body: partBody } = splitMessage(part.replace(/^\r?\n/, ''));
      const text = plainText(parseHeaders(head), partBody, depth + 1);
      if (text !== null) return text;
    }
  }
  return null;
}

/** The address inside a From header: `Name <a@b>` or a bare `a@b`. */
function addressOf(from: string | undefined): string | null {
  if (!from) return null;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  if (angle?.[1]) return angle[1];
  const bare = /([^\s<>"(),;:]+@[^\s<>"(),;:]+)/.exec(from);
  return bare?.[1] ?? null;
}

function matchCommand(text: string | null | undefined): { command: RequestCommand; token: string | null } | null {
  if (!text) return null;
  const m = COMMAND.exec(text);
  if (!m?.[1]) return null;
  return { command: m[1].toLowerCase() as RequestCommand, token: m[2] ?? null };
}

export function parseRequestMail(raw: string): RequestMail {
  const { head, body } = splitMessage(raw);
  const headers = parseHeaders(head);
  const autoSubmitted = (headers.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = (headers.get('precedence') ?? '').toLowerCase();
  const type = (headers.get('content-type') ?? '').toLowerCase();
  const automated =
    !autoSubmitted.startsWith('no') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) ||
    /multipart\/report|message\/delivery-status/.test(type) ||
    headers.get('x-autoreply') !== undefined ||
    headers.get('list-id') !== undefined;

  let found = matchCommand(decodeEncodedWords(headers.get('subject') ?? ''));
  if (!found) {
    const text = plainText(headers, body);
    const first = text?.split(/\r?\n/).find((l) => l.trim() !== '');
    found = matchCommand(first);
  }
  return {
    from: addressOf(headers.get('from')),
    command: found?.command ?? null,
    token: found?.token ?? null,
    automated,
  };
}
