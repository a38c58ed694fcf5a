// The web stage: sign-up, confirmation, unsubscribe, preferences, archive.
export { createWebApp, DEFAULT_WEB_LIMITS } from './create-web-app.js';
export type { WebApp, WebAppDeps, WebLimits } from './create-web-app.js';
export { startWebServer, DEFAULT_WEB_TIMEOUTS } from './start-web-server.js';
export type { WebServerTimeouts } from './start-web-server.js';
export type { RunningWebServer } from './start-web-server.js';
export { HttpError } from './http-error.js';
export { createRateLimiter } from './rate-limit.js';
export type { RateLimiter, RateLimitRule } from './rate-limit.js';
export { loadPageTemplates } from './page-templates.js';
export type { PageTemplates, PageName } from './page-templates.js';
export { PAGE_CSP, EDITION_CSP } from './security-headers.js';
