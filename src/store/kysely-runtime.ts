// kysely's runtime values, from its CommonJS build. The ESM build is 263
// modules, and a process that imports it keeps ~18 MB more RSS against
// ~12 MB for the CommonJS build (measured, Node 20): six megabytes every
// sending process and worker paid for module records alone. Types still come
// from the package's own declarations, so nothing else changes.
import { createRequire } from 'node:module';
import type * as K from 'kysely';

const kysely = createRequire(import.meta.url)('kysely') as typeof K;

export const sql = kysely.sql;
export const Kysely = kysely.Kysely;
export type Kysely<DB> = K.Kysely<DB>;
export const Migrator = kysely.Migrator;
export const PostgresDialect = kysely.PostgresDialect;
export const SqliteDialect = kysely.SqliteDialect;
