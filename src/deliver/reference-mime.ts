// nodemailer's full build of an OutgoingMessage (no DKIM): the reference the
// built-once MIME is checked against, and the slow path when the shortcut is
// off. Loaded only when one of those runs: nodemailer costs ~15 MB of RSS in
// a process that never needs it (a send whose shapes all passed their check).
import nodemailer from 'nodemailer';
import { toMailOptions } from './nodemailer-options.js';
import type { OutgoingMessage } from './outgoing-message.js';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

export async function referenceMime(msg: OutgoingMessage): Promise<Buffer> {
  const info = await composer.sendMail(toMailOptions(msg));
  return Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
}
