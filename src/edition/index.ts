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
export { personaliseEdition, preferenceKey } from './personalise-edition.js';
