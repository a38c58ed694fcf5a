// `dispatch worker` as help and parsing know it; worker.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const workerSpec: CommandSpec = {
  name: 'worker',
  summary: 'send pending editions together with other workers until SIGTERM (needs PostgreSQL)',
  examples: [
    'DISPATCH_DATABASE_URL=postgres://dispatch@db/dispatch dispatch worker',
    'dispatch worker --json   # summary { sent, failed, … } on stdout when it stops',
  ],
  run: runLazily(async () => (await import('./worker.js')).workerCommand),
};
