// `dispatch send` as help and parsing know it; send.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const sendSpec: CommandSpec = {
  name: 'send',
  summary: 'send (or resume) an edition; without --edition, every unfinished one',
  options: [
    { flags: '--edition <ID>', description: 'only this edition (see `dispatch editions list`)' },
    { flags: '--force', description: 'with --edition: send an edition the bounce breaker stopped' },
  ],
  examples: ['dispatch send', 'dispatch send --edition 12', 'dispatch send --edition 12 --force'],
  run: runLazily(async () => (await import('./send.js')).sendCommand),
};
