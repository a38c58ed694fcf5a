import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DispatchError } from '../../src/shared/errors.js';
import { migrationProvider } from '../../src/store/migration-provider.js';
import { openStore, resolveDatabaseTarget } from '../../src/store/index.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';
import { makeFeedSource, makeNewItem } from '../helpers/store-builders.js';
import { spawnTs } from '../helpers/deliver-child-process.js';

describe('resolveDatabaseTarget', () => {
  it('defaults to data/dispatch.sqlite under the data dir', () => {
    expect(resolveDatabaseTarget({})).toEqual({ dialect: 'sqlite', file: path.resolve('data', 'dispatch.sqlite') });
    expect(resolveDatabaseTarget({ url: '', dataDir: '/srv/d' })).toEqual({
      dialect: 'sqlite',
      file: '/srv/d/dispatch.sqlite',
    });
    expect(resolveDatabaseTarget({ url: null, dataDir: '/srv/d' }).dialect).toBe('sqlite');
  });

  it('reads sqlite: URLs, file: URLs and plain paths', () => {
    expect(resolveDatabaseTarget({ url: 'sqlite:/var/lib/x.db' })).toEqual({ dialect: 'sqlite', file: '/var/lib/x.db' });
    expect(resolveDatabaseTarget({ url: 'sqlite:///var/lib/x.db' })).toEqual({ dialect: 'sqlite', file: '/var/lib/x.db' });
    expect(resolveDatabaseTarget({ url: 'sqlite:rel/x.db' })).toEqual({ dialect: 'sqlite', file: path.resolve('rel/x.db') });
    expect(resolveDatabaseTarget({ url: 'file:///var/lib/x.db' })).toEqual({ dialect: 'sqlite', file: '/var/lib/x.db' });
    expect(resolveDatabaseTarget({ url: './x.sqlite' })).toEqual({ dialect: 'sqlite', file: path.resolve('x.sqlite') });
  });

  it('reads postgres:// and postgresql:// URLs', () => {
    for (const url of ['postgres://u:p@h:5432/db', 'postgresql://h/db', 'POSTGRES://h/db']) {
      expect(resolveDatabaseTarget({ url })).toEqual({ dialect: 'postgres', connectionString: url });
    }
  });

  it('rejects an unknown scheme with a ConfigError naming DISPATCH_DATABASE_URL', () => {
    expect(() => resolveDatabaseTarget({ url: 'mysql://h/db' })).toThrow(ConfigError);
    expect(() => resolveDatabaseTarget({ url: 'mysql://h/db' })).toThrow(/DISPATCH_DATABASE_URL.*mysql/);
    expect(() => resolveDatabaseTarget({ url: 'sqlite:' })).toThrow(ConfigError);
  });
});

describe('openStore on SQLite', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dispatch-open-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a missing data dir and the default file, in WAL mode', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const store = await openStore({ dataDir });
    try {
      expect(store.dialect).toBe('sqlite');
      expect((await stat(path.join(dataDir, 'dispatch.sqlite'))).isFile()).toBe(true);
      // The -wal file only exists in WAL mode once something was written.
      await store.feeds.upsert(makeFeedSource(), new Date());
      expect((await stat(path.join(dataDir, 'dispatch.sqlite-wal'))).isFile()).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('two opens of a fresh file at once both succeed (migrations run once)', async () => {
    const dataDir = path.join(dir, 'race');
    const stores = await Promise.all([openStore({ dataDir }), openStore({ dataDir }), openStore({ dataDir })]);
    try {
      const feed = await stores[0]!.feeds.upsert(makeFeedSource(), new Date());
      expect((await stores[2]!.feeds.get(feed.id))?.id).toBe(feed.id);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('separate processes opening a fresh file at once all succeed', async () => {
    const dataDir = path.join(dir, 'procs');
    const child = path.resolve('test/helpers/store-open-child.ts');
    const children = [1, 2, 3, 4].map(() => spawnTs(child, [dataDir]));
    const exits = await Promise.all(children.map((c) => c.exited));
    expect(
      exits.map((e, i) => (e.code === 0 ? 'ok' : children[i]!.stderr())),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);
    const store = await openStore({ dataDir });
    try {
      expect(await store.feeds.list()).toHaveLength(4);
    } finally {
      await store.close();
    }
    // Four children that transpile their sources on start: slow on a shared machine.
  }, 120_000);

  it('opens a sqlite: URL', async () => {
    const file = path.join(dir, 'other.db');
    const store = await openStore({ url: `sqlite:${file}` });
    await store.close();
    expect((await stat(file)).isFile()).toBe(true);
  });

  it('rejects a bad URL before touching anything', async () => {
    await expect(openStore({ url: 'redis://localhost' })).rejects.toThrow(ConfigError);
  });
});

describe('openStore on PostgreSQL without a server', () => {
  it('fails with a DispatchError that does not show the password', async () => {
    const error = await openStore({ url: 'postgres://user:s3cret-pw@127.0.0.1:1/nowhere' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DispatchError);
    expect((error as Error).message).toMatch(/postgres/);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(openStore({ url: 'postgres://127.0.0.1:1/x', schema: 'a;drop' })).rejects.toThrow(ConfigError);
  });
});

describe.each(storeDialects())('migrations on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(name);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('are idempotent: opening the same database again keeps the data and migrates nothing', async () => {
      const feed = await t.store.feeds.upsert(makeFeedSource({ name: 'Kept' }), new Date());
      const again = await openStore(t.openOptions);
      try {
        expect((await again.feeds.get(feed.id))?.name).toBe('Kept');
        const third = await openStore(t.openOptions);
        await third.close();
      } finally {
        await again.close();
      }
      const rows = await t.exec('select name from kysely_migration');
      expect(rows.map((r) => r.name)).toEqual(await allMigrationNames());
    });

    it('enforces foreign keys', async () => {
      await expect(t.store.items.insertMany([makeNewItem(999_999)])).rejects.toThrow();
    });

    it.runIf(name === 'postgres')('concurrent opens of a fresh schema all succeed', async () => {
      const schema = `${t.openOptions.schema}_fresh`;
      const opts = { ...t.openOptions, schema };
      try {
        const stores = await Promise.all([openStore(opts), openStore(opts), openStore(opts)]);
        await Promise.all(stores.map((s) => s.close()));
        const rows = await t.exec(`select name from ${schema}.kysely_migration`);
        expect(rows.map((r) => r.name)).toEqual(await allMigrationNames());
      } finally {
        await t.exec(`drop schema if exists ${schema} cascade`);
      }
    });

    it.runIf(name === 'postgres')('keeps every table in the test schema', async () => {
      const rows = await t.exec(
        `select table_name from information_schema.tables where table_schema = current_schema() order by table_name`,
      );
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['deliveries', 'editions', 'feeds', 'items', 'subscribers']),
      );
      const publicFeeds = await t.exec(
        `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'feeds'`,
      );
      expect(publicFeeds[0]?.n).toBe(0);
    });
  });
});

/** Every migration the code knows, in order: each must be applied exactly once. */
async function allMigrationNames(): Promise<string[]> {
  return Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
}
