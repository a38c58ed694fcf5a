// OutgoingMessage → the bytes a relay receives. (Phase 1: nodemailer's full
// build for every message; the per-shape shortcut replaces this below.)
import nodemailer from 'nodemailer';
import type { CreateMailerOptions } from './mailer.js';
import { DKIM_SIGNED_HEADERS } from './dkim-headers.js';
import { toMailOptions } from './nodemailer-options.js';
import type { OutgoingMessage } from './outgoing-message.js';

export interface MimeBuilder {
  build(msg: OutgoingMessage): Promise<Buffer>;
  close(): Promise<void>;
}

/** nodemailer's full build of a message (optionally DKIM-signed): the reference. */
export function createReferenceBuilder(dkim: CreateMailerOptions['dkim']): MimeBuilder {
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    ...(dkim ? { dkim: { ...dkim, headerFieldNames: DKIM_SIGNED_HEADERS.join(':') } } : {}),
  });
  return {
    async build(msg) {
      const info = await composer.sendMail(toMailOptions(msg));
      return Buffer.isBuffer(info.message) ? info.message : Buffer.from(String(info.message));
    },
    async close() {
      composer.close();
    },
  };
}

export function createMimeBuilder(opts: Pick<CreateMailerOptions, 'dkim' | 'threads' | 'log'>): MimeBuilder {
  return createReferenceBuilder(opts.dkim);
}

/** The message as the relay would receive it, for previews (no DKIM). */
export async function renderMime(msg: OutgoingMessage): Promise<Buffer> {
  return createReferenceBuilder(null).build(msg);
}
