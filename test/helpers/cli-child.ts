// Runs the real `dispatch` command line (src/cli/main.ts) as a child process
// with an environment of its own, for tests that kill or signal it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTs, type TsChild } from './deliver-child-process.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.ts');

export function spawnDispatch(cwd: string, args: string[], env: Record<string, string>): TsChild {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return spawnTs(MAIN, args, { cwd, env: { ...base, ...env } });
}

/** A DISPATCH_DATABASE_URL naming the same database as a test store's open options. */
export function databaseUrlFor(openOptions: { url?: string | null; dataDir?: string; schema?: string }): string {
  if (openOptions.url && openOptions.schema) {
    const u = new URL(openOptions.url);
    u.searchParams.set('options', `-c search_path=${openOptions.schema}`);
    return u.toString();
  }
  if (openOptions.url) return openOptions.url;
  return `sqlite:${path.join(openOptions.dataDir ?? './data', 'dispatch.sqlite')}`;
}
