// `dispatch status` as help and parsing know it; status.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const statusSpec: CommandSpec = {
  name: 'status',
  summary: 'last and next run per digest, last edition, failing feeds (exit 1 when something needs a person)',
  examples: ['dispatch status', 'dispatch status --json'],
  run: runLazily(async () => (await import('./status.js')).statusCommand),
};
