// The check behind the MIME shortcut: the built-once message and nodemailer's
// full build of the same copy, both parsed with mailparser, must agree on
// every header (but the boundary and the DKIM signature) and on both parts.
import { simpleParser, type ParsedMail } from 'mailparser';
import type { OutgoingMessage } from './outgoing-message.js';
import { referenceMime } from './reference-mime.js';

export type MimeVerdict = { ok: true } | { ok: false; reason: string };

/** What the check compares: every parsed header but the boundary, the two parts. */
function comparable(p: ParsedMail): string {
  const headers: Record<string, unknown> = {};
  // By name: the two builders order header fields differently, which no reader sees.
  for (const [k, v] of [...p.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (k === 'dkim-signature') continue;
    if (k === 'content-type' && typeof v === 'object' && v && 'params' in v) {
      const { boundary: _b, ...params } = (v as { params: Record<string, string> }).params;
      headers[k] = { ...(v as object), params };
    } else headers[k] = v;
  }
  return JSON.stringify({ headers, text: p.text ?? '', html: p.html || '' });
}

/** Where two comparable strings first differ, for the log line. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 30), i + 50))} vs ${JSON.stringify(b.slice(Math.max(0, i - 30), i + 50))}`;
}

export async function checkAgainstReference(msg: OutgoingMessage, built: Uint8Array): Promise<MimeVerdict> {
  try {
    const [ours, ref] = await Promise.all([simpleParser(Buffer.from(built)), referenceMime(msg).then((r) => simpleParser(r))]);
    const a = comparable(ours);
    const b = comparable(ref);
    if (a === b) return { ok: true };
    return { ok: false, reason: `the built-once message differs from nodemailer's build for ${msg.messageId} (${firstDifference(a, b)})` };
  } catch (error) {
    return { ok: false, reason: `could not check the built-once message for ${msg.messageId} (${(error as Error).message})` };
  }
}
