// Bench: the sign-up route under load. The server (web app + SQLite + the
// real mailer) runs in a child process, as `dispatch serve` would, and
// autocannon drives POST /subscribe from this one over loopback for a few
// seconds. Run 1 lifts the per-IP limit to measure the route itself (cycling
// over 500 addresses, so most requests hit known addresses); run 2 keeps the
// default limits and checks that one IP gets exactly its burst through.
// Afterwards the database is opened to check: no duplicate subscribers, and
// one confirmation mail per address (counted by an SMTP sink process).
//
//   npm run build && node dist/bench/signup-load.js      (or via run.ts: `signup`)
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSubscriptionMails, compileTemplates, openContext, openMailer } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import { openStore } from '../src/store/index.js';
import { createWebApp, startWebServer } from '../src/web/index.js';
import { fmt, table, verdict, type Row } from './report.js';
import { startSinkProcess } from './smtp-sink.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number | string }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<AutocannonResult>;

const SELF = fileURLToPath(import.meta.url);

/** Child: serve the sign-up app on a free loopback port until SIGTERM. */
async function serveChild(dir: string, smtpUrl: string, noIpLimit: boolean): Promise<void> {
  const config = loadConfig({
    cwd: dir,
    env: { DISPATCH_SECRET: 'bench-secret-0123456789abcdef', DISPATCH_PUBLIC_URL: 'https://news.example.org', DISPATCH_SMTP_URL: smtpUrl },
  });
  const ctx = await openContext(config);
  const mailer = openMailer(config);
  const mail = { mailer, ...(await compileSubscriptionMails(config)) };
  const app = createWebApp({
    ctx,
    mail,
    digest: await compileTemplates(config),
    log: (l) => process.stderr.write(`${l}\n`),
    ...(noIpLimit ? { limits: { signupPerIp: { capacity: 1e9, refillPerMinute: 1e9 } } } : {}),
  });
  const server = await startWebServer(app, { port: 0 });
  process.send?.({ url: server.url });
  await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
  await server.close();
  await app.drain();
  await mailer.close();
  await ctx.close();
  process.exit(0);
}

interface LoadRun {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  byStatus: Record<string, number>;
  subscribers: number;
  distinct: number;
  mails: number;
}

async function loadRun(opts: { seconds: number; connections: number; addresses: number; noIpLimit: boolean }): Promise<LoadRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-signup-bench-'));
  writeFileSync(
    path.join(dir, 'dispatch.config.yaml'),
    'digests:\n  - name: daily\n    title: Daily Brief\nsending:\n  from: "Daily Brief <brief@news.example.org>"\n  pool: { connections: 4, ratePerSecond: 100000 }\n',
  );
  const sink = await startSinkProcess();
  const child = fork(SELF, ['--serve', dir, sink.url, opts.noIpLimit ? 'no-ip-limit' : 'limits'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`server exited early (code ${code})`)));
      child.once('message', (m) => resolve((m as { url: string }).url));
    });
    child.removeAllListeners('exit');
    let n = 0;
    const r = await autocannon({
      url: `${url}/subscribe`,
      duration: Math.min(5, opts.seconds),
      connections: opts.connections,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req: Record<string, unknown>) => ({ ...req, body: `email=load${n++ % opts.addresses}%40example.org&regions=europe` }),
        },
      ],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    const store = await openStore({ dataDir: path.join(dir, 'data') });
    const list = await store.subscribers.list();
    await store.close();
    const byStatus: Record<string, number> = {};
    for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) byStatus[code] = Number(s.count);
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      total: r.requests.total,
      errors: r.errors + r.timeouts,
      byStatus,
      subscribers: list.length,
      distinct: new Set(list.map((s) => s.email.toLowerCase())).size,
      mails: (await sink.stats()).accepted,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function signupLoadBench(): Promise<Row[]> {
  const open = await loadRun({ seconds: 4, connections: 32, addresses: 500, noIpLimit: true });
  console.log(`  route: ${fmt(open.rps)} req/s, p50 ${open.p50} ms, p99 ${open.p99} ms, ${open.total} requests ${JSON.stringify(open.byStatus)}; ` +
    `${open.subscribers} subscribers (${open.distinct} distinct), ${open.mails} confirmation mails`);
  const limited = await loadRun({ seconds: 1, connections: 8, addresses: 1000, noIpLimit: false });
  console.log(`  one IP, default limits: ${limited.total} requests ${JSON.stringify(limited.byStatus)}, ${limited.subscribers} subscribers`);
  const ok200 = limited.byStatus['200'] ?? 0;
  return [
    { bench: 'signup', measure: 'POST /subscribe req/s (32 connections, loopback)', value: fmt(open.rps), target: '', status: '' },
    { bench: 'signup', measure: 'POST /subscribe p99 latency', value: `${open.p99} ms`, target: '', status: '' },
    { bench: 'signup', measure: 'errors / non-200 answers', value: `${open.errors} / ${open.total - (open.byStatus['200'] ?? 0)}`, target: '0 / 0', status: verdict(open.errors === 0 && open.byStatus['200'] === open.total) },
    { bench: 'signup', measure: 'duplicate subscribers', value: String(open.subscribers - open.distinct), target: '0', status: verdict(open.subscribers === open.distinct && open.subscribers <= 500) },
    { bench: 'signup', measure: 'confirmation mails per address', value: `${open.mails} for ${open.distinct}`, target: '1 each', status: verdict(open.mails === open.distinct) },
    { bench: 'signup', measure: 'one IP past its burst of 20', value: `${ok200} accepted, ${limited.byStatus['429'] ?? 0} × 429`, target: '20 accepted', status: verdict(ok200 === 20 && limited.errors === 0) },
  ];
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--serve') {
    await serveChild(process.argv[3] ?? '.', process.argv[4] ?? '', process.argv[5] === 'no-ip-limit');
  } else {
    console.log(`[signup] sign-up route under load: Node ${process.version}, ${os.cpus().length} cores`);
    console.log(table(await signupLoadBench()));
  }
}
