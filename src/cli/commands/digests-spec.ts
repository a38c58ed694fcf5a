// `dispatch digests` as help and parsing know it; digests.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const digestsSpec: CommandSpec = {
  name: 'digests',
  summary: 'digests paused by their complaint rate, and resuming them',
  subcommands: [
    { name: 'list', summary: 'each digest: sending, or why it is paused', examples: ['dispatch digests list --json'] },
    {
      name: 'resume',
      summary: 'resume sending a digest the complaint rate paused',
      arguments: [{ name: 'NAME', description: 'digest name from the config' }],
      examples: ['dispatch digests resume daily'],
    },
  ],
  run: runLazily(async () => (await import('./digests.js')).digestsCommand),
};
