// Data for the studio dashboard tests: a list that grew over ten days, one
// sent edition with a bounce, one failing feed.
import { makeEditionModel } from './store-builders.js';
import type { PreviewFixture } from './preview-fixtures.js';

/** Subscribers of every status over ten days, one sent edition with a bounce, one failing feed. */
export async function seedDashboard(fx: PreviewFixture): Promise<void> {
  const { store } = fx.ctx;
  const day = (n: number, h = 9) => new Date(Date.now() - n * 86_400_000 + h * 3_600_000 - 12 * 3_600_000);
  const people = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy'];
  for (const [i, who] of people.entries()) {
    const { subscriber } = await store.subscribers.add({ email: `${who}@example.org`, status: 'pending', now: day(10 - i) });
    if (who === 'ivy') continue; // still pending
    await store.subscriptions.activate(subscriber.id, { now: day(9 - i), source: 'web', ip: null, preferences: {} });
  }
  const edition = (
    await store.editions.create({
      digest: 'daily',
      slot: day(1, 7).toISOString(),
      windowStart: day(2),
      windowEnd: day(1, 7),
      subject: 'Daily Foreign Policy Brief',
      itemIds: [],
      model: makeEditionModel(),
      now: day(1, 7),
    })
  ).edition;
  await store.deliveries.enqueue(edition.id, day(1, 7));
  const targets = await store.deliveries.nextBatch(edition.id, 0, 100);
  const start = day(1, 7).getTime();
  for (const [i, t] of targets.entries()) {
    if (t.email === 'hal@example.org') await store.deliveries.markFailed(t.deliveryId, { reply: '550 5.1.1 no such user', at: new Date(start + i * 1000), bounce: true });
    else await store.deliveries.markSent(t.deliveryId, { messageId: `<m${i}@x>`, reply: '250 ok', at: new Date(start + i * 1000) });
  }
  await store.editions.setStatus(edition.id, 'sent');
  const gus = await store.subscribers.findByEmail('gus@example.org');
  await store.subscribers.setStatus(gus!.id, 'unsubscribed', day(0, 8));
  const [feed] = await store.feeds.list();
  for (let i = 0; i < 3; i++) await store.feeds.recordFetch(feed!.id, { status: 'failed', fetchedAt: new Date(), error: 'could not resolve host feeds.example.org (ENOTFOUND)' });
}
