// Loaded into the `dispatch serve` process under soak (node --import): every
// SOAK_SAMPLE_MS it appends one JSON line to SOAK_PROBE_FILE with the
// process's RSS, heap, open file descriptors and event-loop delay (p99 and
// max of the interval, and p99 since the warm-up ended). Measuring inside the
// served process keeps the load generator's own costs out of the figures.
import { appendFileSync, readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.SOAK_PROBE_FILE;
const every = Number(process.env.SOAK_SAMPLE_MS ?? 10_000);
const warmupMs = Number(process.env.SOAK_WARMUP_MS ?? 120_000);

if (file) {
  const interval = monitorEventLoopDelay({ resolution: 10 });
  const sinceWarmup = monitorEventLoopDelay({ resolution: 10 });
  interval.enable();
  const t0 = Date.now();
  setTimeout(() => sinceWarmup.enable(), warmupMs).unref();
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  setInterval(() => {
    const m = process.memoryUsage();
    let fds = -1;
    try {
      fds = readdirSync('/proc/self/fd').length;
    } catch {
      // not Linux: no fd count
    }
    appendFileSync(
      file,
      JSON.stringify({
        t: Math.round((Date.now() - t0) / 1000),
        rssMb: Math.round((m.rss / 1048576) * 10) / 10,
        heapMb: Math.round((m.heapUsed / 1048576) * 10) / 10,
        fds,
        eldP99: ms(interval.percentile(99)),
        eldMax: ms(interval.max),
        eldP99SinceWarmup: sinceWarmup.count > 0 ? ms(sinceWarmup.percentile(99)) : null,
      }) + '\n',
    );
    interval.reset();
  }, every).unref();
}
