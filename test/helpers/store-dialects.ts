// Opens a throwaway store per test on every dialect available: SQLite in a temp
// dir always; PostgreSQL when DISPATCH_TEST_DATABASE_URL is set, in a random
// schema that is dropped afterwards, so parallel test files never collide.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';

export type StoreDialectName = 'sqlite' | 'postgres';

export interface StoreDialectCase {
  name: StoreDialectName;
  /** False when the dialect cannot run here (PostgreSQL without DISPATCH_TEST_DATABASE_URL). */
  enabled: boolean;
}

export const pgTestUrl: string | undefined = process.env.DISPATCH_TEST_DATABASE_URL || undefined;

/** For `describe.each(storeDialects())`: both dialects, PostgreSQL disabled when unconfigured. */
export function storeDialects(): StoreDialectCase[] {
  return [
    { name: 'sqlite', enabled: true },
    { name: 'postgres', enabled: pgTestUrl !== undefined },
  ];
}

export interface TestStore {
  store: Store;
  dialect: StoreDialectName;
  /** Options that open this same database again (a second process, a reopen). */
  openOptions: { url?: string | null; dataDir?: string; schema?: string };
  /** Runs raw SQL on the same database with a separate connection (seeding, inspection). */
  exec(sqlText: string): Promise<Record<string, unknown>[]>;
  /** Closes the store and removes the temp dir / drops the schema. */
  cleanup(): Promise<void>;
}

export async function openTestStore(dialect: StoreDialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'dispatch-store-'));
    const openOptions = { url: null, dataDir: dir };
    const store = await openStore(openOptions);
    const file = path.join(dir, 'dispatch.sqlite');
    return {
      store,
      dialect,
      openOptions,
      async exec(sqlText) {
        const db = new Database(file);
        try {
          db.pragma('busy_timeout = 5000');
          const stmt = db.prepare(sqlText);
          if (stmt.reader) return stmt.all() as Record<string, unknown>[];
          stmt.run();
          return [];
        } finally {
          db.close();
        }
      },
      async cleanup() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }

  if (!pgTestUrl) throw new Error('DISPATCH_TEST_DATABASE_URL is not set');
  const url = pgTestUrl;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const openOptions = { url, schema };
  const store = await openStore(openOptions);
  const withClient = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    store,
    dialect,
    openOptions,
    exec: (sqlText) => withClient(async (c) => (await c.query(sqlText)).rows as Record<string, unknown>[]),
    async cleanup() {
      await store.close();
      await withClient((c) => c.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

/**
 * Inserts `count` subscribers (user<N>@example.org, N from `start`) in one
 * set-based statement: fast enough for 100,000 rows, on both dialects.
 */
export async function seedSubscribers(
  t: TestStore,
  count: number,
  opts: { status?: string; start?: number; now?: Date } = {},
): Promise<void> {
  const start = opts.start ?? 1;
  const status = opts.status ?? 'active';
  const at = (opts.now ?? new Date('2026-01-01T00:00:00.000Z')).toISOString();
  if (!/^[a-z]+$/.test(status)) throw new Error(`bad status ${status}`);
  await t.exec(`
    with recursive n(i) as (select ${start} union all select i + 1 from n where i < ${start + count - 1})
    insert into subscribers (email, name, status, preferences, consent_at, consent_source, created_at, updated_at)
    select 'user' || i || '@example.org', null, '${status}', '{}', '${at}', 'seed', '${at}', '${at}' from n`);
}
