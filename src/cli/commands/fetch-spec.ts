// `dispatch fetch` as help and parsing know it; fetch.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const fetchSpec: CommandSpec = {
  name: 'fetch',
  summary: 'fetch feeds only; per-feed status table',
  examples: ['dispatch fetch', 'dispatch fetch --json'],
  run: runLazily(async () => (await import('./fetch.js')).fetchCommand),
};
