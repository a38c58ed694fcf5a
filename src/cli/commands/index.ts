// The command registry: one file per `dispatch` command.
//
// To add a command: write `src/cli/commands/NAME.ts` exporting the `Command`
// function `(c: CommandContext) => Promise<number>` and, next to it, a
// `CommandSpec` (name, summary, arguments, options, examples, subcommands;
// see ../command-spec.ts), then add the spec to `specs` below. Help, `dispatch
// help NAME`, "did you mean …?" and the refusal of stray arguments follow from
// the spec. A command only listed in `commands` (the older style) still runs,
// with every option of LEGACY_OPTIONS in run-cli.ts and any arguments, but has
// no help of its own: give it a spec.
import type { CommandSpec } from '../command-spec.js';
import type { Command } from './command.js';
import { checkCommand, checkSpec } from './check.js';
import { digestsCommand, digestsSpec } from './digests.js';
import { editionsCommand, editionsSpec } from './editions.js';
import { feedsCommand, feedsSpec } from './feeds.js';
import { fetchCommand, fetchSpec } from './fetch.js';
import { previewCommand, previewSpec } from './preview.js';
import { runCommand, runSpec } from './run.js';
import { scheduleCommand, scheduleSpec } from './schedule.js';
import { sendCommand, sendSpec } from './send.js';
import { serveCommand, serveSpec } from './serve.js';
import { statusCommand, statusSpec } from './status.js';
import { subscribersCommand, subscribersSpec } from './subscribers.js';
import { workerCommand, workerSpec } from './worker.js';

export type { Command, CommandContext } from './command.js';

/** In the order `dispatch --help` lists them. */
export const specs: CommandSpec[] = [
  runSpec,
  fetchSpec,
  previewSpec,
  sendSpec,
  subscribersSpec,
  serveSpec,
  feedsSpec,
  editionsSpec,
  scheduleSpec,
  statusSpec,
  workerSpec,
  digestsSpec,
  checkSpec,
];

export const commands: Record<string, Command> = {
  run: runCommand,
  fetch: fetchCommand,
  preview: previewCommand,
  send: sendCommand,
  subscribers: subscribersCommand,
  serve: serveCommand,
  feeds: feedsCommand,
  editions: editionsCommand,
  schedule: scheduleCommand,
  status: statusCommand,
  worker: workerCommand,
  digests: digestsCommand,
  check: checkCommand,
};
