// Public surface of the deliver stage.
export { buildMessage, messageIdFor, domainOf, HeaderInjectionError } from './build-message.js';
export type { BuildMessageInput } from './build-message.js';
export { createMailer, classifySendError, DKIM_SIGNED_HEADERS } from './create-mailer.js';
export type { Mailer, SendOutcome, SendFailure, CreateMailerOptions, DkimOptions } from './create-mailer.js';
export { sendEdition, defaultBackoffMs } from './send-edition.js';
export { checkRelay, describeRelayError } from './check-relay.js';
export type { RelayCheck } from './check-relay.js';
export type { SendEditionOptions, SendSummary, SendProgress } from './send-edition.js';
export { recipientLinks, unsubscribeUrls } from './recipient-links.js';
export type { RecipientLinks } from './recipient-links.js';
