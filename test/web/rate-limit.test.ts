import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/web/index.js';

describe('createRateLimiter', () => {
  it('allows a burst of `capacity`, then refills at the given rate', () => {
    const rl = createRateLimiter({ capacity: 3, refillPerMinute: 6 });
    const t = 1_000_000;
    expect([rl.take('a', t), rl.take('a', t), rl.take('a', t), rl.take('a', t)]).toEqual([true, true, true, false]);
    expect(rl.retryAfter('a', t)).toBe(10);
    expect(rl.take('a', t + 9_999)).toBe(false);
    expect(rl.take('a', t + 20_000)).toBe(true);
    expect(rl.take('b', t)).toBe(true); // keys are independent
  });

  it('never holds more than maxKeys buckets under a flood of distinct keys', () => {
    const rl = createRateLimiter({ capacity: 1, refillPerMinute: 1 }, { maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) rl.take(`k${i}`, 5000);
    expect(rl.size).toBeLessThanOrEqual(100);
  });

  it('a bucket never goes above capacity however long it waits', () => {
    const rl = createRateLimiter({ capacity: 2, refillPerMinute: 60 });
    rl.take('a', 0);
    const later = 10 * 3600_000;
    expect([rl.take('a', later), rl.take('a', later), rl.take('a', later)]).toEqual([true, true, false]);
  });
});
