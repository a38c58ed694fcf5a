// What the command line knows about a command besides the function that runs
// it: its name, one-line summary, arguments, options, examples and
// subcommands. run-cli.ts turns these into commander commands, so help,
// "did you mean …?" and the refusal of stray arguments come from one place.
import type { Command } from './commands/command.js';

export interface ArgumentSpec {
  /** Shown in help, e.g. `EMAIL`, `FILE.csv`, `ID`. */
  name: string;
  description: string;
  /** Default true. */
  required?: boolean;
}

export interface OptionSpec {
  /** commander flags, e.g. `--digest <NAME>` or `--active`. The handler sees it as `options.digest`. */
  flags: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments; any others are refused with exit code 2. */
  arguments?: ArgumentSpec[];
  options?: OptionSpec[];
  /** Full command lines, shown under "Examples:" in `dispatch CMD --help`. */
  examples?: string[];
  /**
   * Subcommands (`subscribers add EMAIL`). A subcommand without its own `run`
   * calls its parent's, with `args` = [subcommand name, ...its arguments], which
   * is how the one-file-per-command functions already dispatch.
   */
  subcommands?: CommandSpec[];
  /** Usually `runLazily(…)`, so that the spec can be loaded without the command. */
  run?: Command;
}

/**
 * The command in its own module, imported when the command runs and not
 * before. Help and parsing need every spec, but a command needs only its own
 * modules: loading them all made `dispatch worker` carry the web app, the
 * preview studio, the feed fetcher and more, ~40 MB of RSS per worker process
 * it never uses (issue 9). Import errors surface as the command's own error.
 */
export function runLazily(load: () => Promise<Command>): Command {
  return async (c) => (await load())(c);
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  { flags: '--config <FILE>', description: 'config file (default ./dispatch.config.yaml, else built-in defaults)' },
  { flags: '--json', description: 'machine-readable summary on stdout (notices and progress go to stderr)' },
];
