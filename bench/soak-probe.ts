// Loaded into the `dispatch serve` process under soak (node --import): every
// SOAK_SAMPLE_MS it appends one JSON line to SOAK_PROBE_FILE with the
// process's RSS, heap, open file descriptors and event-loop delay (p99 and
// max of the interval, and p99 since the warm-up ended). Measuring inside the
// served process keeps the load generator's own costs out of the figures.
//
// Memory is read twice when the process runs with --expose-gc (the soak
// starts it so): as it is (rssMb, heapMb: what the process holds right now,
// garbage and allocator headroom included), then after a forced full
// collection (rssGcMb, heapGcMb: what is still reachable, and the RSS that
// is left once the garbage is gone). A trend in the second pair is retained
// memory; a trend in the first only may be garbage that had not been
// collected yet when the sample fell (an edition in the middle of sending).
// mallocHeapMb is the resident part of the C allocator's main arena (the
// `[heap]` mapping): memory outside the JS heap (Buffers, SQLite, sockets)
// that glibc keeps once it has been used, which RSS includes and no GC returns.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.SOAK_PROBE_FILE;
const every = Number(process.env.SOAK_SAMPLE_MS ?? 10_000);
const warmupMs = Number(process.env.SOAK_WARMUP_MS ?? 120_000);
const gc = (globalThis as { gc?: () => void }).gc;

// --import runs in every worker thread too (the MIME builders): only the
// main thread samples, or a second series (the worker's heap and event loop)
// lands in the same file and skews every figure fitted from it.
if (file && isMainThread) {
  const interval = monitorEventLoopDelay({ resolution: 10 });
  const sinceWarmup = monitorEventLoopDelay({ resolution: 10 });
  interval.enable();
  const t0 = Date.now();
  setTimeout(() => sinceWarmup.enable(), warmupMs).unref();
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  const mallocHeapMb = (): number | null => {
    try {
      const smaps = readFileSync('/proc/self/smaps', 'utf8');
      const at = smaps.search(/ \[heap\]\n/);
      if (at < 0) return 0;
      const rss = /\nRss:\s+(\d+) kB/.exec(smaps.slice(at))?.[1];
      return rss ? Math.round((Number(rss) / 1024) * 10) / 10 : null;
    } catch {
      return null; // not Linux
    }
  };
  setInterval(() => {
    const m = process.memoryUsage();
    let fds = -1;
    try {
      fds = readdirSync('/proc/self/fd').length;
    } catch {
      // not Linux: no fd count
    }
    // The delay figures are read before the forced collection: its pause is
    // the probe's own, not the server's (it lands in the next interval's
    // samples only as one late timer tick, which the p99 does not see).
    const delay = {
      eldP99: ms(interval.percentile(99)),
      eldMax: ms(interval.max),
      eldP99SinceWarmup: sinceWarmup.count > 0 ? ms(sinceWarmup.percentile(99)) : null,
    };
    let afterGc: { rssGcMb: number; heapGcMb: number } | null = null;
    if (gc) {
      gc();
      const g = process.memoryUsage();
      afterGc = { rssGcMb: mb(g.rss), heapGcMb: mb(g.heapUsed) };
    }
    appendFileSync(
      file,
      JSON.stringify({
        t: Math.round((Date.now() - t0) / 1000),
        rssMb: mb(m.rss),
        heapMb: mb(m.heapUsed),
        externalMb: mb(m.external),
        arrayBuffersMb: mb(m.arrayBuffers),
        ...afterGc,
        mallocHeapMb: mallocHeapMb(),
        fds,
        ...delay,
      }) + '\n',
    );
    interval.reset();
  }, every).unref();
}
