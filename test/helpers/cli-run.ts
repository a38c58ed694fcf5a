// Runs the `dispatch` command line in-process and captures what it prints.
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const TEST_SECRET = 'test-secret-0123456789abcdef';

/** `env` is the whole environment the command sees (a test secret unless given). */
export async function dispatch(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(args, { stdout, stderr, env: { DISPATCH_SECRET: TEST_SECRET, ...env }, cwd });
  return { code, stdout: out, stderr: err };
}
