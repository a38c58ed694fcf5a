// An in-process SMTP server for deliver tests and benches: accepts mail on
// 127.0.0.1 (random port), keeps every accepted message raw, and can inject
// the faults a real relay produces.
import type { Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface SinkMessage {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string;
  raw: Buffer;
}

export interface SinkFaults {
  /** Answer 451 at end of DATA for the first attempt of each of these addresses, then accept. */
  tempFailOnce?: string[];
  /** Answer 451 at end of DATA for these addresses, every time. */
  tempFailAlways?: string[];
  /** Reject at RCPT TO with `550 5.1.1 <addr>: user unknown`, every time. */
  rejectUnknown?: string[];
  /** Destroy the socket (no reply) at end of DATA for the first attempt of each of these addresses. */
  dropOnce?: string[];
  /**
   * After this many accepted messages, hold every further message at end of
   * DATA without answering (a relay that hangs). The held message is never
   * accepted: if the client dies, it was not delivered.
   */
  holdAfter?: number;
  /** Answer each accepted message only after this many ms (a slow relay). */
  delayMs?: number;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:PORT/?ignoreTLS=true` for createMailer. */
  url: string;
  /** Accepted messages (empty when started with keepMessages: false). */
  messages: SinkMessage[];
  /** Accepted message count, kept even when messages are not. */
  accepted(): number;
  /** How many accepted copies each envelope recipient got. */
  copiesFor(address: string): number;
  /** Count of every address's copies, for "exactly one each" checks. */
  copyCounts(): Map<string, number>;
  parse(msg: SinkMessage): Promise<ParsedMail>;
  /** Resolves once `n` messages have been accepted. */
  waitForAccepted(n: number): Promise<void>;
  /** Number of messages currently held (holdAfter). */
  held(): number;
  /** Resolves once `n` messages are held. */
  waitForHeld(n: number): Promise<void>;
  faults: SinkFaults;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpSink(
  faults: SinkFaults = {},
  opts: {
    /** false = count only (benches sending 100,000 copies). Default true. */
    keepMessages?: boolean;
  } = {},
): Promise<SmtpSink> {
  const keep = opts.keepMessages ?? true;
  const messages: SinkMessage[] = [];
  const counts = new Map<string, number>();
  let acceptedCount = 0;
  const tempFailed = new Set<string>();
  const dropped = new Set<string>();
  const waiters: Array<() => void> = [];
  let heldCount = 0;
  const sink = { faults } as SmtpSink;

  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  const until = async (cond: () => boolean): Promise<void> => {
    while (!cond()) await new Promise<void>((resolve) => waiters.push(resolve));
  };

  const rcpts = (session: SMTPServerSession): string[] =>
    session.envelope.rcptTo.map((r) => r.address.toLowerCase());

  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const addr = address.address.toLowerCase();
      if ((sink.faults.rejectUnknown ?? []).map((a) => a.toLowerCase()).includes(addr)) {
        callback(smtpError(550, `5.1.1 <${addr}>: Recipient address rejected: User unknown`));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        if (keep) chunks.push(c);
      });
      stream.on('end', () => {
        const to = rcpts(session);
        const drop = to.find((a) => (sink.faults.dropOnce ?? []).map((x) => x.toLowerCase()).includes(a) && !dropped.has(a));
        if (drop) {
          dropped.add(drop);
          // No reply at all: the client sees the connection die mid-transaction.
          for (const conn of server.connections) {
            const c = conn as unknown as { session?: SMTPServerSession; _socket?: Socket };
            if (c.session === session) c._socket?.destroy();
          }
          return;
        }
        const temp = to.find(
          (a) =>
            (sink.faults.tempFailAlways ?? []).map((x) => x.toLowerCase()).includes(a) ||
            ((sink.faults.tempFailOnce ?? []).map((x) => x.toLowerCase()).includes(a) && !tempFailed.has(a)),
        );
        if (temp) {
          tempFailed.add(temp);
          callback(smtpError(451, '4.3.0 Temporary failure, please try again later'));
          return;
        }
        if (sink.faults.holdAfter !== undefined && acceptedCount >= sink.faults.holdAfter) {
          heldCount += 1;
          wake();
          return; // never answered
        }
        const accept = (): void => {
          acceptedCount += 1;
          for (const a of to) counts.set(a, (counts.get(a) ?? 0) + 1);
          if (keep) {
            messages.push({ to, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', raw: Buffer.concat(chunks) });
          }
          wake();
          callback(null, `2.0.0 Ok: queued as ${acceptedCount}`);
        };
        if (sink.faults.delayMs) setTimeout(accept, sink.faults.delayMs);
        else accept();
      });
    },
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  Object.assign(sink, {
    port,
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    messages,
    accepted: () => acceptedCount,
    copiesFor: (address: string) => counts.get(address.toLowerCase()) ?? 0,
    copyCounts: () => new Map(counts),
    parse: (msg: SinkMessage) => simpleParser(msg.raw),
    waitForAccepted: (n: number) => until(() => acceptedCount >= n),
    held: () => heldCount,
    waitForHeld: (n: number) => until(() => heldCount >= n),
    close: () =>
      new Promise<void>((resolve) => {
        for (const conn of server.connections) {
          (conn as unknown as { _socket?: Socket })._socket?.destroy();
        }
        server.close(() => resolve());
      }),
  } satisfies Omit<SmtpSink, 'faults'>);
  return sink;
}
