// `npm run bench` (all benches) or `node dist/bench/run.js render|smtp|memory|html …`.
// Every bench measures its comparisons side by side in this one run and hands
// back rows for the summary table printed at the end. Benches are never
// imported by tests, and tests never assert on timings.
import os from 'node:os';
import { benchCluster } from './cluster-bench.js';
import { htmlSizeBench } from './html-size.js';
import { renderCopiesBench } from './render-copies.js';
import { table, verdict, type Row } from './report.js';
import { sendMemoryBench } from './send-memory.js';
import { signupLoadBench } from './signup-load.js';
import { smtpThroughputBench } from './smtp-throughput.js';
import { workersBench } from './workers-bench.js';

const BENCHES: Record<string, { title: string; run: () => Promise<Row[]> }> = {
  html: { title: 'HTML size of a 30-item edition', run: () => htmlSizeBench() },
  render: { title: 'personalised copies per second (compile once vs mjml per copy)', run: () => renderCopiesBench() },
  smtp: { title: 'SMTP throughput to a local sink', run: () => smtpThroughputBench() },
  memory: { title: 'memory while sending one edition (10,000 and 100,000 subscribers)', run: () => sendMemoryBench() },
  cluster: {
    title: 'story clustering, 5,000 items (one core)',
    run: async () => {
      const r = await benchCluster();
      return [
        { bench: 'cluster', measure: 'clusterItems 5,000 items, median of 5', value: `${r.figures.medianMs} ms`, target: '< 1000 ms', status: verdict(Number(r.figures.medianMs) < 1000) },
        { bench: 'cluster', measure: 'stories / pair F1 vs generator', value: `${r.figures.stories} / ${r.figures.pairF1}`, target: '', status: '' },
      ];
    },
  },
  signup: { title: 'sign-up route under load (autocannon, loopback)', run: () => signupLoadBench() },
};

// Run only when named (`node dist/bench/run.js workers`): minutes long, and
// they need a PostgreSQL server.
const ON_DEMAND: Record<string, { title: string; run: () => Promise<Row[]> }> = {
  workers: { title: 'send workers on PostgreSQL (1,000,000 readers; 1, 2 and 4 worker processes)', run: () => workersBench() },
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  Object.assign(BENCHES, Object.fromEntries(Object.entries(ON_DEMAND).filter(([name]) => asked.includes(name))));
  const unknown = asked.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; choose from: ${[...Object.keys(BENCHES), ...Object.keys(ON_DEMAND)].join(', ')}`);
    process.exit(2);
  }
  const names = asked.length > 0 ? asked : Object.keys(BENCHES);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Dispatch benches, ${new Date().toISOString()}: Node ${process.version}, ${os.cpus().length} cores (${cpu}), ${os.platform()}`);
  const rows: Row[] = [];
  const start = performance.now();
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) continue;
    console.log(`\n[${name}] ${bench.title}`);
    const t0 = performance.now();
    rows.push(...(await bench.run()));
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  console.log(`\nSummary (${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
  console.log(table(rows));
  const missed = rows.filter((r) => r.status === 'MISS');
  if (missed.length > 0) console.log(`\n${missed.length} target(s) missed: ${missed.map((r) => `${r.bench}: ${r.measure}`).join('; ')}`);
}

await main();
