// No relay configured: each message is written as an .eml file to the outbox
// folder, byte for byte what the SMTP adapter would have put on the wire.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../write-file-atomically.js';
import { createMimeBuilder } from '../build-mime.js';
import type { CreateMailerOptions, Mailer } from '../mailer.js';

export function createOutboxMailer(_url: URL | null, opts: CreateMailerOptions): Mailer {
  const dir = path.resolve(opts.outboxDir);
  mkdirSync(dir, { recursive: true });
  // Files are written one at a time, so a thread pool would only add latency.
  const builder = createMimeBuilder({ ...opts, threads: 0 });
  let seq = 0;
  const runTag = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    kind: 'outbox',
    describe: () => `outbox folder ${dir} (DISPATCH_SMTP_URL not set: messages are written as .eml files, nothing is sent)`,
    notice: () => `DISPATCH_SMTP_URL is not set: mails are written as .eml files to ${dir}`,
    parallelism: 1,
    async send(msg) {
      try {
        const buf = Buffer.concat(await builder.build(msg));
        // Sortable (time, then sequence) and unique across processes (runTag).
        seq += 1;
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
        const name = `${stamp}-${runTag}-${String(seq).padStart(6, '0')}.eml`;
        const file = path.join(dir, name);
        // Write then rename, so a crash never leaves half a message behind;
        // a failed write (a full disk) removes its temporary file.
        await writeFileAtomically(file, buf);
        return { ok: true, reply: `written to ${file}`, messageId: msg.messageId };
      } catch (err) {
        const reply = err instanceof Error ? err.message : String(err);
        return { ok: false, temporary: true, reply: `outbox write failed: ${reply}`, code: null, mailboxMissing: false };
      }
    },
    async close() {
      await builder.close();
    },
  };
}
