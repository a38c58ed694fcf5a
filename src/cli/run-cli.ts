// The `dispatch` command line. This is the one error boundary: named errors
// become exit codes and a message that says what was wrong, never a stack
// trace for expected failures.
//
// Exit codes, for every command:
//   0  ok
//   1  failure (every feed failed, deliveries still pending, a relay refused…)
//   2  bad usage or config (unknown command or option, stray argument, bad
//      config value, bad input such as an invalid email address)
//
// Parsing is commander's: it gives per-command help, `dispatch help CMD`,
// `--version`, "did you mean …?" and refuses stray arguments. Each command is
// described by a CommandSpec next to its function (see commands/index.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command as Commander, CommanderError, Option } from 'commander';
import { loadConfig, type Config } from '../config/index.js';
import { packageRoot } from '../shared/package-root.js';
import { ConfigError, DispatchError, InputError, TemplateError, UsageError } from '../shared/errors.js';
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './command-spec.js';
import { commands, specs, type Command, type CommandContext } from './commands/index.js';
import { createOutput, type Output } from './output.js';

const ENVIRONMENT = `Environment: DISPATCH_SMTP_URL, DISPATCH_DATABASE_URL, DISPATCH_PUBLIC_URL,
DISPATCH_SECRET, DISPATCH_FROM, DISPATCH_INBOUND_SMTP, DISPATCH_LOG_LEVEL,
DISPATCH_LOG_ADDRESSES, DISPATCH_METRICS_ADDR (see README).
Exit codes: 0 ok, 1 failure, 2 bad usage or config.`;

/**
 * Options of commands registered only in `commands` (no spec yet): every one
 * of them accepts all of these, as the parser did before commander.
 */
const LEGACY_OPTIONS: OptionSpec[] = [
  { flags: '--digest <NAME>', description: 'digest name' },
  { flags: '--edition <ID>', description: 'edition id' },
  { flags: '--out <FILE>', description: 'output file' },
  { flags: '--port <N>', description: 'port' },
  { flags: '--send-test <ADDRESS>', description: 'test address' },
  { flags: '--subscriber <EMAIL>', description: 'subscriber' },
  { flags: '--name <NAME>', description: 'name' },
  { flags: '--active', description: 'import as active' },
  { flags: '--host <ADDR>', description: 'listen address' },
];

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

let version: string | undefined;
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The whole program's help text (what `dispatch --help` prints). */
export function usage(): string {
  let text = '';
  const program = buildProgram(
    () => Promise.resolve(0),
    (s) => (text += s),
  );
  program.outputHelp();
  return text;
}

/** Kept for callers of the old export: the program's help text. */
export const USAGE = usage();

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = createOutput(io);
  let code = 0;
  const program = buildProgram(
    async (run, ctxParts) => {
      const config: Config = loadConfig({ configPath: ctxParts.options.config as string | undefined, cwd: io.cwd, env: io.env });
      const ctx: CommandContext = { config, ...ctxParts, out, cwd: io.cwd };
      code = await run(ctx);
      return code;
    },
    (s) => io.stdout.write(s),
    (s) => io.stderr.write(s),
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version asked for are success; help shown because a command
      // was incomplete, an unknown command or option, a stray or missing
      // argument are all bad usage.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help' && err.exitCode === 0) return 0; // `dispatch help CMD`
      return 2;
    }
    return reportError(err, out);
  }
}

type Invoke = (run: Command, parts: Pick<CommandContext, 'args' | 'options' | 'json'>) => Promise<number>;

function buildProgram(invoke: Invoke, writeOut: (s: string) => void, writeErr: (s: string) => void = writeOut): Commander {
  const program = new Commander('dispatch')
    .description('Turns foreign-policy news feeds into an email digest and delivers it over SMTP exactly once per subscriber.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpCommand('help [COMMAND]', 'help for a command')
    .addHelpText('after', `\nRun "dispatch help COMMAND" or "dispatch COMMAND --help" for a command's options and examples.\n${ENVIRONMENT}`);
  for (const o of GLOBAL_OPTIONS) program.addOption(new Option(o.flags, o.description));
  configure(program, '', writeOut, writeErr);
  const specified = new Set<string>();
  for (const spec of specs) {
    specified.add(spec.name);
    program.addCommand(buildCommand(spec, [], invoke, writeOut, writeErr));
  }
  for (const [name, run] of Object.entries(commands)) {
    if (specified.has(name)) continue;
    const legacy = buildCommand({ name, summary: '(no help yet)', options: LEGACY_OPTIONS, run }, [], invoke, writeOut, writeErr);
    legacy.argument('[args...]').allowExcessArguments(true);
    program.addCommand(legacy);
  }
  return program;
}

function configure(cmd: Commander, path: string, writeOut: (s: string) => void, writeErr: (s: string) => void): void {
  cmd
    .exitOverride()
    .helpOption('-h, --help', 'show this help')
    .configureOutput({ writeOut, writeErr, outputError: (s, write) => write(s) })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .showHelpAfterError(`(run "dispatch ${path ? path + ' ' : ''}--help" for usage)`);
}

function buildCommand(spec: CommandSpec, parents: CommandSpec[], invoke: Invoke, writeOut: (s: string) => void, writeErr: (s: string) => void): Commander {
  const chain = [...parents, spec];
  const cmd = new Commander(spec.name).description(spec.summary);
  configure(cmd, chain.map((s) => s.name).join(' '), writeOut, writeErr);
  for (const a of spec.arguments ?? []) cmd.argument(a.required === false ? `[${a.name}]` : `<${a.name}>`, a.description);
  for (const o of spec.options ?? []) cmd.addOption(new Option(o.flags, o.description));
  if (spec.examples?.length) cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  if (spec.subcommands?.length) {
    for (const sub of spec.subcommands) cmd.addCommand(buildCommand(sub, chain, invoke, writeOut, writeErr));
    cmd.helpCommand('help [COMMAND]', 'help for a subcommand');
    return cmd;
  }
  // The function that runs: the spec's own, else the nearest parent's, with
  // the subcommand names put before the arguments (`['add', 'a@b.org']`).
  const owner = [...chain].reverse().find((s) => s.run);
  if (!owner?.run) throw new Error(`command "${chain.map((s) => s.name).join(' ')}" has no run function`);
  const prefix = chain.slice(chain.indexOf(owner) + 1).map((s) => s.name);
  const run = owner.run;
  cmd.action(async (...received: unknown[]) => {
    const self = received[received.length - 1] as Commander;
    const positional = (self.processedArgs as unknown[]).flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [String(v)]));
    const options = optionsByLongName(self);
    await invoke(run, { args: [...prefix, ...positional], options, json: options.json === true });
  });
  return cmd;
}

/** Option values keyed by their long flag (`send-test`), as CommandContext has always had them. */
function optionsByLongName(cmd: Commander): CommandContext['options'] {
  const out: Record<string, unknown> = {};
  for (let c: Commander | null = cmd; c; c = c.parent) {
    const values = c.opts();
    for (const o of c.options) {
      const key = (o.long ?? o.short ?? '').replace(/^-+/, '');
      const value = values[o.attributeName()];
      if (value !== undefined && !(key in out)) out[key] = value;
    }
  }
  if (out.json === undefined) out.json = false;
  return out as CommandContext['options'];
}

function reportError(err: unknown, out: Output): number {
  // InputError is a bad value a person typed (an address, a CSV row): usage.
  if (err instanceof ConfigError || err instanceof UsageError || err instanceof InputError) {
    out.error(`dispatch: ${err.message}`);
    return 2;
  }
  if (err instanceof TemplateError || err instanceof DispatchError) {
    out.error(`dispatch: ${err.message}`);
    return 1;
  }
  const e = err as Error;
  out.error(`dispatch: unexpected error: ${e?.stack ?? String(err)}`);
  return 1;
}
