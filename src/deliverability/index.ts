// Deliverability (issue 10): VERP, Feedback-ID, bounce and complaint reports,
// the guard rails built on them, and the go-live checks.
export { verpAddress, verpToken, parseVerpToken, isBounceMailbox } from './verp.js';
export type { VerpDelivery } from './verp.js';
export { feedbackId } from './feedback-id.js';
export { readReport } from './read-report.js';
export type { InboundReport, ReportFormat, ReportKind } from './read-report.js';
export { checkSendingSafety, sendingSafety, isLocalHost } from './check-sending-safety.js';
export type { SendingSafety } from './check-sending-safety.js';
export {
  BREAKER_HARD_RATE,
  BREAKER_WINDOW,
  COMPLAINT_PAUSE_RATE,
  COMPLAINT_WARN_RATE,
  RATE_WINDOW_MS,
  breakerTripped,
  complaintLevel,
  deliverabilityRates,
  formatRate,
} from './rates.js';
export type { ComplaintLevel, DeliverabilityRates } from './rates.js';
export { messageExtras } from './message-extras.js';
export type { MessageExtras } from './message-extras.js';
export { goLiveChecks } from './go-live-checks.js';
export type { CheckResult, DnsLookup, RelayProbe } from './go-live-checks.js';
export { probeRelay } from './probe-relay.js';
export { dnsResolver } from './dns-resolver.js';
export type { DispatchResolver } from './dns-resolver.js';
