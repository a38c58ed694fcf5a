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
