// A real SQLite ledger in a temp folder: N active subscribers, one edition,
// one pending delivery per subscriber, exactly as `dispatch send` finds it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/shared/store.js';
import type { Edition } from '../src/shared/types.js';
import { benchEditionModel } from './edition-fixture.js';

export interface BenchLedger {
  store: Store;
  edition: Edition;
  dir: string;
  /** Closes the store and deletes the folder. */
  dispose(): Promise<void>;
}

export async function seedLedger(subscribers: number): Promise<BenchLedger> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-'));
  const store = await openStore({ dataDir: dir });
  // The Store port adds subscribers one by one; a recursive CTE inserts
  // 100,000 in well under a second (same approach as the store tests' seeding).
  const db = new Database(path.join(dir, 'dispatch.sqlite'));
  db.pragma('busy_timeout = 5000');
  const at = '2026-11-01T00:00:00.000Z';
  db.prepare(
    `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
     insert into subscribers (email, name, status, preferences, consent_at, consent_source, created_at, updated_at)
     select 'reader' || i || '@example.org', 'Reader ' || i, 'active', '{}', ?, 'bench', ?, ? from n`,
  ).run(subscribers, at, at, at);
  db.close();
  const now = new Date('2026-11-25T07:00:00.000Z');
  const model = benchEditionModel(null);
  const { edition } = await store.editions.create({
    digest: 'daily',
    slot: now.toISOString(),
    windowStart: new Date('2026-11-24T07:00:00.000Z'),
    windowEnd: now,
    subject: model.subject,
    itemIds: [],
    model,
    now,
  });
  const added = await store.deliveries.enqueue(edition.id, now);
  if (added !== subscribers) throw new Error(`ledger: enqueued ${added} rows, expected ${subscribers}`);
  return {
    store,
    edition,
    dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
