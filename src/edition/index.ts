// Edition: choose the window and the items, group them, build the model templates see. Pure.
export {
  buildEditionModel,
  sectionKey,
  toItemView,
  UNTAGGED_SECTION,
  type EditionContext,
  type EditionDigest,
} from './build-edition-model.js';
export { formatDateTime, formatDay } from './format-date.js';
export { editionWindow, shouldBuild, type BuildDecision, type EditionWindow } from './select-window.js';
export { finishModel, readingMinutes, storiesOf, WORDS_PER_MINUTE } from '../shared/finish-model.js';
export { findWhatToWatch, MAX_WATCH_ITEMS } from './what-to-watch.js';
export { MAX_NOTE_CHARS, renderEditorsNote } from './editors-note.js';
export { applyEdits, TOP_BLOCK, type EditionEdit, type StoredEdit } from './apply-edits.js';
export { headlineSubject } from './headline-subject.js';
export { recentEnough } from './max-age.js';
export { CONTENT_WIDTH, sizeImages } from './size-images.js';
