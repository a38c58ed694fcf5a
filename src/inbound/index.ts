// Subscribe and unsubscribe by mail (DISPATCH_INBOUND_SMTP).
export { startInboundSmtp, parseListen, requestAddresses } from './start-inbound-smtp.js';
export type { InboundEvent, InboundOptions, RunningInbound } from './start-inbound-smtp.js';
export { parseRequestMail, decodeEncodedWords } from './parse-request-mail.js';
export type { RequestCommand, RequestMail } from './parse-request-mail.js';
