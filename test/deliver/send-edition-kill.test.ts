// A sender process killed with SIGKILL in the middle of a send, then run
// again: every subscriber ends up with exactly one copy. The sink holds (never
// answers) every message after the first few, so at the moment of the kill
// the ledger knows exactly what the relay accepted.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, sendEdition } from '../../src/deliver/index.js';
import { holderIsDead } from '../../src/schedule/index.js';
import { spawnTs, type TsChild } from '../helpers/deliver-child-process.js';
import { ledgerRows, makeCompose, makeLedger, makeTempDir, NOW } from '../helpers/deliver-fixtures.js';
import { startSmtpSink } from '../helpers/deliver-smtp-sink.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/deliver-send-child.ts');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a send killed mid-way', () => {
  // groupCommit.rows 1: every accepted row is committed before the next is
  // taken, so the kill can come the moment the progress line says so. With
  // the default group commit, rows accepted within the last groupCommit.ms
  // (100 ms) may not be in the ledger yet: the kill waits that long.
  it.each([
    { mode: 'one commit per row', commitRows: '1', settleMs: 0 },
    { mode: 'group commit, killed after its 100 ms window', commitRows: '', settleMs: 300 },
  ])('SIGKILL while messages are in flight ($mode), then a rerun: every subscriber has exactly one copy', async ({ commitRows, settleMs }) => {
    const ACCEPT_BEFORE_HANG = 6;
    const sink = await startSmtpSink({ holdAfter: ACCEPT_BEFORE_HANG });
    const ledger = await makeLedger(15);
    const outbox = makeTempDir();
    cleanups.push(() => sink.close(), () => ledger.cleanup(), outbox.cleanup);

    let proc: TsChild | null = spawnTs(CHILD, [ledger.dataDir, String(ledger.editionId), sink.url, outbox.dir, ...(commitRows ? [commitRows] : [])]);
    cleanups.push(() => {
      if (proc && proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    });
    // The child has recorded everything the relay accepted, and more messages are on the wire.
    await proc.waitForLine(new RegExp(`^progress sent=${ACCEPT_BEFORE_HANG} `));
    await sink.waitForHeld(1);
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    proc.child.kill('SIGKILL');
    const exit = await proc.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(proc.lines.some((l) => l.startsWith('done'))).toBe(false);
    proc = null;

    expect(sink.messages).toHaveLength(ACCEPT_BEFORE_HANG);
    const counts = await ledger.store.deliveries.counts(ledger.editionId);
    expect(counts).toEqual({ pending: 15 - ACCEPT_BEFORE_HANG, sent: ACCEPT_BEFORE_HANG, failed: 0, skipped: 0 });

    // The relay recovers; the next run finishes what the killed one left.
    sink.faults.holdAfter = undefined;
    const mailer = createMailer({ smtpUrl: sink.url, outboxDir: outbox.dir, pool: { connections: 3 } });
    cleanups.push(() => mailer.close());
    const summary = await sendEdition({
      deliveries: ledger.store.deliveries,
      editionId: ledger.editionId,
      mailer,
      compose: makeCompose(ledger.editionId),
      now: () => NOW,
      concurrency: 3,
      backoffMs: () => 20,
      // The killed sender's rows are still claimed; its pid is gone, so they are taken at once.
      isDead: holderIsDead,
    });
    expect(summary).toMatchObject({ sent: 15 - ACCEPT_BEFORE_HANG, failed: 0, skipped: ACCEPT_BEFORE_HANG, pendingLeft: 0 });

    const copies = sink.copyCounts();
    expect([...copies.keys()].sort()).toEqual([...ledger.emails].sort());
    expect([...copies.values()]).toEqual(Array(15).fill(1));
    expect(ledgerRows(ledger.dataDir, ledger.editionId).every((r) => r.status === 'sent')).toBe(true);
    // A child process that transpiles its sources on start: slow on a shared machine.
  }, 120_000);
});
