export { loadConfig, DEFAULT_CONFIG_FILE, formatIssues } from './load-config.js';
export type { Config, DigestConfig, DigestReview, EnvConfig, LoadConfigOptions } from './load-config.js';
export { parseDuration } from './parse-duration.js';
export type { DurationResult } from './parse-duration.js';
