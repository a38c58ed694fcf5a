// `dispatch worker` (issue 9): send workers sharing one PostgreSQL database.
// The scale-out test runs 3 workers and a `dispatch run` as real processes
// against one real SMTP sink, SIGKILLs one worker mid-send, and checks what an
// operator cares about: nobody missing, duplicates bounded by what the killed
// worker had in flight, every worker did its share, the global rate held.
import { afterEach, describe, expect, it } from 'vitest';
import type { TsChild } from '../helpers/deliver-child-process.js';
import { databaseUrlFor, spawnDispatch } from '../helpers/cli-child.js';
import { dispatch } from '../helpers/cli-run.js';
import { startSmtpSink } from '../helpers/deliver-smtp-sink.js';
import { makeWorld } from '../helpers/schedule-world.js';
import { pgTestUrl, seedSubscribers } from '../helpers/store-dialects.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('dispatch worker', () => {
  it('on SQLite says it needs PostgreSQL and exits 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-worker-'));
    writeFileSync(path.join(dir, 'dispatch.config.yaml'), 'digests:\n  - name: daily\n    title: Daily\n');
    const r = await dispatch(dir, ['worker']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/worker: .*PostgreSQL.*DISPATCH_DATABASE_URL=postgres:\/\//);
  });

  it.skipIf(!pgTestUrl)(
    '5,000 readers, 3 workers plus run, one worker SIGKILLed mid-send: nobody missing, duplicates within its in-flight count',
    async () => {
      const READERS = 5000;
      const t0 = Date.now();
      const log = (m: string) => console.log(`[${Date.now() - t0} ms] ${m}`);
      const RATE = 2000;
      // Counts only (no raw copies kept): the sink shares this machine with four senders.
      const sink = await startSmtpSink({}, { keepMessages: false });
      cleanups.push(() => sink.close());
      const w = await makeWorld({
        dialect: 'postgres',
        items: 3,
        smtpUrl: sink.url,
        extraYaml: 'schedule:\n  lease: 3s\n',
      });
      cleanups.push(() => w.cleanup());
      // The world's config says ratePerSecond: 1000; this test wants 2000 across all processes.
      // Group commits of 8 rows: the crash window (in flight + uncommitted) stays small enough to check.
      const COMMIT_ROWS = 8;
      writeFileSync(
        w.configPath,
        (await import('node:fs'))
          .readFileSync(w.configPath, 'utf8')
          .replace('ratePerSecond: 1000 }', `ratePerSecond: ${RATE} }\n  groupCommit: { rows: ${COMMIT_ROWS}, ms: 100 }`),
      );
      await seedSubscribers(w.testStore, READERS);
      const env = { ...w.env, DISPATCH_SMTP_URL: sink.url, DISPATCH_DATABASE_URL: databaseUrlFor(w.openOptions) };
      const stamps: number[] = [];
      const acceptedAt = setInterval(() => {
        while (stamps.length < sink.accepted()) stamps.push(Date.now());
      }, 5);
      cleanups.push(() => clearInterval(acceptedAt));

      const workers: TsChild[] = [];
      for (let i = 0; i < 3; i++) {
        const p = spawnDispatch(w.dir, ['worker', '--json'], env);
        cleanups.push(() => void p.child.kill('SIGKILL'));
        workers.push(p);
      }
      for (const p of workers) await until(() => /SIGTERM stops/.test(p.stderr()), `a worker to start: ${p.stderr()}`);

      log('workers started');
      const run = spawnDispatch(w.dir, ['run', '--json'], env);
      cleanups.push(() => void run.child.kill('SIGKILL'));
      const started = Date.now();
      const victim = workers[0]!;
      const sentBy = async (pid: number | undefined): Promise<number> =>
        Number((await w.testStore.exec(`select count(*) as n from deliveries where status = 'sent' and claimed_by like '%#${pid}#%'`))[0]?.n ?? 0);
      await until(async () => (await sentBy(victim.child.pid)) >= 100, 'the victim to send 100');
      log(`killing the victim; sink accepted ${sink.accepted()}`);
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      const killedAt = sink.accepted();

      const progress = setInterval(() => log(`sink accepted ${sink.accepted()}`), 2000);
      const runExit = await run.exited;
      clearInterval(progress);
      log('run exited');
      expect(runExit, run.stderr()).toEqual({ code: 0, signal: null });
      const elapsed = Date.now() - started;
      for (const p of workers.slice(1)) p.child.kill('SIGTERM');
      const summaries: Array<{ sent: number; failed: number }> = [];
      for (const p of workers.slice(1)) {
        expect(await p.exited, p.stderr()).toEqual({ code: 0, signal: null });
        summaries.push(JSON.parse(p.lines.join('\n')) as { sent: number; failed: number });
      }
      const runReport = JSON.parse(run.lines.join('\n')) as { digests: Array<{ delivery: { sent: number } | null }> };
      const runSent = runReport.digests[0]?.delivery?.sent ?? 0;
      const victimSent = await sentBy(victim.child.pid);

      const counts = sink.copyCounts();
      const missing = Array.from({ length: READERS }, (_, i) => `user${i + 1}@example.org`).filter((e) => !counts.has(e));
      const duplicates = [...counts.values()].reduce((a, n) => a + n - 1, 0);
      // Handed to the relay, outcome not committed: the victim's SMTP
      // parallelism (pool.connections 2 × 2) plus two groups (one being
      // written, the next filling).
      const inFlight = 2 * 2 + 2 * COMMIT_ROWS;
      // The busiest second the relay saw, against the global rate.
      let peak = 0;
      for (let i = 0, j = 0; i < stamps.length; i++) {
        while (stamps[i]! - stamps[j]! >= 1000) j++;
        peak = Math.max(peak, i - j + 1);
      }
      console.log(
        `workers: ${READERS} readers in ${elapsed} ms; victim killed after ${killedAt} accepted; ` +
          `sent by victim ${victimSent}, workers ${summaries.map((s) => s.sent).join('/')}, run ${runSent}; ` +
          `missing ${missing.length}, duplicates ${duplicates} (victim in flight at most ${inFlight}); busiest second ${peak} (rate ${RATE}/s)`,
      );
      expect(missing).toEqual([]);
      expect(duplicates).toBeLessThanOrEqual(inFlight);
      expect(victimSent).toBeGreaterThan(0);
      for (const s of summaries) expect(s.sent).toBeGreaterThan(0);
      expect(victimSent + summaries.reduce((a, s) => a + s.sent, 0) + runSent).toBe(READERS);
      // 5 % slack: each process may overshoot a window by one chunk of tokens (rate/20).
      expect(peak).toBeLessThanOrEqual(Math.ceil(RATE * 1.25));
      const edition = (await w.ctx.store.editions.list({ digest: 'daily' }))[0]!;
      expect(await w.ctx.store.deliveries.counts(edition.id)).toEqual({ pending: 0, sent: READERS, failed: 0, skipped: 0 });
    },
    // About 25 s on an idle 2-core machine; several minutes when it is shared (see the printed timings).
    300_000,
  );
});
