// The review desk's edits, applied to the built model. Pure: the stored
// draft model and the stored edits always give the same result, so what the
// studio shows, what is approved and what is sent cannot drift apart. Edits
// apply in the order they were made; an edit whose story is gone (dropped by
// an earlier edit) does nothing.
import type { EditionModel, StoryView } from '../shared/types.js';
import { truncateText } from '../curate/index.js';
import { renderEditorsNote } from './editors-note.js';
import { finishModel, storiesOf } from '../shared/finish-model.js';
import { headlineSubject } from './headline-subject.js';

/** The "section" key of the top-stories block in move edits. */
export const TOP_BLOCK = 'top';

export type EditionEdit =
  /** To the head of the top-stories block. */
  | { op: 'pin'; storyId: string }
  | { op: 'drop'; storyId: string }
  /** To the end of another section (or `top`). */
  | { op: 'move'; storyId: string; section: string }
  /** Up (-1) or down (+1) within its block. */
  | { op: 'reorder'; storyId: string; by: number }
  | { op: 'headline'; storyId: string; title: string }
  /** Plain text; blank lines separate paragraphs. */
  | { op: 'summary'; storyId: string; text: string }
  /** Markdown; blank = no note. */
  | { op: 'note'; markdown: string };

/** An edit as stored: who made it and when. */
export interface StoredEdit {
  id: number;
  editionId: number;
  edit: EditionEdit;
  author: string;
  at: Date;
}

interface Block {
  key: string;
  title: string;
  stories: StoryView[];
}

export function applyEdits(model: EditionModel, edits: ReadonlyArray<EditionEdit>): EditionModel {
  if (edits.length === 0) return model;
  const blocks: Block[] = [
    { key: TOP_BLOCK, title: 'Top stories', stories: [...(model.topStories ?? [])] },
    ...model.sections.map((s) => ({ key: s.key, title: s.title, stories: [...s.stories] })),
  ];
  let note = model.editorsNote ?? null;
  const find = (id: string): { block: Block; index: number } | null => {
    for (const block of blocks) {
      const index = block.stories.findIndex((s) => s.id === id);
      if (index !== -1) return { block, index };
    }
    return null;
  };
  const take = (id: string): StoryView | null => {
    const at = find(id);
    return at ? (at.block.stories.splice(at.index, 1)[0] ?? null) : null;
  };
  const replace = (id: string, f: (s: StoryView) => StoryView): void => {
    const at = find(id);
    if (at) at.block.stories[at.index] = f(at.block.stories[at.index] as StoryView);
  };

  for (const e of edits) {
    switch (e.op) {
      case 'note':
        note = renderEditorsNote(e.markdown);
        break;
      case 'drop':
        take(e.storyId);
        break;
      case 'pin': {
        const s = take(e.storyId);
        if (s) blocks[0]?.stories.unshift(s);
        break;
      }
      case 'move': {
        const target = blocks.find((b) => b.key === e.section);
        if (!target || !find(e.storyId)) break;
        const s = take(e.storyId);
        if (s) target.stories.push(s);
        break;
      }
      case 'reorder': {
        const at = find(e.storyId);
        if (!at) break;
        const to = Math.max(0, Math.min(at.block.stories.length - 1, at.index + Math.trunc(e.by)));
        const [s] = at.block.stories.splice(at.index, 1);
        if (s) at.block.stories.splice(to, 0, s);
        break;
      }
      case 'headline': {
        const title = e.title.replace(/\s+/g, ' ').trim();
        if (title !== '') replace(e.storyId, (s) => ({ ...s, headline: { ...s.headline, title } }));
        break;
      }
      case 'summary': {
        const text = e.text.replace(/\r\n?/g, '\n').trim();
        const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
        replace(e.storyId, (s) => ({
          ...s,
          headline: {
            ...s.headline,
            summaryHtml: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
            summaryText: paragraphs.join(' '),
            excerpt: truncateText(paragraphs.join(' '), 300),
          },
        }));
        break;
      }
    }
  }

  const [top, ...rest] = blocks;
  const edited: EditionModel = {
    ...model,
    topStories: top?.stories ?? [],
    // Sections keep their place; one emptied by the edits goes.
    sections: rest.filter((b) => b.stories.length > 0).map((b) => ({ key: b.key, title: b.title, stories: b.stories })),
    editorsNote: note,
  };
  const { subject, preheader } = headlineSubject(model.digest.title, storiesOf(edited).map((s) => s.headline.title), new Date(model.date));
  return finishModel({ ...edited, subject, preheader });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
