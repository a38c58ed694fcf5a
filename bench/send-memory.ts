// Bench 3: memory while sending one edition to N subscribers through
// sendEdition + the SQLite ledger, each copy rendered and built per
// recipient as `dispatch send` does, to either
//   smtp  the sink process over the real SMTP pool, or
//   null  a Mailer that builds each message's bytes (createMimeBuilder, as
//         the SMTP adapter does) and drops them, so 100,000 subscribers fit
//         in the time budget; it still renders and builds every copy and
//         writes every ledger row.
// Each run is its own child process (`node --expose-gc dist/bench/send-memory.js
// N smtp|null`) so one run's heap does not pollute the next; the child prints
// one JSON line. The ledger is seeded by the parent (or, run alone, by a
// seeding child) before the measured process starts, so that process finds
// the subscribers and the pending rows on disk, as `dispatch send` does:
// seeding 100,000 readers in the measured process left ~15 MB of SQLite and
// allocator memory in its RSS that no send ever has.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildMessage, createMailer, messageIdFor, sendEdition, type Mailer } from '../src/deliver/index.js';
import { createMimeBuilder } from '../src/deliver/build-mime.js';
import { builtinTemplatesDir, compileDigest, loadTemplates } from '../src/render/index.js';
import { benchRecipient } from './edition-fixture.js';
import { fmt, mb, verdict, type Row } from './report.js';
import type { Store } from '../src/shared/store.js';
import type { Edition } from '../src/shared/types.js';
import { openStore } from '../src/store/index.js';
import { seedLedger } from './seed-ledger.js';
import { startSinkProcess } from './smtp-sink.js';

export type MemoryMailer = 'smtp' | 'null';

export interface MemoryResult {
  subscribers: number;
  mailer: MemoryMailer;
  sent: number;
  seconds: number;
  rate: number;
  /** After seeding, compiling and a full GC, before the first message. */
  startRss: number;
  startHeap: number;
  peakRss: number;
  peakHeap: number;
  /** Peaks while the first 10,000 were going out (null below 10,000). */
  peakRssAt10k: number | null;
  peakHeapAt10k: number | null;
  /** Peaks after the 10,000th message (0 below 10,000): flat means no higher than by the 10,000th. */
  peakRssAfter10k: number;
  peakHeapAfter10k: number;
  /** heapUsed after the send and a full GC: what the run left behind (grows with N only if something leaks). */
  endHeapAfterGc: number;
}

const CONNECTIONS = 10;

/** Builds every message's bytes (MIME once per shape, as the SMTP adapter does) and drops them. */
function nullMailer(): Mailer {
  const nullBuilder = createMimeBuilder({ threads: 'auto' });
  return {
  kind: 'null',
  describe: () => 'null mailer',
  notice: () => null,
  parallelism: CONNECTIONS * 2,
  async send(msg) {
    // A real transport always answers through the event loop. Without this
    // turn, sendEdition over synchronous SQLite never yields to timers
    // (and the 100 ms memory sampler would never run).
    await nullBuilder.build(msg);
    await new Promise<void>((resolve) => setImmediate(resolve));
    return { ok: true, reply: '250 2.0.0 Ok', messageId: msg.messageId };
  },
  close: () => nullBuilder.close(),
  };
}

/** Opens a ledger seeded by another process (seedLedger, then closed). */
async function openSeeded(dir: string): Promise<{ store: Store; edition: Edition }> {
  const store = await openStore({ dataDir: dir });
  const [listed] = await store.editions.list({ digest: 'daily' });
  const edition = listed ? await store.editions.get(listed.id) : undefined;
  if (!edition) throw new Error(`no seeded edition in ${dir}`);
  return { store, edition };
}

async function measureSend(subscribers: number, kind: MemoryMailer, dir: string): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const ledger = await openSeeded(dir);
  const sink = kind === 'smtp' ? await startSinkProcess() : null;
  const outbox = mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-outbox-'));
  const compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
  const mailer = sink
    ? createMailer({
        smtpUrl: sink.url,
        outboxDir: outbox,
        pool: { connections: CONNECTIONS, messagesPerConnection: 100, ratePerSecond: 1_000_000 },
      })
    : nullMailer();
  const model = { ...ledger.edition.model, editionId: ledger.edition.id };
  try {
    gc();
    gc();
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakHeap = start.heapUsed;
    const marks: { at10k: { rss: number; heap: number } | null } = { at10k: null };
    let sentSoFar = 0;
    let lateRss = 0;
    let lateHeap = 0;
    const sample = (): void => {
      const m = process.memoryUsage();
      if (marks.at10k) {
        lateRss = Math.max(lateRss, m.rss);
        lateHeap = Math.max(lateHeap, m.heapUsed);
      }
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      if (sentSoFar >= 10_000 && !marks.at10k) marks.at10k = { rss: peakRss, heap: peakHeap };
    };
    const timer = setInterval(sample, 100);
    const t0 = performance.now();
    const summary = await sendEdition({
      deliveries: ledger.store.deliveries,
      editionId: ledger.edition.id,
      mailer,
      // As deliverEdition composes: one Handlebars fill and one message per recipient.
      compose: (t) => {
        const recipient = { ...benchRecipient(t.subscriberId), email: t.email, name: t.name };
        const { html, text, spliced } = compiled.render(model, recipient);
        return buildMessage({
          from: '"Daily Foreign Policy Brief" <brief@dispatch.example.org>',
          to: t.email,
          toName: t.name,
          subject: ledger.edition.subject,
          html,
          text,
          listId: 'Daily Foreign Policy Brief <daily.dispatch.example.org>',
          unsubscribeHttpUrl: recipient.unsubscribeUrl,
          unsubscribeMailto: 'mailto:unsubscribe@dispatch.example.org?subject=unsubscribe',
          messageId: messageIdFor({ editionId: ledger.edition.id, subscriberId: t.subscriberId, domain: 'dispatch.example.org' }),
          date: new Date(),
          ...(spliced ? { spliced } : {}),
        });
      },
      now: () => new Date(),
      concurrency: CONNECTIONS * 2,
      onProgress: (p) => {
        sentSoFar = p.sent;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    sample();
    gc();
    gc();
    const endHeapAfterGc = process.memoryUsage().heapUsed;
    const final = marks.at10k;
    return {
      subscribers,
      mailer: kind,
      sent: summary.sent,
      seconds,
      rate: summary.sent / seconds,
      startRss: start.rss,
      startHeap: start.heapUsed,
      peakRss,
      peakHeap,
      peakRssAt10k: final?.rss ?? null,
      peakHeapAt10k: final?.heap ?? null,
      peakRssAfter10k: lateRss,
      peakHeapAfter10k: lateHeap,
      endHeapAfterGc,
    };
  } finally {
    await mailer.close();
    await sink?.close();
    await ledger.store.close();
    rmSync(outbox, { recursive: true, force: true });
  }
}

/** Seeds a ledger of N readers (in this process), then runs the send in a fresh `node --expose-gc` process. */
export async function runMemoryChild(subscribers: number, kind: MemoryMailer): Promise<MemoryResult> {
  const seeded = await seedLedger(subscribers);
  await seeded.store.close();
  try {
    const script = fileURLToPath(import.meta.url);
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, String(subscribers), kind, seeded.dir], {
      maxBuffer: 1024 * 1024,
    });
    const line = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(line) as MemoryResult;
  } finally {
    rmSync(seeded.dir, { recursive: true, force: true });
  }
}

export const MEMORY_RUNS: Array<{ subscribers: number; mailer: MemoryMailer }> = [
  { subscribers: 10_000, mailer: 'smtp' },
  // The real path for the target: 100,000 over SMTP now takes ~30 s here.
  { subscribers: 100_000, mailer: 'smtp' },
  // The null mailer (no relay to wait for, ~16,000 msgs/s) is the flatness
  // check and a worst case for allocation rate.
  { subscribers: 10_000, mailer: 'null' },
  { subscribers: 100_000, mailer: 'null' },
];

export async function sendMemoryBench(runs = MEMORY_RUNS): Promise<Row[]> {
  const results: MemoryResult[] = [];
  for (const { subscribers: n, mailer } of runs) {
    const r = await runMemoryChild(n, mailer);
    if (r.sent !== n) throw new Error(`memory bench: sent ${r.sent} of ${n}`);
    results.push(r);
    console.log(
      `  ${fmt(n).padStart(7)} subscribers, ${mailer.padEnd(4)} mailer: ${fmt(r.seconds, 1)} s (${fmt(r.rate)} msgs/s); RSS ${mb(r.startRss)} at start, peak ${mb(r.peakRss)}; heap ${mb(r.startHeap)} at start, peak ${mb(r.peakHeap)}, ${mb(r.endHeapAfterGc)} after the send + full GC` +
        (r.peakRssAt10k !== null && n > 10_000
          ? `\n    peak up to the 10,000th: RSS ${mb(r.peakRssAt10k)}, heap ${mb(r.peakHeapAt10k ?? 0)}; after it: RSS ${mb(r.peakRssAfter10k)}, heap ${mb(r.peakHeapAfter10k)}`
          : ''),
    );
  }
  const rows: Row[] = results.flatMap((r) => {
    const what = `${fmt(r.subscribers)} subscribers, ${r.mailer} mailer`;
    return [
      { bench: 'memory', measure: `peak RSS / heap, ${what}`, value: `${mb(r.peakRss)} / ${mb(r.peakHeap)}`, target: '', status: '' as const },
      { bench: 'memory', measure: `send rate, ${what}`, value: `${fmt(r.rate)}/s`, target: '', status: '' as const },
    ];
  });
  const hundredK = results.find((r) => r.subscribers === 100_000 && r.mailer === 'smtp') ?? results.find((r) => r.subscribers === 100_000);
  if (hundredK) {
    rows.push({
      bench: 'memory',
      measure: `100,000 readers on SQLite, one process (${hundredK.mailer === 'smtp' ? 'over SMTP' : 'null mailer'}): peak RSS`,
      value: mb(hundredK.peakRss),
      target: '≤ 150 MB',
      status: verdict(hundredK.peakRss <= 150 * 1024 * 1024),
    });
  }
  const nulls = results.filter((r) => r.mailer === 'null').sort((a, b) => a.subscribers - b.subscribers);
  const small = nulls[0];
  const big = nulls[nulls.length - 1];
  if (small && big && big !== small) {
    // Peaks depend on when V8 chooses to collect; what a send leaves behind
    // after a full GC is what would grow if the list (or anything per row) were kept.
    const growth = big.endHeapAfterGc - small.endHeapAfterGc;
    rows.push({
      bench: 'memory',
      measure: `heap left after send + GC, ${fmt(small.subscribers)} → ${fmt(big.subscribers)}`,
      value: `${mb(small.endHeapAfterGc)} → ${mb(big.endHeapAfterGc)}`,
      target: '< +2 MB (flat)',
      status: verdict(growth < 2 * 1024 * 1024),
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 10_000);
  const kind = process.argv[3] ?? 'smtp';
  if (!Number.isInteger(n) || n <= 0 || (kind !== 'smtp' && kind !== 'null')) {
    console.error('usage: node --expose-gc dist/bench/send-memory.js SUBSCRIBERS [smtp|null]');
    process.exit(2);
  }
  const dir = process.argv[4];
  if (dir) {
    console.log(JSON.stringify(await measureSend(n, kind, dir)));
  } else {
    // Run alone: seed here, measure in a child of its own.
    console.log(JSON.stringify(await runMemoryChild(n, kind)));
  }
}
