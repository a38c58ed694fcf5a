// The prepared-statement cache under Kysely's SQLite driver: the same SQL
// reuses its statement, a statement still iterating is never handed out
// again (better-sqlite3 would refuse to run it), and results stay right
// after the schema changes under a cached statement.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/store/with-statement-cache.js';

describe('withStatementCache', () => {
  it('reuses a statement, gives a fresh one while the cached one iterates, and survives a schema change', () => {
    const raw = new Database(':memory:');
    raw.exec('create table t (id integer primary key, v text); insert into t (v) values (\'a\'), (\'b\'), (\'c\')');
    const db = withStatementCache(raw);
    const sql = 'select id, v from t order by id';
    const first = db.prepare(sql);
    expect(db.prepare(sql)).toBe(first);

    const seen: unknown[] = [];
    for (const row of first.iterate([])) {
      // The cached statement is busy here: running the same SQL again must not reuse it.
      const inner = db.prepare(sql);
      expect(inner).not.toBe(first);
      expect(inner.all([])).toHaveLength(3);
      seen.push(row);
    }
    expect(seen).toHaveLength(3);
    expect(db.prepare(sql)).toBe(first);

    const star = db.prepare('select * from t order by id');
    expect(star.all([])[0]).toEqual({ id: 1, v: 'a' });
    raw.exec("alter table t add column w text default 'x'");
    expect(db.prepare('select * from t order by id')).toBe(star);
    expect(db.prepare('select * from t order by id').all([])).toEqual([
      { id: 1, v: 'a', w: 'x' },
      { id: 2, v: 'b', w: 'x' },
      { id: 3, v: 'c', w: 'x' },
    ]);
    db.close();
  });
});
