// The command registry: one file per `dispatch` command, and its spec beside it.
//
// To add a command: write `src/cli/commands/NAME.ts` exporting the `Command`
// function `(c: CommandContext) => Promise<number>` and, next to it,
// `NAME-spec.ts` with its `CommandSpec` (name, summary, arguments, options,
// examples, subcommands; see ../command-spec.ts) whose `run` is
// `runLazily(async () => (await import('./NAME.js')).nameCommand)`, then add
// the spec to `specs` below. Help, `dispatch help NAME`, "did you mean …?" and
// the refusal of stray arguments follow from the spec. Nothing here imports a
// command's own module: each is loaded only when that command runs, so a
// `dispatch worker` process does not hold the web app, studio or feed fetcher.
//
// A command only listed in `commands` (the older style) still runs, with every
// option of LEGACY_OPTIONS in run-cli.ts and any arguments, but has no help of
// its own: give it a spec. Every command has one today.
import type { CommandSpec } from '../command-spec.js';
import type { Command } from './command.js';
import { checkSpec } from './check-spec.js';
import { digestsSpec } from './digests-spec.js';
import { editionsSpec } from './editions-spec.js';
import { feedsSpec } from './feeds-spec.js';
import { fetchSpec } from './fetch-spec.js';
import { previewSpec } from './preview-spec.js';
import { runSpec } from './run-spec.js';
import { scheduleSpec } from './schedule-spec.js';
import { sendSpec } from './send-spec.js';
import { serveSpec } from './serve-spec.js';
import { statusSpec } from './status-spec.js';
import { subscribersSpec } from './subscribers-spec.js';
import { workerSpec } from './worker-spec.js';

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

/** Commands without a spec (none today); every name in `specs` is left out of here. */
export const commands: Record<string, Command> = {};
