// Runs the MIME shortcut's check (mime-check.ts) in a worker thread that ends
// once no check is pending, so mailparser and nodemailer (~40 MB of RSS
// between them, measured) are never loaded into a sending process: the check
// runs once per copy shape, then never again. Where no worker can start from
// compiled code (tests running the TypeScript sources), the check runs in
// this thread instead; the verdict is the same.
import { Worker } from 'node:worker_threads';
import type { MimeVerdict } from './mime-check.js';
import type { OutgoingMessage } from './outgoing-message.js';

export interface MimeChecker {
  check(msg: OutgoingMessage, built: Uint8Array): Promise<MimeVerdict>;
  close(): Promise<void>;
}

/**
 * How long an idle checker thread waits for the next shape's check before it
 * ends. Short: the thread holds ~25 MB more while it lives, and the sending
 * it unblocks grows the process meanwhile; with 2 s of idling a worker's peak
 * RSS was the two added up (151–156 MB measured, 131–136 MB with 100 ms).
 * Shapes of the first batch are checked in one thread's life; one that first
 * appears later starts a thread again for its check (~0.3 s).
 */
const IDLE_MS = 100;

function workerUrl(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new URL('./mime-check-worker.js', here);
  // From TypeScript sources only in a child whose module hook transpiles
  // workers too (as mime-threads.ts); vitest's transform does not reach them.
  if (process.env.VITEST) return null;
  return new URL('./mime-check-worker.ts', here);
}

export function createMimeChecker(opts: { inThread?: boolean } = {}): MimeChecker {
  const url = opts.inThread === false ? null : workerUrl();
  if (!url) {
    return {
      check: async (msg, built) => (await import('./mime-check.js')).checkAgainstReference(msg, built),
      close: async () => undefined,
    };
  }
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let req = 0;
  const pending = new Map<number, (v: MimeVerdict) => void>();

  const stop = (): void => {
    const w = worker;
    worker = null;
    void w?.terminate();
  };
  const start = (): Worker => {
    // A small young generation: the check parses two messages once per
    // shape, and V8's default (up to 3 × 16 MB for a new isolate) would be
    // that much more RSS in a process that is about to send a list.
    const w = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    w.on('message', (m: { req: number; verdict: MimeVerdict }) => {
      pending.get(m.req)?.(m.verdict);
      pending.delete(m.req);
      if (pending.size === 0) {
        w.unref();
        idleTimer = setTimeout(stop, IDLE_MS);
        idleTimer.unref();
      }
    });
    w.on('error', (error) => {
      for (const resolve of pending.values()) resolve({ ok: false, reason: `could not check the built-once message (${error.message})` });
      pending.clear();
      if (worker === w) worker = null;
    });
    return w;
  };
  return {
    check(msg, built) {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      worker ??= start();
      worker.ref();
      const id = ++req;
      const w = worker;
      return new Promise<MimeVerdict>((resolve) => {
        pending.set(id, resolve);
        w.postMessage({ req: id, msg, built });
      });
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      for (const resolve of pending.values()) resolve({ ok: false, reason: 'the MIME checker was closed' });
      pending.clear();
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
