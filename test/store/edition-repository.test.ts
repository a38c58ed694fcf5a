import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { makeEditionInput, makeEditionModel } from '../helpers/store-builders.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

describe.each(storeDialects())('editions on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(name);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('creates an edition with status built and the stored id in its model', async () => {
      const model = makeEditionModel({ subject: 'Brief — 2 March', itemCount: 3 });
      const input = makeEditionInput({ slot: '2026-03-02T07:00:00.000Z', itemIds: [3, 1, 2], model });
      const { edition, created } = await t.store.editions.create(input);
      expect(created).toBe(true);
      expect(edition).toEqual({
        id: expect.any(Number),
        digest: 'daily',
        slot: '2026-03-02T07:00:00.000Z',
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        subject: input.subject,
        itemIds: [3, 1, 2],
        model: { ...model, editionId: edition.id },
        status: 'built',
        createdAt: input.now,
      });
      expect(await t.store.editions.get(edition.id)).toEqual(edition);
      expect(await t.store.editions.get(edition.id + 1000)).toBeUndefined();
    });

    it('is idempotent per (digest, slot): the second create returns the first edition unchanged', async () => {
      const first = await t.store.editions.create(makeEditionInput({ slot: 's1', subject: 'First' }));
      const second = await t.store.editions.create(makeEditionInput({ slot: 's1', subject: 'Second', itemIds: [9] }));
      expect(second).toEqual({ created: false, edition: first.edition });
      // Same slot in another digest is another edition.
      const other = await t.store.editions.create(makeEditionInput({ digest: 'weekly', slot: 's1' }));
      expect(other.created).toBe(true);
    });

    it('two processes racing for one slot get one edition', async () => {
      const second = await openStore(t.openOptions);
      try {
        const results = await Promise.all([
          t.store.editions.create(makeEditionInput({ slot: 'race', subject: 'A' })),
          second.editions.create(makeEditionInput({ slot: 'race', subject: 'B' })),
          t.store.editions.create(makeEditionInput({ slot: 'race', subject: 'C' })),
          second.editions.create(makeEditionInput({ slot: 'race', subject: 'D' })),
        ]);
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.edition.id)).size).toBe(1);
        expect(new Set(results.map((r) => r.edition.subject)).size).toBe(1);
      } finally {
        await second.close();
      }
      expect(await t.store.editions.list()).toHaveLength(1);
    });

    it('list is newest first, filtered by digest and limited', async () => {
      const a = await t.store.editions.create(makeEditionInput({ digest: 'daily' }));
      const b = await t.store.editions.create(makeEditionInput({ digest: 'weekly' }));
      const c = await t.store.editions.create(makeEditionInput({ digest: 'daily' }));
      expect((await t.store.editions.list()).map((e) => e.id)).toEqual([c.edition.id, b.edition.id, a.edition.id]);
      expect((await t.store.editions.list({ digest: 'daily' })).map((e) => e.id)).toEqual([c.edition.id, a.edition.id]);
      expect((await t.store.editions.list({ limit: 1 })).map((e) => e.id)).toEqual([c.edition.id]);
    });

    it('latest is the edition with the latest window end, whatever its status', async () => {
      expect(await t.store.editions.latest('daily')).toBeUndefined();
      const later = await t.store.editions.create(
        makeEditionInput({ windowEnd: new Date('2026-03-03T07:00:00.000Z') }),
      );
      // Created afterwards, but covering an earlier window (a manual catch-up run).
      await t.store.editions.create(makeEditionInput({ windowEnd: new Date('2026-03-02T07:00:00.000Z') }));
      await t.store.editions.create(makeEditionInput({ digest: 'weekly', windowEnd: new Date('2026-04-01T00:00:00.000Z') }));
      await t.store.editions.setStatus(later.edition.id, 'sent');
      expect((await t.store.editions.latest('daily'))?.id).toBe(later.edition.id);
    });

    it('setStatus and unfinished: editions not sent, oldest first', async () => {
      const a = await t.store.editions.create(makeEditionInput({ digest: 'daily' }));
      const b = await t.store.editions.create(makeEditionInput({ digest: 'weekly' }));
      const c = await t.store.editions.create(makeEditionInput({ digest: 'daily' }));
      await t.store.editions.setStatus(a.edition.id, 'sending');
      await t.store.editions.setStatus(c.edition.id, 'sent');
      expect((await t.store.editions.get(a.edition.id))?.status).toBe('sending');
      expect((await t.store.editions.unfinished()).map((e) => e.id)).toEqual([a.edition.id, b.edition.id]);
      expect((await t.store.editions.unfinished('daily')).map((e) => e.id)).toEqual([a.edition.id]);
      expect(await t.store.editions.unfinished('monthly')).toEqual([]);
    });
  });
});
