export { openContext } from './open-context.js';
export type { AppContext } from './open-context.js';
export { refreshFeeds } from './refresh-feeds.js';
export type { FeedProgress, FeedReport, RefreshSummary } from './refresh-feeds.js';
export { buildEdition, planEdition } from './build-edition.js';
export type { BuildEditionResult } from './build-edition.js';
export { compileTemplates, deliverEdition, openMailer, recipientView } from './deliver-edition.js';
export type { DeliverEditionResult } from './deliver-edition.js';
export { createDigestTemplates, type DigestTemplates } from './digest-templates.js';
export { ARCHIVE_READER, composeCopy, listIdFor, personaliseModel, sampleCopyHtml, SAMPLE_RECIPIENT } from './compose-copy.js';
export type { ComposedCopy, CopyRecipient } from './compose-copy.js';
export { digestLeaseName, markSlotSent, resumeUnfinished, runDigest, templatesFor } from './run-digest.js';
export type { DigestRun, RunDigestDeps, RunDigestOptions, SlotOutcome } from './run-digest.js';
export { runDigests, selectDigests } from './run-digests.js';
export type { DigestRunReport, RunReport } from './run-digests.js';
export { writePreview } from './write-preview.js';
export type { EditionReport } from './write-preview.js';
export { sendRateGate, sharedSendRate } from './shared-send-rate.js';
export { runWorker } from './run-worker.js';
export type { WorkerSummary, WorkerOptions } from './run-worker.js';
export { backoffPolicy, processHolderId, refreshDueFeeds } from './refresh-due-feeds.js';
export { formatSchedulerEvent, startScheduler } from './start-scheduler.js';
export { shutdownSignal } from './shutdown-signal.js';
export type { SchedulerEvent, SchedulerHandle, SchedulerOptions } from './start-scheduler.js';
export { healthReport } from './status.js';
export { feedHealth, looksOffline, type FeedHealthView, type FeedState } from './feed-health.js';
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
export { getPublishedEdition, listPublishedEditions, renderArchivedEdition } from './archive.js';
export { unsubscribeTokenFor } from './reader-links.js';
export { publicHealth, toPublicHealth } from './public-health.js';
export type { PublicHealth } from './public-health.js';
export { recordInboundReport, applyReport, checkBreaker } from './record-report.js';
export type { ReportOutcome } from './record-report.js';
export { guardEdition } from './edition-guard.js';
export type { EditionGuard, GuardResult } from './edition-guard.js';
export { digestPauseReason, resumeDigest } from './digest-pause.js';
export { sendUnsubscribeChallenge, CHALLENGE_INTERVAL_MS } from './inbound-challenge.js';
export type { ChallengeOutcome } from './inbound-challenge.js';
export { deliverabilityHealth, describeRates, editionDeliverability } from './deliverability-report.js';
export type { DeliverabilityHealth, DigestDeliverability } from './deliverability-report.js';
export { requestSubscriptionInBackground } from './request-subscription-in-background.js';
export type { BackgroundSubscription } from './request-subscription-in-background.js';
export { peopleCheck } from './people-check.js';
export type { PeopleCheck } from './people-check.js';
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
  settleReviews,
} from './review-edition.js';
export { sendReleased } from './send-released.js';
export type { ApproveResult, ApproveWhen, DraftView } from './review-edition.js';
