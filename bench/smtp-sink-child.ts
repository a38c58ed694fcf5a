// A minimal SMTP sink, run as its own process so its CPU is not the
// sender's: 127.0.0.1 on a random port, no TLS/AUTH, drains every message and
// answers 250, keeping only a count. Talks to its parent over IPC:
//   → { port }                      once listening
//   ← 'stats'  → { accepted, cpuMs } (cpuMs: user+system CPU of this process)
import { SMTPServer } from 'smtp-server';

let accepted = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  // No reverse DNS lookup per connection: a resolver round trip is not part
  // of what this sink stands for.
  disableReverseLookup: true,
  closeTimeout: 200,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      accepted += 1;
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
  if (msg === 'stats') {
    const cpu = process.cpuUsage();
    process.send?.({ accepted, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
});
// The parent went away: nothing left to sink for.
process.on('disconnect', () => server.close(() => process.exit(0)));
