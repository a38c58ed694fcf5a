// Public surface of the ingest stage: fetch feed documents (HTTP(S) or local
// files) and parse them into raw items.
export {
  fetchFeed,
  DEFAULT_USER_AGENT,
  type FetchOptions,
  type FetchRequest,
  type FetchResult,
  type FetchOk,
  type FetchNotModified,
  type FetchFailed,
} from './fetch-feed.js';
export { parseFeed, type ParseResult } from './parse-feed.js';
export {
  fetchFeeds,
  fetchAndParseFeed,
  DEFAULT_CONCURRENCY,
  type FeedToFetch,
  type FetchFeedsOptions,
  type FeedOutcome,
  type FeedOutcomeOk,
  type FeedOutcomeNotModified,
  type FeedOutcomeFailed,
} from './fetch-feeds.js';
export { decodeText } from './decode-text.js';
export { parseOpml, toOpml, toTag, escapeXml, type OpmlFeed, type OpmlParseResult } from './opml.js';
