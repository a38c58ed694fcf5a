// `dispatch run` as help and parsing know it; run.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const runSpec: CommandSpec = {
  name: 'run',
  summary: 'fetch feeds, finish unfinished editions, build the next edition and send it',
  options: [{ flags: '--digest <NAME>', description: 'only this digest (default: every digest)' }],
  examples: ['dispatch run', 'dispatch run --digest daily --config /srv/dispatch/dispatch.config.yaml', 'dispatch run --json'],
  run: runLazily(async () => (await import('./run.js')).runCommand),
};
