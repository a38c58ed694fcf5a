// The soak's SMTP sink, in its own process: accepts everything and counts
// each Message-ID, so the soak can tell a message sent twice from one sent
// once. Talks to its parent over IPC: → { port }; ← 'stats' → { accepted, unique, duplicates, duplicateIds }.
import { SMTPServer } from 'smtp-server';

const seen = new Map<string, number>();
let accepted = 0;
let duplicates = 0;
const duplicateIds: string[] = [];

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  disableReverseLookup: true,
  closeTimeout: 200,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      // At most 16 KB of the head, never a whole chunk: the id kept below is
      // a slice of this string, and V8 keeps a slice's parent alive (a whole
      // ~64 KB chunk per message made this sink run out of memory at ~3.7 GB
      // once messages arrived in large writes).
      if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1', 0, Math.min(chunk.length, 16_384 - head.length));
    });
    stream.on('end', () => {
      accepted += 1;
      const match = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
      // A copy, not a slice of `head` (see above).
      const id = match ? Buffer.from(match, 'latin1').toString('latin1') : `(no id ${accepted})`;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) {
        duplicates += 1;
        if (duplicateIds.length < 20) duplicateIds.push(id);
      }
      callback(null, `2.0.0 Ok: queued as ${accepted}`);
    });
  },
});
server.on('error', (error) => console.error('sink:', error.message));
server.listen(0, '127.0.0.1', () => {
  const addr = server.server.address();
  process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
});
process.on('message', (msg) => {
  if (msg === 'stats') process.send?.({ accepted, unique: seen.size, duplicates, duplicateIds });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
