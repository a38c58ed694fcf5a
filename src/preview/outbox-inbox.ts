// The local inbox: without DISPATCH_SMTP_URL every mail the tool "sends"
// (digests, confirmations, welcomes) is an .eml file in the outbox folder.
// These read them back, newest first, for the studio's inbox view.
import { readRegularFile, statRegularFile } from './read-regular-file.js';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';

export interface InboxEntry {
  /** File name within the outbox folder; the id in the studio's URLs. */
  name: string;
  subject: string;
  from: string;
  to: string;
  date: Date | null;
  bytes: number;
  modifiedAt: Date;
}

export interface InboxMessage extends InboxEntry {
  /** Header block as written, unfolded lines kept. */
  rawHeaders: string;
  html: string | null;
  text: string;
}

/** Outbox file names as written by the outbox mailer (or anything ending .eml without a path). */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.eml$/;

export function isInboxName(name: string): boolean {
  return NAME_RE.test(name) && !name.includes('..');
}

// Parsing every file on every page view is wasteful with hundreds of mails:
// summaries are cached by (name, size, mtime), which an overwrite changes.
const cache = new Map<string, InboxEntry>();

/** The newest `limit` messages of the outbox, newest first; an outbox that does not exist is empty. */
export async function listInbox(outboxDir: string, limit = 200): Promise<{ entries: InboxEntry[]; total: number }> {
  let names: string[];
  try {
    names = (await readdir(outboxDir)).filter(isInboxName);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0 };
    throw error;
  }
  const stats = await Promise.all(
    names.map(async (name) => {
      // lstat: a symlink or anything else that is not a regular file is not a mail.
      const s = await statRegularFile(path.join(outboxDir, name));
      return s ? { name, size: s.size, mtime: s.mtime } : null;
    }),
  );
  const files = stats
    .filter((s): s is NonNullable<typeof s> => s !== null)
    // The outbox mailer names files by time then sequence, so the name breaks mtime ties.
    .sort((a, b) => b.mtime.getTime() - a.mtime.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  const entries: InboxEntry[] = [];
  for (const f of files.slice(0, limit)) {
    const key = `${outboxDir}\u0000${f.name}\u0000${f.size}\u0000${f.mtime.getTime()}`;
    let entry = cache.get(key);
    if (!entry) {
      const file = await readRegularFile(path.join(outboxDir, f.name));
      if (!file) continue;
      const mail = await parse(file.bytes);
      entry = summary(f.name, mail, f.size, f.mtime);
      cache.set(key, entry);
    }
    entries.push(entry);
  }
  return { entries, total: files.length };
}

/** One message, or null when there is no such file. */
export async function readInboxMessage(outboxDir: string, name: string): Promise<InboxMessage | null> {
  if (!isInboxName(name)) return null;
  const file = path.join(outboxDir, name);
  const read = await readRegularFile(file);
  if (!read) return null;
  const raw = read.bytes;
  const s = { size: read.size, mtime: read.mtime };
  const mail = await parse(raw);
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return {
    ...summary(name, mail, s.size, s.mtime),
    rawHeaders: (end === -1 ? text : text.slice(0, end)).replace(/\r\n/g, '\n'),
    html: typeof mail.html === 'string' ? mail.html : null,
    text: mail.text ?? '',
  };
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  // Loaded on first use: mailparser is only needed when someone opens the inbox.
  const { simpleParser } = await import('mailparser');
  return simpleParser(raw, { skipImageLinks: true });
}

function summary(name: string, mail: ParsedMail, bytes: number, modifiedAt: Date): InboxEntry {
  const addr = (a: ParsedMail['to']): string => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));
  return {
    name,
    subject: mail.subject ?? '(no subject)',
    from: mail.from?.text ?? '',
    to: addr(mail.to),
    date: mail.date ?? null,
    bytes,
    modifiedAt,
  };
}
