// A real scheduler process stopped mid-send, then a restart: SIGKILL (nothing
// released, the lease must expire) and SIGTERM (graceful: the message in
// flight finishes, the rest stays pending, the lease is released). Either
// way every subscriber ends up with exactly one copy.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Child processes start slowly on a busy 2-core machine (TypeScript is transpiled on load).
vi.setConfig({ testTimeout: 90_000 });
import type { TsChild } from '../helpers/deliver-child-process.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { runScheduler } from '../helpers/schedule-run.js';
import { makeWorld, spawnSchedulerChild, type World } from '../helpers/schedule-world.js';

const SLOT = '2026-03-02T06:00:00.000Z'; // Mon 07:00 Europe/Berlin

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function spawnScheduler(w: World, sink: SmtpSink, holder: string): TsChild {
  const proc = spawnSchedulerChild(w, sink, holder, new Date(new Date(SLOT).getTime() - 1000).toISOString());
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

async function restartAndFinish(w: World, sink: SmtpSink, alreadySent: number): Promise<void> {
  const s = await runScheduler(w.ctx, '2026-03-02T06:01:00.000Z', { holder: 'restarted' });
  cleanups.push(() => s.stop());
  await s.advanceTo('2026-03-02T06:02:00.000Z');
  const done = s.of('slot-done');
  expect(done.map((e) => [e.slot, e.outcome.kind])).toEqual([[SLOT, 'already']]);
  expect(done[0]?.resumed[0]).toMatchObject({ sent: w.emails.length - alreadySent, skipped: alreadySent, pendingLeft: 0 });
  expectOneCopyEach(sink, w.emails);
  expect(await w.ctx.store.slotRuns.get('daily', SLOT)).toMatchObject({ status: 'sent' });
}

describe('a scheduler process stopped mid-send', () => {
  it('SIGKILL while messages are in flight, then a restart: every subscriber has exactly one copy', async () => {
    const ACCEPT_BEFORE_HANG = 5;
    const sink = await startSmtpSink({ holdAfter: ACCEPT_BEFORE_HANG });
    cleanups.push(() => sink.close());
    const w = await makeWorld({ items: 3, subscribers: 14, smtpUrl: sink.url, extraYaml: 'schedule:\n  lease: 5s\n' });
    cleanups.push(() => w.cleanup());

    const proc = spawnScheduler(w, sink, 'doomed');
    await proc.waitForLine(/^ready$/);
    writeFileSync(path.join(w.dir, 'go'), '');
    await proc.waitForLine(new RegExp(`^progress sent=${ACCEPT_BEFORE_HANG} `));
    await sink.waitForHeld(1);
    // Accepted rows are committed in groups within 100 ms (sending.groupCommit):
    // past that window the ledger holds every message the relay accepted.
    await new Promise((r) => setTimeout(r, 300));
    proc.child.kill('SIGKILL');
    expect((await proc.exited).signal).toBe('SIGKILL');
    expect(sink.messages).toHaveLength(ACCEPT_BEFORE_HANG);
    // The dead process's lease stays until it expires; the slot is still running.
    expect((await w.ctx.store.leases.get('digest:daily'))?.holder).toBe('doomed');
    expect(await w.ctx.store.slotRuns.get('daily', SLOT)).toMatchObject({ status: 'running' });

    // The relay recovers; the restart (a minute later, past the lease) finishes the slot.
    sink.faults.holdAfter = undefined;
    await restartAndFinish(w, sink, ACCEPT_BEFORE_HANG);
  });

  it('SIGTERM mid-send: stops claiming rows, records what was in flight, releases the lease; a restart finishes', async () => {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    // Enough readers that the send is still going when the signal lands.
    const w = await makeWorld({ items: 3, subscribers: 300, smtpUrl: sink.url, extraYaml: 'schedule:\n  lease: 5s\n' });
    cleanups.push(() => w.cleanup());

    const proc = spawnScheduler(w, sink, 'terminated');
    await proc.waitForLine(/^ready$/);
    writeFileSync(path.join(w.dir, 'go'), '');
    await proc.waitForLine(/^progress sent=5 /);
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    expect(exit, proc.stderr()).toEqual({ code: 0, signal: null });
    expect(proc.lines).toContain('signal SIGTERM');
    expect(proc.lines.some((l) => l.startsWith(`slot-done ${SLOT} incomplete`))).toBe(true);

    const edition = (await w.ctx.store.editions.list({ digest: 'daily' }))[0]!;
    const counts = await w.ctx.store.deliveries.counts(edition.id);
    // Every message the relay accepted is recorded as sent; nothing is lost in between.
    expect(counts.sent).toBe(sink.messages.length);
    expect(counts.pending).toBe(300 - counts.sent);
    expect(counts.pending).toBeGreaterThan(0);
    expect(await w.ctx.store.leases.list()).toEqual([]);
    expect(await w.ctx.store.slotRuns.get('daily', SLOT)).toMatchObject({ status: 'running', editionId: edition.id });

    await restartAndFinish(w, sink, counts.sent);
  });
});
