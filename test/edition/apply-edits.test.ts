import { describe, expect, it } from 'vitest';
import { applyEdits, buildEditionModel, renderEditorsNote, storiesOf, type EditionEdit } from '../../src/edition/index.js';
import type { EditionModel } from '../../src/shared/types.js';
import { makeStoredItem } from '../helpers/curate-builders.js';

const NOW = new Date('2026-11-25T07:00:00Z');
const at = (m: number): Date => new Date(NOW.getTime() - m * 60_000);

function draft(): EditionModel {
  const items = [1, 2, 3, 4, 5, 6, 7].map((id) =>
    makeStoredItem({ id, title: `Headline ${id}`, regions: [id % 2 ? 'europe' : 'mena'], publishedAt: at(id * 10) }),
  );
  return buildEditionModel(items, { name: 'daily', title: 'Daily', maxItems: 30, sectionBy: 'region' }, { now: NOW, editionId: 3 });
}
const order = (m: EditionModel) => ({
  top: (m.topStories ?? []).map((s) => s.headline.id),
  sections: m.sections.map((s) => [s.key, s.stories.map((st) => st.headline.id)]),
});

describe('applyEdits', () => {
  it('returns the model unchanged without edits', () => {
    const m = draft();
    expect(applyEdits(m, [])).toBe(m);
  });

  it('pins, drops, moves and reorders stories, and recounts', () => {
    const m = draft();
    expect(order(m)).toEqual({ top: [1, 2, 3], sections: [['mena', [4, 6]], ['europe', [5, 7]]] });
    const edits: EditionEdit[] = [
      { op: 'pin', storyId: 'item-7' },
      { op: 'drop', storyId: 'item-2' },
      { op: 'move', storyId: 'item-4', section: 'europe' },
      { op: 'reorder', storyId: 'item-4', by: -1 },
      { op: 'move', storyId: 'item-6', section: 'top' },
    ];
    const out = applyEdits(m, edits);
    expect(order(out)).toEqual({ top: [7, 1, 3, 6], sections: [['europe', [4, 5]]] });
    expect(out.storyCount).toBe(6);
    expect(out.itemCount).toBe(6);
    expect(out.subject).toBe('Daily: Headline 7');
    // The draft itself is untouched.
    expect(order(m).top).toEqual([1, 2, 3]);
  });

  it('edits a headline and a summary for this edition only, escaping the text', () => {
    const out = applyEdits(draft(), [
      { op: 'headline', storyId: 'item-1', title: '  Ceasefire   holds <b>' },
      { op: 'summary', storyId: 'item-1', text: 'First <para>.\n\nSecond one.' },
    ]);
    const h = storiesOf(out)[0]?.headline;
    expect(h?.title).toBe('Ceasefire holds <b>');
    expect(h?.summaryHtml).toBe('<p>First &lt;para&gt;.</p><p>Second one.</p>');
    expect(h?.summaryText).toBe('First <para>. Second one.');
    expect(out.subject).toBe('Daily: Ceasefire holds <b>');
  });

  it('ignores edits of a story that is gone, and a move to an unknown section', () => {
    const m = draft();
    const out = applyEdits(m, [
      { op: 'drop', storyId: 'item-1' },
      { op: 'headline', storyId: 'item-1', title: 'x' },
      { op: 'move', storyId: 'item-5', section: 'nowhere' },
    ]);
    expect(order(out)).toEqual({ top: [2, 3], sections: [['mena', [4, 6]], ['europe', [5, 7]]] });
  });

  it('sets and clears the editor\'s note; the last note wins', () => {
    const out = applyEdits(draft(), [
      { op: 'note', markdown: 'First draft' },
      { op: 'note', markdown: 'Good morning. **Three things** today.' },
    ]);
    expect(out.editorsNote?.noteHtml).toBe('<p>Good morning. <strong>Three things</strong> today.</p>');
    expect(out.readingMinutes).toBeGreaterThanOrEqual(1);
    expect(applyEdits(out, [{ op: 'note', markdown: '  ' }]).editorsNote).toBeNull();
  });
});

describe('renderEditorsNote', () => {
  it('renders Markdown and sanitizes it like feed HTML', () => {
    const note = renderEditorsNote('# Today\n\nRead [the brief](https://e.org/b) <script>alert(1)</script> [bad](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(note?.noteHtml).toContain('<h3>Today</h3>');
    expect(note?.noteHtml).toContain('<a href="https://e.org/b" rel="noopener noreferrer">the brief</a>');
    expect(note?.noteHtml).not.toMatch(/script|javascript:|onerror/i);
    expect(note?.text).toContain('Today');
    expect(note?.text).toContain('the brief [https://e.org/b]');
    expect(renderEditorsNote(' \n ')).toBeNull();
  });
});
