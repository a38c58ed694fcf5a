// Tagging: countries, regions, organisations and topics of an item, from a
// gazetteer and topic rules compiled once. Pure (no I/O, no clock).
export { REGION_KEYS, REGION_TITLES, isRegionKey, type RegionKey } from '../shared/regions.js';
export {
  compileGazetteer,
  getDefaultGazetteer,
  DEFAULT_GAZETTEER_DATA,
  type Gazetteer,
  type GazetteerData,
  type CountryInfo,
  type GazetteerPhrase,
  type GazetteerTarget,
} from './gazetteer.js';
export type { CountryData, OrganisationData, RegionTermData, AmbiguityRule } from './gazetteer-data.js';
export {
  DEFAULT_TOPIC_KEYS,
  DEFAULT_TOPIC_RULES,
  TOPIC_TITLES,
  compileTopicRules,
  getDefaultTopicRules,
  matchTopics,
  type TopicKey,
  type TopicRule,
  type TopicRules,
} from './topic-rules.js';
export { tagItem, createTagger, type TagInput, type ItemTags, type TaggerOptions } from './tag-item.js';
export { checkRelevance, type OffTopicKind, type Relevance } from './relevance.js';
export { getDefaultPeople, parsePeople, stalePeople, PERSON_ROLES, type PersonData, type PersonRole, type StalePerson } from './people.js';
export { FOREIGN_COUNTRY_FORMS, inflect, type Language } from './languages-data.js';
