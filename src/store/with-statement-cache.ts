// Kysely's SQLite driver prepares every query it runs, and preparing (parsing
// and planning the SQL) cost more than running the statement for the send
// path's queries (claims, group commits, re-checks): about 4 % of the
// sender's busy time in the SMTP bench. The same SQL text reuses its
// prepared statement instead. A statement still iterating (a streamed
// select) is busy and cannot run again meanwhile; such a query gets a fresh
// one. SQLite re-prepares a cached statement itself after a schema change.
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept; past that the cache starts over (queries with IN lists of every length). */
const MAX_STATEMENTS = 500;

export function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit;
      const stmt = database.prepare(sql);
      if (!hit) {
        if (cache.size >= MAX_STATEMENTS) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
