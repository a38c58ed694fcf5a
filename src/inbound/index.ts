// Subscribe and unsubscribe by mail (DISPATCH_INBOUND_SMTP).
export { startInboundSmtp, parseListen, requestAddresses, formatInboundEvent } from './start-inbound-smtp.js';
export { authenticateRequest } from './authenticate-request.js';
export type { DnsResolver, RequestAuth } from './authenticate-request.js';
export type { InboundEvent, InboundOptions, RunningInbound } from './start-inbound-smtp.js';
export { parseRequestMail } from './parse-request-mail.js';
export type { RequestCommand, RequestMail } from './parse-request-mail.js';
