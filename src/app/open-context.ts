// The composition root: the one place that turns a Config into live adapters
// (database, secret). Use cases receive an AppContext and never read env or
// files on their own.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import type { Store } from '../shared/store.js';
import { openStore } from '../store/index.js';

export interface AppContext {
  config: Config;
  store: Store;
  /** Signs unsubscribe/preferences tokens; stable across runs. */
  secret: string;
  /** Notices for the person running the command (e.g. "generated a secret"). */
  notices: string[];
  close(): Promise<void>;
}

export async function openContext(config: Config): Promise<AppContext> {
  const notices: string[] = [];
  const store = await openStore({ url: config.env.databaseUrl, dataDir: config.dataDir });
  const secret = config.env.secret ?? loadOrCreateSecret(config.dataDir, notices);
  return {
    config,
    store,
    secret,
    notices,
    close: () => store.close(),
  };
}

// Without DISPATCH_SECRET, links in mails must still verify on the next run, so
// a random secret is generated once and kept beside the database.
function loadOrCreateSecret(dataDir: string, notices: string[]): string {
  const path = join(dataDir, 'secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, secret + '\n', { mode: 0o600 });
  notices.push(`DISPATCH_SECRET is not set: generated one in ${path} (set DISPATCH_SECRET in production)`);
  return secret;
}
