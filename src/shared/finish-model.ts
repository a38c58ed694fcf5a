// Figures the header shows, recomputed whenever the stories change (build,
// personalisation, the editor's edits), so they can never disagree with the
// stories actually in the copy. Pure.
import type { EditionModel, StoryView } from './types.js';

/** Words a minute for news copy (the figure Medium and Axios-style counters use). */
export const WORDS_PER_MINUTE = 230;

/** Every story of a model, top stories first. */
export function storiesOf(model: Pick<EditionModel, 'topStories' | 'sections'>): StoryView[] {
  return [...(model.topStories ?? []), ...model.sections.flatMap((s) => s.stories)];
}

/**
 * storyCount, itemCount and readingMinutes from the stories, and the
 * "What to watch" entries of stories still in the copy.
 */
export function finishModel(model: EditionModel): EditionModel {
  const stories = storiesOf(model);
  const ids = new Set(stories.map((s) => s.id));
  const whatToWatch = (model.whatToWatch ?? []).filter((w) => ids.has(w.storyId));
  const out: EditionModel = {
    ...model,
    storyCount: stories.length,
    itemCount: stories.reduce((n, st) => n + 1 + st.alsoReportedBy.length, 0),
    whatToWatch,
  };
  out.readingMinutes = readingMinutes(out);
  return out;
}

/** Reading time of what a reader sees: headlines, summaries, the note and the watch list. */
export function readingMinutes(model: EditionModel): number {
  let words = countWords(model.editorsNote?.text ?? '');
  for (const st of storiesOf(model)) {
    words += countWords(st.headline.title) + countWords(st.headline.summaryText ?? st.headline.excerpt);
    words += st.alsoReportedBy.length * 2; // "Also reported by X"
  }
  for (const w of model.whatToWatch ?? []) words += countWords(w.text) + 2;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}
