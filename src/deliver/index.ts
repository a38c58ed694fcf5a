// Public surface of the deliver stage.
export type { OutgoingMessage, MessageHeader, SplicedBody } from './outgoing-message.js';
export { headerOf, withHeaders, formatDate, formatAddress, bareAddress } from './outgoing-message.js';
export { buildMessage, messageIdFor, domainOf, HeaderInjectionError } from './build-message.js';
export type { BuildMessageInput } from './build-message.js';
export type { Mailer, MailerFactory, SendOutcome, SendFailure, CreateMailerOptions, DkimOptions } from './mailer.js';
export { createMailer } from './create-mailer.js';
export { classifySendError } from './classify-send-error.js';
export { DKIM_SIGNED_HEADERS } from './dkim-headers.js';
export { renderMime } from './build-mime.js';
export { sendEdition, defaultBackoffMs } from './send-edition.js';
export type { SendEditionOptions, SendSummary, SendProgress, SendRateGate } from './send-edition.js';
export { checkRelay, describeRelayError } from './check-relay.js';
export type { RelayCheck } from './check-relay.js';
export { recipientLinks, unsubscribeUrls } from './recipient-links.js';
export type { RecipientLinks } from './recipient-links.js';
