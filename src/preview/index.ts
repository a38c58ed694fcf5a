// Preview studio: the next (or any past) edition as each reader would get it,
// live-reloaded from the templates and config, with checks and a local inbox.
export { checkCopy, PREHEADER_MAX_CHARS, PREHEADER_MIN_CHARS, SIZE_WARN_RATIO, SUBJECT_WARN_CHARS } from './check-copy.js';
export type { CheckStatus, CopyCheck, CopyToCheck } from './check-copy.js';
export { createPreviewApp, readSelection } from './create-preview-app.js';
export type { PreviewAppOptions } from './create-preview-app.js';
export { isInboxName, listInbox, readInboxMessage } from './outbox-inbox.js';
export type { InboxEntry, InboxMessage } from './outbox-inbox.js';
export { sendTestCopy, TEST_SUBJECT_PREFIX } from './send-test-copy.js';
export { refreshIfEmpty, startPreviewServer } from './start-preview-server.js';
export type { PreviewServer, PreviewServerOptions } from './start-preview-server.js';
export { createStudioSession, DEFAULT_SELECTION, parseHeaderBlock, rawMessage, StudioInputError } from './studio-session.js';
export type { CopySelection, ShownCopy, StudioProblem, StudioSession, StudioState } from './studio-session.js';
export { watchSources } from './watch-sources.js';
export type { SourceChange, SourceWatcher, WatchedPaths } from './watch-sources.js';
export { createReviewRoutes, editFromForm, type ReviewRoutesOptions } from './review-routes.js';
