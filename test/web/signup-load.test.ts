// A short, bounded load run against the sign-up route on loopback: no errors,
// no duplicate subscribers, one confirmation mail per address however many
// concurrent requests ask, and the per-IP rate limit holds. Figures are
// printed for the report, never asserted (speed belongs to benches).
import { afterEach, describe, expect, it } from 'vitest';
import { runSignupLoad } from '../helpers/web-load.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('POST /subscribe under load', () => {
  let s: WebStack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('serves 2 s of concurrent sign-ups over 200 addresses without errors or duplicates', async () => {
    s = await startWebStack({ limits: { signupPerIp: { capacity: 1e9, refillPerMinute: 1e9 } } });
    const r = await runSignupLoad(s.url, { seconds: 2, connections: 16, addresses: 200 });
    process.stdout.write(`signup load: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.total} requests ${JSON.stringify(r.byStatus)}\n`);
    expect(r.errors).toBe(0);
    expect(r.timeouts).toBe(0);
    expect(r.byStatus).toEqual({ '200': r.total });
    // The store work runs after each answer: wait for it before counting.
    await s.settle();
    const list = await s.ctx.store.subscribers.list();
    expect(list).toHaveLength(200);
    expect(new Set(list.map((x) => x.email)).size).toBe(200);
    expect(list.every((x) => x.status === 'pending')).toBe(true);
    // Exactly one confirmation mail per address, however many requests raced.
    const copies = s.sink.copyCounts();
    expect(copies.size).toBe(200);
    expect([...copies.values()].every((c) => c === 1)).toBe(true);
    expect(s.logs).toEqual([]);
  });

  it('lets one IP through only as often as the per-IP limit allows', async () => {
    s = await startWebStack(); // default limits: a burst of 20 per IP
    const r = await runSignupLoad(s.url, { seconds: 1, connections: 8, addresses: 1000 });
    expect(r.errors).toBe(0);
    expect(r.byStatus['200']).toBe(20);
    expect(r.byStatus['429']).toBe(r.total - 20);
    await s.settle();
    expect(await s.ctx.store.subscribers.list()).toHaveLength(20);
  });
});
