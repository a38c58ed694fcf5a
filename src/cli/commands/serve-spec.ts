// `dispatch serve` as help and parsing know it; serve.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const serveSpec: CommandSpec = {
  name: 'serve',
  summary: 'sign-up pages, subscribe-by-mail and the scheduler in one long-running process',
  options: [
    { flags: '--port <N>', description: 'web port (default 8080)' },
    { flags: '--host <ADDR>', description: 'listen address (default 127.0.0.1)' },
  ],
  examples: ['dispatch serve', 'dispatch serve --host 0.0.0.0 --port 8080', 'DISPATCH_METRICS_ADDR=127.0.0.1:9464 dispatch serve'],
  run: runLazily(async () => (await import('./serve.js')).serveCommand),
};
