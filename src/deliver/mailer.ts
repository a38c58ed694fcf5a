// The one interface every transport adapter implements (src/deliver/mailers/,
// one file each, chosen by URL scheme in create-mailer.ts). Callers never ask
// which adapter they hold: whatever differs between them (what to tell the
// operator, how many messages are worth having in flight) is a property here.
import type { OutgoingMessage } from './outgoing-message.js';

export type SendOutcome =
  | { ok: true; reply: string; messageId: string }
  | {
      ok: false;
      /** True for 4xx replies and dropped connections/timeouts: try again later. */
      temporary: boolean;
      reply: string;
      code: number | null;
      /** A permanent reply that says the mailbox does not exist: the address should be marked bounced. */
      mailboxMissing: boolean;
    };

export type SendFailure = Extract<SendOutcome, { ok: false }>;

export interface Mailer {
  /** The adapter's name (`smtp`, `outbox`, …), for logs and summaries only: never branch on it. */
  readonly kind: string;
  /** One line for the operator, without credentials. */
  describe(): string;
  /**
   * A line to tell the operator before sending when messages do not leave
   * this machine (the outbox: where the files go); null for a real relay.
   */
  notice(): string | null;
  /**
   * Checked once before an edition is sent: a line naming why nothing can be
   * sent now ("relay unreachable: ECONNREFUSED host:port", a refused login, a
   * TLS error), or null when the transport is ready. Optional: the outbox has none.
   */
  preflight?(): Promise<string | null>;
  /** Messages worth having in flight at once (the send loop's concurrency). */
  readonly parallelism: number;
  /** Never throws for a delivery problem: the outcome is what the ledger records. */
  send(msg: OutgoingMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  /** PEM text of the private key (the config layer reads the key file). */
  privateKey: string;
}

export interface CreateMailerOptions {
  /** smtp://, smtps:// (or another registered scheme); unset = the outbox folder. */
  smtpUrl?: string | null;
  outboxDir: string;
  pool?: { connections: number; messagesPerConnection?: number; ratePerSecond?: number };
  dkim?: DkimOptions | null;
  /** Build MIME in worker threads: 'auto' (default) = when signing with DKIM and os.availableParallelism() > 1. */
  threads?: 'auto' | number;
  /** Where the shortcut check reports a difference (default: console.warn). */
  log?: (line: string) => void;
}

/** An adapter factory: one per URL scheme (see create-mailer.ts). */
export type MailerFactory = (url: URL | null, opts: CreateMailerOptions) => Mailer;
