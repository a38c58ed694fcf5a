// The review desk's rows on every dialect: a draft held back from sending,
// edits stored with who and when only while it is a draft, and transitions
// that have one winner.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEditionInput, makeEditionModel } from '../helpers/store-builders.js';
import { openTestStore, storeDialects, type TestStore } from '../helpers/store-dialects.js';

const NOW = new Date('2026-03-02T05:00:00.000Z');
const DUE = new Date('2026-03-02T07:00:00.000Z');

describe.each(storeDialects())('edition reviews on $name', ({ name, enabled }) => {
  describe.skipIf(!enabled)(name, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(name);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    async function draft() {
      const model = makeEditionModel({ subject: 'Draft' });
      const { edition } = await t.store.editions.create({ ...makeEditionInput({ model }), status: 'draft' });
      const review = await t.store.reviews.open({ editionId: edition.id, digest: 'daily', draftModel: edition.model, dueAt: DUE, onMissed: 'skip', now: NOW });
      return { edition, review };
    }

    it('holds a draft back from unfinished(), idempotently', async () => {
      const { edition, review } = await draft();
      expect(edition.status).toBe('draft');
      expect(review).toMatchObject({ editionId: edition.id, status: 'draft', dueAt: DUE, onMissed: 'skip', sendAt: null, approvedBy: null });
      const again = await t.store.reviews.open({ editionId: edition.id, digest: 'daily', draftModel: edition.model, dueAt: new Date(0), onMissed: 'send', now: NOW });
      expect(again).toEqual(review);
      expect(await t.store.editions.unfinished('daily')).toEqual([]);
      expect((await t.store.reviews.listOpen()).map((r) => r.editionId)).toEqual([edition.id]);
    });

    it('stores edits with author and time, and the edited model, only while a draft', async () => {
      const { edition } = await draft();
      const model = makeEditionModel({ subject: 'Edited', editorsNote: { noteHtml: '<p>Hi</p>', text: 'Hi' } });
      expect(await t.store.reviews.addEdit({ editionId: edition.id, edit: { op: 'note', markdown: 'Hi' }, author: 'studio:ana', now: NOW, model, subject: 'Edited' })).toBe(true);
      expect(await t.store.reviews.edits(edition.id)).toEqual([{ id: expect.any(Number), editionId: edition.id, edit: { op: 'note', markdown: 'Hi' }, author: 'studio:ana', at: NOW }]);
      expect((await t.store.editions.get(edition.id))?.subject).toBe('Edited');

      expect(await t.store.reviews.transition({ editionId: edition.id, from: ['draft'], to: 'released', editionStatus: 'built', approvedBy: 'cli:ben', approvedAt: NOW, sendAt: NOW })).toBe(true);
      expect(await t.store.reviews.transition({ editionId: edition.id, from: ['draft'], to: 'released', editionStatus: 'built' })).toBe(false);
      expect(await t.store.reviews.addEdit({ editionId: edition.id, edit: { op: 'drop', storyId: 'x' }, author: 'studio:ana', now: NOW, model, subject: 'Late' })).toBe(false);
      expect(await t.store.reviews.edits(edition.id)).toHaveLength(1);
      expect((await t.store.editions.unfinished('daily')).map((e) => e.id)).toEqual([edition.id]);
      expect(await t.store.reviews.get(edition.id)).toMatchObject({ status: 'released', approvedBy: 'cli:ben', approvedAt: NOW });
      expect(await t.store.reviews.listOpen()).toEqual([]);
    });
  });
});
