import { describe, expect, it } from 'vitest';
import { dueSlots, nextSlot, nextSlots, slotKey } from '../../src/schedule/index.js';

const iso = (ds: Date[]): string[] => ds.map((d) => d.toISOString());
const H = 3600_000;

describe('nextSlots', () => {
  it('reads the expression in the digest time zone (weekdays at 07:00 Berlin)', () => {
    const s = { schedule: '0 7 * * 1-5', timezone: 'Europe/Berlin' };
    // Fri 27 Mar (CET, UTC+1), then Mon 30 Mar after the spring change (CEST, UTC+2).
    expect(iso(nextSlots(s, new Date('2026-03-26T12:00:00Z'), 3))).toEqual([
      '2026-03-27T06:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
      '2026-03-31T05:00:00.000Z',
    ]);
  });

  it('moves a time in the spring gap to the first valid minute and runs a repeated autumn time once', () => {
    const s = { schedule: '30 2 * * *', timezone: 'Europe/Berlin' };
    expect(iso(nextSlots(s, new Date('2026-03-28T00:00:00Z'), 3))).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
    expect(iso(nextSlots(s, new Date('2026-10-24T00:00:00Z'), 3))).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 happens twice: the first one only
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('is strictly after `from`', () => {
    const s = { schedule: '0 7 * * *', timezone: 'UTC' };
    expect(nextSlot(s, new Date('2026-03-02T07:00:00Z'))?.toISOString()).toBe('2026-03-03T07:00:00.000Z');
  });
});

describe('dueSlots', () => {
  const daily = { schedule: '0 7 * * *', timezone: 'UTC' };
  const since = new Date('2026-03-01T07:00:00Z');

  it('has nothing due before the next slot', () => {
    expect(dueSlots(daily, since, new Date('2026-03-02T06:59:59Z'), 6 * H)).toEqual({ run: null, missed: [] });
  });

  it('runs a slot at its instant and a missed slot inside the grace period', () => {
    expect(dueSlots(daily, since, new Date('2026-03-02T07:00:00Z'), 6 * H).run?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    const late = dueSlots(daily, since, new Date('2026-03-02T12:59:00Z'), 6 * H);
    expect(late.run?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(late.missed).toEqual([]);
  });

  it('skips a slot outside the grace period and says why', () => {
    const plan = dueSlots(daily, since, new Date('2026-03-02T13:00:01Z'), 6 * H);
    expect(plan.run).toBeNull();
    expect(plan.missed.map((m) => slotKey(m.slot))).toEqual(['2026-03-02T07:00:00.000Z']);
    expect(plan.missed[0]?.reason).toMatch(/more than 6h late/);
  });

  it('after long downtime runs only the latest slot (if in grace); older ones are missed', () => {
    const hourly = { schedule: '0 * * * *', timezone: 'UTC' };
    const plan = dueSlots(hourly, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-02T03:10:00Z'), 6 * H);
    expect(plan.run?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(plan.missed.map((m) => m.slot.toISOString())).toEqual(['2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z']);
    expect(plan.missed[0]?.reason).toMatch(/superseded/);
  });
});
