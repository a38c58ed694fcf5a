// Opens the database named by DISPATCH_DATABASE_URL (or the default SQLite
// file), runs pending migrations, and hands back the Store port.
import { opsRepository } from './ops-repository.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from './kysely-runtime.js';
import type pg from 'pg';
import { ConfigError, DispatchError } from '../shared/errors.js';
import type { Store } from '../shared/store.js';
import { deliverabilityRepository } from './deliverability-repository.js';
import { deliveryRepository } from './delivery-repository.js';
import type { SqlDialect } from './dialect.js';
import { withStatementCache } from './with-statement-cache.js';
import { editionRepository } from './edition-repository.js';
import { feedRepository } from './feed-repository.js';
import { itemRepository } from './item-repository.js';
import { leaseRepository } from './lease-repository.js';
import { migrationProvider } from './migration-provider.js';
import type { DatabaseSchema } from './schema.js';
import { sendRateRepository } from './send-rate-repository.js';
import { reviewRepository } from './review-repository.js';
import { slotRunRepository } from './slot-run-repository.js';
import { subscriberRepository } from './subscriber-repository.js';
import { subscriptionRepository } from './subscription-repository.js';

export interface OpenStoreOptions {
  /** DISPATCH_DATABASE_URL: unset/empty, `sqlite:PATH`, `file:` URL or a path → SQLite; `postgres(ql)://…` → PostgreSQL. */
  url?: string | null;
  /** Folder of the default SQLite file `dispatch.sqlite` (default `./data`, created if missing). */
  dataDir?: string;
  /** PostgreSQL only: keep every table in this schema (created if missing). */
  schema?: string;
}

export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; connectionString: string };

// Lower case only: search_path folds unquoted names, CREATE SCHEMA quotes them.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Works out which database a URL names, without touching it. */
export function resolveDatabaseTarget(opts: OpenStoreOptions = {}): DatabaseTarget {
  const url = opts.url?.trim();
  if (!url) {
    return { dialect: 'sqlite', file: path.resolve(opts.dataDir ?? './data', 'dispatch.sqlite') };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(url)?.[1]?.toLowerCase();
  // A one-letter "scheme" is a Windows drive (C:\…); anything unprefixed is a path.
  if (scheme === undefined) return { dialect: 'sqlite', file: path.resolve(url) };
  if (scheme === 'postgres' || scheme === 'postgresql') return { dialect: 'postgres', connectionString: url };
  if (scheme === 'file') return { dialect: 'sqlite', file: fileURLToPath(url) };
  if (scheme === 'sqlite') {
    let rest = url.slice('sqlite:'.length);
    if (rest.startsWith('//')) rest = rest.slice(2); // sqlite:///abs/path and sqlite://rel/path
    if (rest === ':memory:') return { dialect: 'sqlite', file: ':memory:' };
    if (!rest) throw new ConfigError('DISPATCH_DATABASE_URL: expected a file path after "sqlite:"');
    return { dialect: 'sqlite', file: path.resolve(rest) };
  }
  throw new ConfigError(
    `DISPATCH_DATABASE_URL: unsupported scheme "${scheme}:"; expected postgres://…, postgresql://…, sqlite:PATH or a file path`,
  );
}

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const target = resolveDatabaseTarget(opts);
  let db: Kysely<DatabaseSchema> | undefined;
  try {
    if (target.dialect === 'sqlite') {
      const database = openSqliteDatabase(target.file);
      db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
      await migrateSqlite(db, database, target.file);
    } else {
      // pg is loaded only for PostgreSQL: ~10 MB of RSS an embedded SQLite
      // process never needs.
      const { default: pgModule } = await import('pg');
      db = openPostgres(pgModule, target.connectionString, opts.schema);
      if (opts.schema) await ensureSchema(db, opts.schema);
      // Kysely's migrator holds a PostgreSQL advisory lock: concurrent opens are safe.
      await migrate(db, 'postgres', opts.schema);
    }
    return makeStore(db, target.dialect);
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    if (error instanceof ConfigError) throw error;
    const where = target.dialect === 'sqlite' ? target.file : redactUrl(target.connectionString);
    throw new DispatchError(`cannot open the ${target.dialect} database at ${where}: ${describe(error)}`, {
      cause: error,
    });
  }
}

function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  // WAL: readers (the web pages) never block the sender. busy_timeout: a
  // second process waits for the lock instead of failing at once. Synchronous
  // stays FULL so a row marked sent survives a power cut, not just a crash.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return database;
}

/** Opens of one SQLite file in this process, chained so they migrate one at a time. */
const sqliteMigrations = new Map<string, Promise<unknown>>();

/**
 * Kysely has no migration lock for SQLite, so two processes starting on a
 * fresh file would both create the tables. BEGIN IMMEDIATE takes the write
 * lock first: the second waits (busy_timeout), then finds nothing to do.
 * Within one process the lock would block the event loop, hence the chain.
 */
async function migrateSqlite(db: Kysely<DatabaseSchema>, database: Database.Database, file: string): Promise<void> {
  const previous = sqliteMigrations.get(file) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      database.exec('BEGIN IMMEDIATE');
      try {
        await migrate(db, 'sqlite', undefined, { disableTransactions: true });
        database.exec('COMMIT');
      } catch (error) {
        if (database.inTransaction) database.exec('ROLLBACK');
        throw error;
      }
    });
  sqliteMigrations.set(file, run);
  try {
    await run;
  } finally {
    if (sqliteMigrations.get(file) === run) sqliteMigrations.delete(file);
  }
}

function openPostgres(pgModule: typeof pg, connectionString: string, schema: string | undefined): Kysely<DatabaseSchema> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ConfigError(`database schema "${schema}": expected lower-case letters, digits and _ (not starting with a digit)`);
  }
  const pool = new pgModule.Pool({
    connectionString,
    // Every pooled connection resolves unqualified names in the schema, so
    // repositories and migrations need no schema prefix.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
}

/** CREATE SCHEMA IF NOT EXISTS can still fail when two sessions race; the loser only needs it to exist. */
async function ensureSchema(db: Kysely<DatabaseSchema>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (error) {
    const found = await sql<{ n: number }>`select 1 as n from pg_namespace where nspname = ${schema}`.execute(db);
    if (found.rows.length === 0) throw error;
  }
}

async function migrate(
  db: Kysely<DatabaseSchema>,
  dialect: SqlDialect,
  schema: string | undefined,
  opts: { disableTransactions?: boolean } = {},
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
    ...opts,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    // Without a failed migration the error came before any ran (connection, lock).
    if (!failed) throw error;
    throw new Error(`migration ${failed} failed: ${describe(error)}`, { cause: error });
  }
}

function makeStore(db: Kysely<DatabaseSchema>, dialect: SqlDialect): Store {
  return {
    dialect,
    feeds: feedRepository(db),
    items: itemRepository(db),
    subscribers: subscriberRepository(db),
    editions: editionRepository(db),
    deliveries: deliveryRepository(db, dialect),
    leases: leaseRepository(db),
    slotRuns: slotRunRepository(db),
    subscriptions: subscriptionRepository(db),
    sendRate: sendRateRepository(db, dialect),
    deliverability: deliverabilityRepository(db),
    ops: opsRepository(db),
    reviews: reviewRepository(db),
    async close() {
      await db.destroy();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Never print a password from the URL. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DISPATCH_DATABASE_URL';
  }
}
