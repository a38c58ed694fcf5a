// `node dist/bench/run.js workers`: send workers on PostgreSQL (issue 9).
// Not in the default `npm run bench` set: it seeds a million readers and runs
// several timed windows. Needs DISPATCH_BENCH_DATABASE_URL (or
// DISPATCH_TEST_DATABASE_URL) = postgres://…; works in a schema of its own,
// dropped at the end. DISPATCH_BENCH_READERS (default 1000000) and
// DISPATCH_BENCH_WINDOW_S (default 20) scale it down for a busy machine;
// DISPATCH_BENCH_DKIM=1 has the workers sign with an RSA-2048 key.
//
// Measured:
// - time to create the ledger rows (one INSERT … SELECT per edition) for the
//   large list, and for 100,000 readers;
// - msgs/s with 1, 2 and 4 `dispatch worker` processes (real CLI from dist/,
//   real SMTP sink in its own process, real templates, the global rate set far
//   above what is reached), counted from the ledger over a fixed window after
//   every worker has sent its first message;
// - peak RSS (VmHWM) of each worker, on the 100,000 and the large ledger.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../src/store/index.js';
import { benchEditionModel } from './edition-fixture.js';
import { fmt, mb, verdict, type Row } from './report.js';
import { startSinkProcess } from './smtp-sink.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface Ledger {
  schema: string;
  url: string;
  editionId: number;
  seedMs: number;
  enqueueMs: number;
}

function schemaUrl(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function makeLedger(base: string, readers: number): Promise<Ledger> {
  const schema = `bench_workers_${readers}_${Math.random().toString(36).slice(2, 8)}`;
  const store = await openStore({ url: base, schema });
  const client = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const at = '2026-11-01T00:00:00.000Z';
    let t = performance.now();
    await client.query(
      `insert into subscribers (email, name, status, preferences, consent_at, consent_source, created_at, updated_at)
       select 'reader' || i || '@example.org', 'Reader ' || i, 'active', '{}', $1, 'bench', $1, $1 from generate_series(1, $2::int) as i`,
      [at, readers],
    );
    await client.query('analyze subscribers');
    const seedMs = performance.now() - t;
    const now = new Date('2026-11-25T07:00:00.000Z');
    const { edition } = await store.editions.create({
      digest: 'daily',
      slot: now.toISOString(),
      windowStart: new Date('2026-11-24T07:00:00.000Z'),
      windowEnd: now,
      subject: 'Daily Foreign Policy Brief',
      itemIds: [],
      model: benchEditionModel(null),
      now,
    });
    t = performance.now();
    // What `dispatch run` does when an edition starts: the ledger rows.
    await store.deliveries.enqueue(edition.id, now);
    const enqueueMs = performance.now() - t;
    await store.editions.setStatus(edition.id, 'sending');
    await client.query('analyze deliveries');
    return { schema, url: schemaUrl(base, schema), editionId: edition.id, seedMs, enqueueMs };
  } finally {
    await client.end();
    await store.close();
  }
}

async function dropSchema(base: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

// node-postgres reads `options` (the schema's search_path) from the URL.
async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function sentCount(url: string, editionId: number): Promise<number> {
  const rows = await query<{ n: string }>(url, `select count(*) as n from deliveries where edition_id = $1 and status = 'sent'`, [editionId]);
  return Number(rows[0]?.n ?? 0);
}

function peakRss(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function cpuMs(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the comm field).
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

interface WindowResult {
  workers: number;
  msgsPerSecond: number;
  peakRss: number[];
  cpuMsPerMsg: number;
}

async function runWindow(ledger: Ledger, workers: number, smtpUrl: string, windowS: number, dir: string): Promise<WindowResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DISPATCH_DATABASE_URL: ledger.url,
    DISPATCH_SMTP_URL: smtpUrl,
    DISPATCH_SECRET: 'bench-secret-0123456789abcdef',
    DISPATCH_PUBLIC_URL: 'https://brief.example.org',
    // Passed through so a run can compare V8 or allocator settings; unset by default.
    ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
    ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
  };
  const procs: ChildProcess[] = [];
  for (let i = 0; i < workers; i++) {
    procs.push(spawn(process.execPath, [CLI, 'worker', '--json', '--config', path.join(dir, 'dispatch.config.yaml')], { env, stdio: ['ignore', 'ignore', 'ignore'] }));
  }
  try {
    // Start-up (loading, compiling templates) is not sending: wait until
    // every worker has sent something, then count over the window.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const rows = await query<{ n: string }>(
        ledger.url,
        `select count(distinct claimed_by) as n from deliveries where edition_id = $1 and status = 'sent' and claimed_by like 'worker:%' and sent_at > $2`,
        [ledger.editionId, new Date(Date.now() - 5000).toISOString()],
      );
      if (Number(rows[0]?.n ?? 0) >= workers || Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const cpu0 = procs.map((p) => cpuMs(p.pid));
    const before = await sentCount(ledger.url, ledger.editionId);
    const t0 = performance.now();
    await new Promise((res) => setTimeout(res, windowS * 1000));
    const after = await sentCount(ledger.url, ledger.editionId);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = procs.reduce((a, p, i) => a + cpuMs(p.pid) - (cpu0[i] ?? 0), 0);
    const rss = procs.map((p) => peakRss(p.pid));
    const sent = after - before;
    return { workers, msgsPerSecond: sent / seconds, peakRss: rss, cpuMsPerMsg: sent ? cpu / sent : 0 };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise<void>((res) => (p.exitCode !== null ? res() : p.once('exit', () => res())))));
  }
}

export async function workersBench(): Promise<Row[]> {
  const base = process.env.DISPATCH_BENCH_DATABASE_URL || process.env.DISPATCH_TEST_DATABASE_URL;
  if (!base) {
    console.log('  skipped: set DISPATCH_BENCH_DATABASE_URL=postgres://… (or DISPATCH_TEST_DATABASE_URL)');
    return [];
  }
  const readers = Number(process.env.DISPATCH_BENCH_READERS ?? 1_000_000);
  const windowS = Number(process.env.DISPATCH_BENCH_WINDOW_S ?? 20);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-workers-'));
  // DISPATCH_BENCH_DKIM=1: workers sign every message (RSA-2048), as a list with DKIM set up would.
  const dkim = process.env.DISPATCH_BENCH_DKIM === '1';
  if (dkim) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path.join(dir, 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  writeFileSync(
    path.join(dir, 'dispatch.config.yaml'),
    `digests:\n  - name: daily\n    title: Daily Foreign Policy Brief\nsending:\n  from: "Daily Brief <brief@example.org>"\n  pool: { connections: 5, ratePerSecond: 100000 }\n` +
      (dkim ? `  dkim: { domain: example.org, selector: bench, keyFile: ${path.join(dir, 'dkim.pem')} }\n` : '') +
      `outbox: ./outbox\ndataDir: ./data\n`,
  );
  const sink = await startSinkProcess();
  const rows: Row[] = [];
  const ledgers: Ledger[] = [];
  try {
    console.log(`  ${os.cpus().length} cores; ${fmt(readers)} and 100,000 readers; ${windowS} s windows; DKIM ${dkim ? 'on (RSA-2048)' : 'off'}`);
    const small = await makeLedger(base, 100_000);
    ledgers.push(small);
    const large = await makeLedger(base, readers);
    ledgers.push(large);
    for (const l of [small, large]) {
      const n = l === small ? 100_000 : readers;
      console.log(`  ledger ${fmt(n)}: subscribers seeded in ${fmt(l.seedMs / 1000, 1)} s, ledger rows created in ${fmt(l.enqueueMs / 1000, 1)} s`);
      rows.push({ bench: 'workers', measure: `create ledger rows, ${fmt(n)} readers (one INSERT … SELECT)`, value: `${fmt(l.enqueueMs / 1000, 1)} s`, target: '', status: '' });
    }

    const smallRun = await runWindow(small, 1, sink.url, windowS, dir);
    console.log(`  100,000 ledger, 1 worker: ${fmt(smallRun.msgsPerSecond)} msgs/s, peak RSS ${smallRun.peakRss.map(mb).join(', ')}`);
    const results: WindowResult[] = [];
    for (const n of [1, 2, 4]) {
      const r = await runWindow(large, n, sink.url, windowS, dir);
      results.push(r);
      console.log(
        `  ${fmt(readers)} ledger, ${n} worker(s): ${fmt(r.msgsPerSecond)} msgs/s, worker CPU ${fmt(r.cpuMsPerMsg, 2)} ms/msg, peak RSS ${r.peakRss.map(mb).join(', ')}`,
      );
    }
    const one = results[0]?.msgsPerSecond ?? 0;
    for (const r of results) {
      rows.push({
        bench: 'workers',
        measure: `msgs/s, ${r.workers} worker process(es), ${fmt(readers)}-row ledger`,
        value: `${fmt(r.msgsPerSecond)} (×${fmt(one ? r.msgsPerSecond / one : 0, 2)}; ${fmt(r.cpuMsPerMsg, 2)} ms CPU/msg)`,
        target: '',
        status: '',
      });
    }
    const peakLarge = Math.max(...results.flatMap((r) => r.peakRss));
    const peakSmall = Math.max(...smallRun.peakRss);
    rows.push({ bench: 'workers', measure: `peak RSS per worker, ${fmt(readers)}-row ledger`, value: mb(peakLarge), target: '≤ 150 MB', status: verdict(peakLarge <= 150 * 1024 * 1024) });
    rows.push({
      bench: 'workers',
      measure: 'peak RSS per worker, 100,000 → large ledger',
      value: `${mb(peakSmall)} → ${mb(peakLarge)}`,
      target: 'flat (±15 %)',
      status: verdict(peakLarge <= peakSmall * 1.15),
    });
  } finally {
    await sink.close();
    for (const l of ledgers) await dropSchema(base, l.schema).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
