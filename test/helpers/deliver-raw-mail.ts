// Reads a raw message the way a receiver does, without mailparser's
// conveniences (it merges List-* headers into one object), so tests can see
// how many header fields there really are and what exactly they say.
import { createHash, createVerify, type KeyObject } from 'node:crypto';

export interface HeaderField {
  name: string;
  /** Unfolded value, leading whitespace trimmed. */
  value: string;
  /** The field as it appears on the wire (folded, without the final CRLF). */
  raw: string;
}

export function splitMessage(raw: Buffer | string): { head: string; body: string } {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const at = text.indexOf('\r\n\r\n');
  if (at < 0) throw new Error('message has no header/body separator');
  return { head: text.slice(0, at + 2), body: text.slice(at + 4) };
}

export function headerFields(raw: Buffer | string): HeaderField[] {
  const { head } = splitMessage(raw);
  const fields: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.raw += `\r\n${line}`;
      last.value = `${last.value} ${line.trim()}`.trim();
    } else {
      const colon = line.indexOf(':');
      fields.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim(), raw: line });
    }
  }
  return fields;
}

export function fieldsNamed(raw: Buffer | string, name: string): HeaderField[] {
  return headerFields(raw).filter((f) => f.name.toLowerCase() === name.toLowerCase());
}

export function dkimTags(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    tags.set(part.slice(0, eq).trim(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}

// RFC 6376 §3.4.2 / §3.4.4 relaxed canonicalization.
const relaxedHeader = (f: HeaderField): string =>
  `${f.name.toLowerCase().trim()}:${f.raw.slice(f.raw.indexOf(':') + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

/**
 * Verifies a relaxed/relaxed rsa-sha256 DKIM-Signature against a public key,
 * the way a receiver would (body hash, then the signed header list bottom-up).
 */
export function verifyDkim(raw: Buffer | string, publicKey: KeyObject): { ok: boolean; reason: string; signed: string[] } {
  const fields = headerFields(raw);
  const sigField = fields.find((f) => f.name.toLowerCase() === 'dkim-signature');
  if (!sigField) return { ok: false, reason: 'no DKIM-Signature', signed: [] };
  const tags = dkimTags(sigField.value);
  const signed = (tags.get('h') ?? '').split(':').map((h) => h.toLowerCase());
  if (tags.get('c') !== 'relaxed/relaxed' || tags.get('a') !== 'rsa-sha256') {
    return { ok: false, reason: `unsupported c=${tags.get('c')} a=${tags.get('a')}`, signed };
  }
  const bodyHash = createHash('sha256').update(relaxedBody(splitMessage(raw).body), 'latin1').digest('base64');
  if (bodyHash !== tags.get('bh')) return { ok: false, reason: 'body hash mismatch', signed };

  // Each listed name consumes the bottom-most not yet used instance.
  const used = new Set<HeaderField>();
  let data = '';
  for (const name of signed) {
    const candidates = fields.filter((f) => f !== sigField && f.name.toLowerCase() === name && !used.has(f));
    const pick = candidates[candidates.length - 1];
    if (!pick) continue;
    used.add(pick);
    data += `${relaxedHeader(pick)}\r\n`;
  }
  const sigRaw = { ...sigField, raw: sigField.raw.replace(/(\bb=)[^;]*$/, '$1') };
  data += relaxedHeader(sigRaw);
  const ok = createVerify('RSA-SHA256').update(data, 'latin1').verify(publicKey, tags.get('b') ?? '', 'base64');
  return { ok, reason: ok ? 'pass' : 'signature mismatch', signed };
}
