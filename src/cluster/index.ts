// Cluster: one story across outlets. Groups items reporting the same event
// (TF-IDF cosine, average linkage, time window, one-outlet rule), picks each
// story's headline and ranks stories. Pure: no I/O, `now` is passed in.
export {
  clusterItems,
  DEFAULT_SAME_FEED_THRESHOLD,
  DEFAULT_THRESHOLD,
  DEFAULT_WINDOW_MS,
  storySimilarities,
  type ClusterableItem,
  type ClusterOptions,
  type ItemSimilarity,
  type Story,
} from './cluster-items.js';
export { pickHeadline, type Headline, type HeadlineCandidate } from './pick-headline.js';
export { DEFAULT_HALF_LIFE_MS, rankStories, type RankableItem, type RankedStory, type RankOptions } from './rank-stories.js';
export { looksTitleCase, stem, storyTerms, type Term } from './story-terms.js';
