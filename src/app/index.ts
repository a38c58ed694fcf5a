export { openContext } from './open-context.js';
export type { AppContext } from './open-context.js';
export { refreshFeeds } from './refresh-feeds.js';
export type { FeedReport, RefreshSummary } from './refresh-feeds.js';
export { buildEdition, planEdition } from './build-edition.js';
export type { BuildEditionResult } from './build-edition.js';
export { compileTemplates, deliverEdition, openMailer, recipientView } from './deliver-edition.js';
export type { DeliverEditionResult } from './deliver-edition.js';
export { composeCopy, listIdFor, personaliseModel, SAMPLE_RECIPIENT } from './compose-copy.js';
export type { ComposedCopy, CopyRecipient } from './compose-copy.js';
export { runDigests, selectDigests, writePreview } from './run-digest.js';
export type { DigestRunReport, EditionReport, RunReport } from './run-digest.js';
export { backoffPolicy, processHolderId, refreshDueFeeds } from './refresh-due-feeds.js';
export { digestLeaseName, markSlotSent, resumeUnfinished, runSlot } from './run-slot.js';
export type { SlotDeps, SlotOutcome, SlotReport } from './run-slot.js';
export { formatSchedulerEvent, shutdownSignal, startScheduler } from './start-scheduler.js';
export type { SchedulerEvent, SchedulerHandle, SchedulerOptions } from './start-scheduler.js';
export { healthReport } from './status.js';
export type { DigestHealth, FeedHealth, HealthReport } from './status.js';
export { addSubscriber, listSubscribers, normaliseEmail, removeSubscriber } from './subscribers.js';
export { requestSubscription, hashConfirmationToken, CONFIRMATION_MAIL_INTERVAL_MS } from './subscribe.js';
export type { SubscribeOutcome, SubscribeRequest, SubscribeResult } from './subscribe.js';
export { confirmSubscription } from './confirm.js';
export type { ConfirmResult } from './confirm.js';
export { unsubscribeByEmail, unsubscribeByToken } from './unsubscribe.js';
export type { UnsubscribeResult } from './unsubscribe.js';
export { cleanPreferences, savePreferences, subscriberFromToken, subscriptionOptions, REGIONS, TOPICS } from './preferences.js';
export type { Choice, PreferencesInput, SubscriptionOptions, TokenCheck } from './preferences.js';
export { compileSubscriptionMails, listTitle, sendConfirmationMail, sendWelcomeMail } from './subscription-mail.js';
export type { ConfirmMailData, SubscriptionMailer, WelcomeMailData } from './subscription-mail.js';
export { eraseSubscriber, exportSubscribers, importSubscribers, parseCsv, suppressionHash } from './import-export.js';
export type { CsvRow, ImportReport } from './import-export.js';
export {
  approveEdition,
  checkEdit,
  describeReview,
  editDraft,
  editorName,
  HELD_STATUSES,
  holdForReview,
  nextReviewTime,
  readDraft,
  reviewDueAt,
  sendReleased,
  settleReviews,
} from './review-edition.js';
export type { ApproveResult, ApproveWhen, DraftView } from './review-edition.js';
