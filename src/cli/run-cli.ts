// The `dispatch` command line. This is the one error boundary: named errors
// become exit codes (0 ok, 1 failure, 2 bad usage or config) and a message
// that says what was wrong, never a stack trace for expected failures.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config/index.js';
import { ConfigError, DispatchError, InputError, TemplateError, UsageError } from '../shared/errors.js';
import { commands, type CommandContext } from './commands/index.js';
import { createOutput } from './output.js';

export const USAGE = `Usage: dispatch <command> [options]

Commands:
  run [--digest NAME]             fetch feeds, build the next edition, send it
  fetch                           fetch feeds only; per-feed status table
  preview [--digest NAME] [--out FILE] [--port N]
                                  preview studio on 127.0.0.1 (live reload, checks,
                                  local inbox); --out writes one HTML file
  preview --send-test ADDRESS [--edition ID] [--subscriber EMAIL]
                                  mail the previewed copy once ("[TEST] " subject)
  send [--edition ID]             send (or resume) an edition
  subscribers add EMAIL [--name NAME] | remove EMAIL | list
  subscribers import FILE.csv [--active] | export | delete EMAIL
                                  CSV in/out; delete erases a person (GDPR)
  serve [--port N] [--host ADDR]  sign-up pages, subscribe-by-mail, scheduler
  feeds list | check | import-opml FILE [--out CATALOG] | export-opml [--out FILE]
                                  feeds with their last status; check fetches each once
  editions list | show ID         stored editions and their delivery counts (drafts too)
  editions note ID FILE.md [--name WHO]
                                  set a draft's editor's note (Markdown; empty file clears it)
  editions approve ID [--now] [--name WHO]
                                  approve a draft for its slot time, or --now to send it now
  schedule [--digest NAME]        each digest's next five run times in its time zone
  status                          last/next run per digest, last edition, failing feeds

Options:
  --config FILE   config file (default ./dispatch.config.yaml, else built-in defaults)
  --json          machine-readable summary on stdout
  -h, --help      this help

Environment: DISPATCH_SMTP_URL, DISPATCH_DATABASE_URL, DISPATCH_PUBLIC_URL,
DISPATCH_SECRET, DISPATCH_FROM, DISPATCH_INBOUND_SMTP (see README).`;

const OPTIONS = {
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
  digest: { type: 'string' },
  edition: { type: 'string' },
  out: { type: 'string' },
  port: { type: 'string' },
  'send-test': { type: 'string' },
  subscriber: { type: 'string' },
  name: { type: 'string' },
  active: { type: 'boolean', default: false },
  host: { type: 'string' },
  now: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = createOutput(io);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    out.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || !name) {
    (values.help ? out.print : out.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    out.error(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const config: Config = loadConfig({ configPath: values.config, cwd: io.cwd, env: io.env });
    const ctx: CommandContext = { config, args: rest, options: values, out, json: values.json, cwd: io.cwd };
    return await command(ctx);
  } catch (err) {
    return reportError(err, out);
  }
}

function reportError(err: unknown, out: ReturnType<typeof createOutput>): number {
  if (err instanceof ConfigError || err instanceof UsageError) {
    out.error(`dispatch: ${err.message}`);
    return 2;
  }
  if (err instanceof InputError || err instanceof TemplateError || err instanceof DispatchError) {
    out.error(`dispatch: ${err.message}`);
    return 1;
  }
  const e = err as Error;
  out.error(`dispatch: unexpected error: ${e?.stack ?? String(err)}`);
  return 1;
}
