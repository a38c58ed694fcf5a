// Curate: feed entries in, clean items out. Pure (no I/O; `now` is passed in).
export { canonicalUrl, cleanLinkUrl, isTrackingParam, safeHttpUrl } from './canonical-url.js';
export { contentHash, normaliseForHash } from './content-hash.js';
export {
  curateItems,
  MAX_SUMMARY_HTML_CHARS,
  MAX_TITLE_CHARS,
  type CurateContext,
  type CurateRejection,
  type CurateResult,
} from './curate-items.js';
export { htmlToText, toExcerpt, truncateText } from './excerpt.js';
export { parseItemDate } from './parse-item-date.js';
export { isPromotion, sanitizeSummary } from './sanitize-summary.js';
export { classifyItems, type FeedPolicy } from './classify-items.js';
