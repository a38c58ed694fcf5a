import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/schedule/index.js';

describe('ManualClock', () => {
  it('wakes each sleeper at exactly its instant, in order, and stops at the target', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const woke: string[] = [];
    const stop = new AbortController();
    const sleeper = (async () => {
      for (const h of [1, 3, 7]) {
        await clock.sleepUntil(new Date(Date.UTC(2026, 2, 1, h)), stop.signal);
        woke.push(clock.now().toISOString());
      }
      await clock.sleepUntil(new Date(Date.UTC(2026, 2, 2)), stop.signal);
    })();
    await clock.advanceTo(new Date('2026-03-01T05:00:00Z'));
    expect(woke).toEqual(['2026-03-01T01:00:00.000Z', '2026-03-01T03:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2026-03-01T05:00:00.000Z');
    await clock.advanceTo(new Date('2026-03-01T08:00:00Z'));
    expect(woke.at(-1)).toBe('2026-03-01T07:00:00.000Z');
    stop.abort();
    await sleeper;
    expect(clock.sleeping()).toBe(0);
  });
});

describe('ManualClock with several parties', () => {
  it('does not move while one party is busy, even when another is asleep, nor before each has slept once', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'), { parties: 2 });
    const stop = new AbortController();
    const seen: string[] = [];
    let release!: () => void;
    const busy = new Promise<void>((r) => (release = r));
    // Party A: wakes every hour.
    const a = (async () => {
      while (!stop.signal.aborted) {
        await clock.sleepUntil(new Date(clock.now().getTime() + 3600_000), stop.signal);
        if (!stop.signal.aborted) seen.push(`a ${clock.now().toISOString().slice(11, 16)}`);
      }
    })();
    // Party B: starts up slowly (real time), then at 02:30 works on something that is not the clock.
    const b = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      seen.push(`b up ${clock.now().toISOString().slice(11, 16)}`);
      await clock.sleepUntil(new Date('2026-03-01T02:30:00Z'), stop.signal);
      seen.push(`b busy ${clock.now().toISOString().slice(11, 16)}`);
      await busy;
      seen.push(`b done ${clock.now().toISOString().slice(11, 16)}`);
      await clock.sleepUntil(new Date('2026-03-02T00:00:00Z'), stop.signal);
    })();
    const advanced = clock.advanceTo(new Date('2026-03-01T05:00:00Z'));
    await new Promise((r) => setTimeout(r, 50));
    // B is busy at 02:30: A's 03:00 wake-up waits for it.
    expect(seen).toEqual(['b up 00:00', 'a 01:00', 'a 02:00', 'b busy 02:30']);
    expect(clock.now().toISOString()).toBe('2026-03-01T02:30:00.000Z');
    release();
    await advanced;
    expect(seen).toEqual(['b up 00:00', 'a 01:00', 'a 02:00', 'b busy 02:30', 'b done 02:30', 'a 03:00', 'a 04:00', 'a 05:00']);
    stop.abort();
    await Promise.all([a, b]);
    expect(clock.sleeping()).toBe(0);
  });
});
