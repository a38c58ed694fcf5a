// OutgoingMessage → the bytes a relay receives, DKIM-signed when configured.
//
// Fast path: a message with `spliced` bodies belongs to a copy shape (the
// same `parts` arrays for every recipient of one rendered copy). The shape's
// static text is quoted-printable-encoded once (mime-core.ts); per recipient
// only their headers and values are encoded and spliced in.
//
// The shortcut is checked, like the render shortcut: the first message of
// every shape is parsed with mailparser next to nodemailer's full build of
// the same message; any difference in headers, text or HTML turns the
// shortcut off for that shape (logged), and its messages are built by
// nodemailer from then on. Messages without `spliced` always take that
// slow path. Both paths are signed by the same DKIM code.
//
// nodemailer and mailparser are loaded only where they run: the check in a
// short-lived thread (mime-check-thread.ts), the slow path on demand.
import { randomBytes } from 'node:crypto';
import type { CreateMailerOptions } from './mailer.js';
import { createMimeChecker } from './mime-check-thread.js';
import { buildValues, buildValuesAsync, encodeShape, framing, messageChunks, signRaw, type DkimKey, type EncodedShape, type MessageValues } from './mime-core.js';
import type { OutgoingMessage } from './outgoing-message.js';
import { createMimeThreads, type MimeThreads } from './mime-threads.js';

export interface MimeBuilder {
  /** The message as pieces to write in order (the shape's text is shared, not copied). */
  build(msg: OutgoingMessage): Promise<Uint8Array[]>;
  /** True when these pieces came from the built-once path: no line starts with "." (no SMTP dot-stuffing needed). */
  isDotSafe(chunks: readonly Uint8Array[]): boolean;
  /** Shapes whose shortcut was turned off by the check (for tests and logs). */
  readonly shortcutOff: number;
  /** Worker threads building and signing (0 = all on the calling thread). */
  readonly threads: number;
  close(): Promise<void>;
}

export interface MimeBuilderOptions extends Pick<CreateMailerOptions, 'dkim' | 'threads' | 'log'> {
  /** Test hook: alters the fast build before the check (proves the check can fail). */
  tamper?: (raw: Buffer) => Buffer;
  /** Test hook: a fixed MIME boundary (default: random per builder). */
  boundary?: string;
}

/** nodemailer's full build (no DKIM): the reference, and the slow path. */
export async function referenceMime(msg: OutgoingMessage): Promise<Buffer> {
  return (await import('./reference-mime.js')).referenceMime(msg);
}

/** The message as the relay would receive it, without DKIM (the studio's header view, tests). */
export async function renderMime(msg: OutgoingMessage): Promise<Buffer> {
  const b = createMimeBuilder({ threads: 0 });
  try {
    return Buffer.concat(await b.build(msg));
  } finally {
    await b.close();
  }
}

interface ShapeState {
  id: number;
  encoded: EncodedShape;
  /** Resolves true when the shortcut matched the reference build. */
  verdict: Promise<boolean> | null;
  ok: boolean | null;
}

function valuesOf(msg: OutgoingMessage): MessageValues {
  return {
    headers: msg.headers,
    messageId: msg.messageId,
    textValues: msg.spliced?.text.values ?? [],
    htmlValues: msg.spliced?.html.values ?? [],
  };
}

export function createMimeBuilder(opts: MimeBuilderOptions): MimeBuilder {
  const dkim: DkimKey | null = opts.dkim ?? null;
  const log = opts.log ?? ((line: string) => console.warn(line));
  // One boundary per builder: it never occurs in the shapes (checked), and
  // a per-message random one would cost for nothing.
  const boundary = opts.boundary ?? `--_Dispatch_${randomBytes(12).toString('hex')}`;
  const frame = framing(boundary);
  const shapes = new WeakMap<readonly string[], ShapeState>();
  let nextId = 1;
  let shortcutOff = 0;
  const threads: MimeThreads | null = createMimeThreads({ threads: opts.threads, dkim, boundary });

  async function slow(msg: OutgoingMessage): Promise<Uint8Array[]> {
    const raw = await referenceMime(msg);
    return [dkim ? signRaw(raw, dkim) : raw];
  }

  const nText = (msg: OutgoingMessage): number => msg.spliced?.text.values.length ?? 0;

  function fastLocal(state: ShapeState, msg: OutgoingMessage): Uint8Array[] {
    return mark(messageChunks(state.encoded, frame, buildValues(state.encoded, valuesOf(msg), frame, dkim), nText(msg)));
  }

  async function fast(state: ShapeState, msg: OutgoingMessage): Promise<Uint8Array[]> {
    if (!threads) {
      // No workers: the signature still leaves this thread (libuv's pool),
      // so sockets and the ledger are served while it is computed.
      if (!dkim) return fastLocal(state, msg);
      return mark(messageChunks(state.encoded, frame, await buildValuesAsync(state.encoded, valuesOf(msg), frame, dkim), nText(msg)));
    }
    const built = await threads.build(state.id, state.encoded, valuesOf(msg));
    return mark(messageChunks(state.encoded, frame, built, nText(msg)));
  }

  const checker = createMimeChecker();
  async function check(msg: OutgoingMessage, built: Buffer): Promise<boolean> {
    const verdict = await checker.check(msg, built);
    if (verdict.ok) return true;
    log(`mime: ${verdict.reason}; building this copy in full from now on`);
    return false;
  }

  const dotSafe = new WeakSet<readonly Uint8Array[]>();
  const mark = (c: Uint8Array[]): Uint8Array[] => {
    dotSafe.add(c);
    return c;
  };
  return {
    isDotSafe: (c) => dotSafe.has(c),
    threads: threads?.size ?? 0,
    get shortcutOff() {
      return shortcutOff;
    },
    async build(msg) {
      const sp = msg.spliced;
      if (!sp) return slow(msg);
      let state = shapes.get(sp.html.parts);
      if (!state) {
        const encoded = encodeShape(sp.text.parts, sp.html.parts);
        const clash = [...sp.text.parts, ...sp.html.parts].some((p) => p.includes(boundary));
        state = { id: nextId++, encoded, verdict: null, ok: clash ? false : null };
        shapes.set(sp.html.parts, state);
        if (clash) shortcutOff += 1;
      }
      if (state.ok === false) return slow(msg);
      if (state.ok === true) return fast(state, msg);
      // The first message of the shape: build it both ways and compare.
      if (!state.verdict) {
        const s = state;
        s.verdict = (async () => {
          let built: Buffer = Buffer.concat(fastLocal(s, msg));
          if (opts.tamper) built = opts.tamper(built);
          const ok = await check(msg, built);
          s.ok = ok;
          if (!ok) shortcutOff += 1;
          return ok;
        })();
      }
      return (await state.verdict) ? fast(state, msg) : slow(msg);
    },
    async close() {
      await threads?.close();
      await checker.close();
    },
  };
}
