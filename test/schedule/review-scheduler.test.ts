// The scheduler with the review desk: the draft is built `deadline` before
// the slot, nothing is sent until it is approved, an approval "for the slot
// time" goes out at the slot, and an unapproved draft is skipped at the slot.
import { afterEach, describe, expect, it } from 'vitest';
import { approveEdition } from '../../src/app/index.js';
import { startSmtpSink, type SmtpSink } from '../helpers/deliver-smtp-sink.js';
import { runScheduler, type RunningScheduler } from '../helpers/schedule-run.js';
import { makeWorld, type World } from '../helpers/schedule-world.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const REVIEWED = (onMissed: string) => `  - name: daily
    title: Daily Brief
    schedule: "0 7 * * *"
    timezone: Europe/Berlin
    lookback: 3650d
    maxAge: 3650d
    minItems: 2
    review: { required: true, deadline: 2h, onMissed: ${onMissed} }
`;

async function setup(onMissed: string): Promise<{ w: World; sink: SmtpSink; s: RunningScheduler }> {
  const sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  const w = await makeWorld({ items: 4, subscribers: 3, smtpUrl: sink.url, digestsYaml: REVIEWED(onMissed) });
  cleanups.push(() => w.cleanup());
  // Mon 2 Mar 2026; the slot is 07:00 Berlin = 06:00Z; the draft is due then.
  const s = await runScheduler(w.ctx, '2026-03-02T03:30:00.000Z');
  cleanups.push(() => s.stop());
  return { w, sink, s };
}

describe('scheduler with the review desk', () => {
  it('builds the draft two hours ahead, sends nothing, and sends the approved edition at the slot time', async () => {
    const { w, sink, s } = await setup('skip');
    await s.advanceTo('2026-03-02T04:10:00.000Z');
    const done = s.of('slot-done');
    expect(done).toHaveLength(1);
    expect(done[0]?.at.toISOString()).toBe('2026-03-02T04:00:00.000Z');
    expect(done[0]?.outcome).toMatchObject({ kind: 'review', dueAt: new Date('2026-03-02T06:00:00.000Z') });
    const id = (done[0]?.outcome as { editionId: number }).editionId;
    expect(sink.accepted()).toBe(0);

    await approveEdition(w.ctx, id, { by: 'studio:ana', now: new Date('2026-03-02T04:30:00.000Z'), when: 'slot' });
    await s.advanceTo('2026-03-02T05:59:00.000Z');
    expect(sink.accepted()).toBe(0);
    await s.advanceTo('2026-03-02T06:05:00.000Z');
    expect(sink.accepted()).toBe(3);
    expect((await w.ctx.store.editions.get(id))?.status).toBe('sent');
    expect((await w.ctx.store.slotRuns.get('daily', '2026-03-02T06:00:00.000Z'))?.status).toBe('sent');
  });

  it('skips a draft nobody approved by the slot time (onMissed: skip)', async () => {
    const { w, sink, s } = await setup('skip');
    await s.advanceTo('2026-03-02T06:10:00.000Z');
    expect(sink.accepted()).toBe(0);
    const run = await w.ctx.store.slotRuns.get('daily', '2026-03-02T06:00:00.000Z');
    expect(run).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^review: not approved by 2026-03-02T06:00:00.000Z: skipped/) });
  });

  it('sends the draft as it stands at the slot time (onMissed: send)', async () => {
    const { sink, s } = await setup('send');
    await s.advanceTo('2026-03-02T06:10:00.000Z');
    expect(sink.accepted()).toBe(3);
  });
});
