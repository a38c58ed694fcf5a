// A scheduler process for the overlap and kill tests. It opens the store and
// config named in its JSON argument, prints "ready", waits for the go file
// (so two children start together), then runs startScheduler on a clock that
// reads `startAt` at that moment and runs in real time. It prints one line
// per event and per finished delivery, and exits after its first slot
// outcome that is not "busy" (or on SIGTERM: graceful shutdown).
// Usage: node --import <ts hooks> schedule-child.ts '{"configPath":…}'
import { existsSync } from 'node:fs';
import path from 'node:path';
import { shutdownSignal } from '../../src/app/shutdown-signal.js';
import { startScheduler } from '../../src/app/start-scheduler.js';
import { loadConfig } from '../../src/config/index.js';
import { offsetClock } from '../../src/schedule/index.js';
import { openStore, type OpenStoreOptions } from '../../src/store/index.js';
import { contextOn } from './schedule-world.js';

interface ChildSpec {
  configPath: string;
  env: Record<string, string>;
  openOptions: OpenStoreOptions;
  startAt: string;
  goFile: string;
  holder: string;
  busyRetryMs: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
const config = loadConfig({ configPath: spec.configPath, env: spec.env, cwd: path.dirname(spec.configPath) });
const store = await openStore(spec.openOptions);
const ctx = contextOn(config, store);
const controller = new AbortController();
const shutdown = shutdownSignal({ onSignal: (sig) => console.log(`signal ${sig}`) });
console.log('ready');
while (!existsSync(spec.goFile)) await new Promise((r) => setTimeout(r, 5));

const handle = startScheduler(ctx, {
  clock: offsetClock(new Date(spec.startAt)),
  signal: AbortSignal.any([controller.signal, shutdown.signal]),
  holder: spec.holder,
  busyRetryMs: spec.busyRetryMs,
  onEvent: (e) => {
    if (e.type === 'slot-done') {
      const detail = e.outcome.kind === 'busy' ? e.outcome.heldBy.holder : JSON.stringify(e.outcome);
      console.log(`slot-done ${e.slot} ${e.outcome.kind} ${detail}`);
      if (e.outcome.kind !== 'busy') controller.abort();
    } else if (e.type === 'error') {
      console.log(`error ${e.message}`);
    } else {
      console.log(`event ${e.type}`);
    }
  },
  onSendProgress: (_d, p) => console.log(`progress sent=${p.sent} failed=${p.failed}`),
});
await handle.done;
await store.close();
console.log('exit');
