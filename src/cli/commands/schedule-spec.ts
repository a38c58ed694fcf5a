// `dispatch schedule` as help and parsing know it; schedule.ts runs it, imported only then.
import { runLazily, type CommandSpec } from '../command-spec.js';

export const scheduleSpec: CommandSpec = {
  name: 'schedule',
  summary: "each digest's next five run times in its own time zone",
  options: [{ flags: '--digest <NAME>', description: 'only this digest' }],
  examples: ['dispatch schedule', 'dispatch schedule --digest daily --json'],
  run: runLazily(async () => (await import('./schedule.js')).scheduleCommand),
};
