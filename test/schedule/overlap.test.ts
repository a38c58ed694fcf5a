// Real processes: two schedulers started together against one database (SQLite
// file, and PostgreSQL when DISPATCH_TEST_DATABASE_URL is set) send the slot once.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Child processes start slowly on a busy 2-core machine (TypeScript is transpiled on load).
vi.setConfig({ testTimeout: 90_000 });
import type { TsChild } from '../helpers/deliver-child-process.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { makeWorld, spawnSchedulerChild, type World } from '../helpers/schedule-world.js';
import { storeDialects } from '../helpers/store-dialects.js';

const SLOT = '2026-03-02T06:00:00.000Z'; // Mon 07:00 Europe/Berlin

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function spawnScheduler(w: World, sink: SmtpSink, holder: string, startAt: string): TsChild {
  const proc = spawnSchedulerChild(w, sink, holder, startAt);
  cleanups.push(() => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  });
  return proc;
}

function expectOneCopyEach(sink: SmtpSink, emails: string[]): void {
  const copies = sink.copyCounts();
  expect([...copies.keys()].sort()).toEqual([...emails].sort());
  expect([...copies.values()].every((n) => n === 1)).toBe(true);
}

describe.each(storeDialects())('two scheduler processes on one $name database', ({ name, enabled }) => {
  it.skipIf(!enabled)('send the slot once: one edition, one copy per subscriber, the loser names the holder', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const w = await makeWorld({ dialect: name, items: 4, subscribers: 20, smtpUrl: sink.url, extraYaml: 'schedule:\n  lease: 10s\n' });
    cleanups.push(() => w.cleanup());

    // Both clocks read 1 s before the slot when the go file appears.
    const startAt = new Date(new Date(SLOT).getTime() - 1000).toISOString();
    const a = spawnScheduler(w, sink, 'proc-a', startAt);
    const b = spawnScheduler(w, sink, 'proc-b', startAt);
    await Promise.all([a.waitForLine(/^ready$/), b.waitForLine(/^ready$/)]);
    writeFileSync(path.join(w.dir, 'go'), '');
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect([ea.code, eb.code], a.stderr() + b.stderr()).toEqual([0, 0]);

    const outcomes = [...a.lines, ...b.lines].filter((l) => l.startsWith('slot-done') && !l.includes(' busy '));
    expect(outcomes.map((l) => l.split(' ')[2]).sort()).toEqual(['already', 'sent']);
    expect(outcomes.every((l) => l.split(' ')[1] === SLOT)).toBe(true);
    // If they overlapped, the loser said who held the lease.
    const busy = [...a.lines, ...b.lines].filter((l) => l.includes(' busy '));
    for (const l of busy) expect(l).toMatch(/ busy proc-[ab]$/);

    expectOneCopyEach(sink, w.emails);
    const editions = await w.ctx.store.editions.list({ digest: 'daily' });
    expect(editions.map((e) => [e.slot, e.status])).toEqual([[SLOT, 'sent']]);
    expect(await w.ctx.store.slotRuns.get('daily', SLOT)).toMatchObject({ status: 'sent', editionId: editions[0]?.id });
    expect(await w.ctx.store.leases.list()).toEqual([]);
  });
});
