// Sign-up must not reveal whether an address is already subscribed, by
// content or by timing. Timing is tested by structure, not with a stopwatch:
// the answer is sent before the store is touched at all, so nothing the store
// does for a known or a new address can show in it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/shared/store.js';
import { createWebApp, startWebServer, type RunningWebServer } from '../../src/web/index.js';
import { startWebStack, type WebStack } from '../helpers/web-stack.js';

describe('POST /subscribe timing', () => {
  let s: WebStack | undefined;
  let gated: RunningWebServer | undefined;
  afterEach(async () => {
    await gated?.close();
    await s?.close();
    s = gated = undefined;
  });

  it('answers before any store work starts, for a new, a pending and an active address alike', async () => {
    s = await startWebStack();
    const { store } = s.ctx;
    await store.subscribers.add({ email: 'active@example.org', name: null, status: 'active', preferences: {}, consentSource: 'test', now: new Date(s.clock.now) });
    await store.subscribers.add({ email: 'pending@example.org', name: null, status: 'pending', preferences: {}, consentSource: null, now: new Date(s.clock.now) });

    // The real store behind a gate: every subscriber lookup or insert waits until the gate opens.
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const touched: string[] = [];
    const subscribers = new Proxy(store.subscribers, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          touched.push(String(prop));
          await gate;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const gatedStore: Store = Object.assign(Object.create(Object.getPrototypeOf(store) as object) as Store, store, { subscribers });
    const app = createWebApp({ ctx: { ...s.ctx, store: gatedStore }, mail: s.mail, digest: null, now: () => new Date(s!.clock.now), log: (l) => s!.logs.push(l) });
    gated = await startWebServer(app, { port: 0 });

    const bodies: string[] = [];
    for (const email of ['new@example.org', 'pending@example.org', 'active@example.org']) {
      const res = await fetch(`${gated.url}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email }),
      });
      expect(res.status).toBe(200);
      bodies.push(await res.text());
    }
    // Three answers, all identical, while the store has not done anything yet.
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('Check your inbox');
    expect(await s.subscriber('new@example.org')).toBeUndefined();

    open();
    await app.drain();
    expect(touched).toContain('add');
    expect((await s.subscriber('new@example.org'))?.status).toBe('pending');
    expect((await s.mailsTo('new@example.org')).length).toBe(1);
    expect((await s.mailsTo('active@example.org')).length).toBe(0);
  });

  it('still answers a bad address with its error at once', async () => {
    s = await startWebStack();
    const res = await s.postForm('/subscribe', { email: 'not-an-address' });
    expect(res.status).toBe(400);
  });
});
