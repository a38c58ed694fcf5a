// Tags one item with countries, regions, organisations and topics. Pure: the
// gazetteer and topic rules are compiled once (on first use, or passed in) and
// an item is one pass over the tokens of its title and summary.
import {
  getDefaultGazetteer,
  scanField,
  type CompiledAmbiguity,
  type Gazetteer,
  type GazetteerMatch,
} from './gazetteer.js';
import { type RegionKey } from './regions.js';
import { startsUpper, tokenize, type Token } from './text-tokens.js';
import { getDefaultTopicRules, matchTopics, type TopicRules } from './topic-rules.js';

export interface TagInput {
  title: string;
  /** Plain text (an excerpt), not HTML. */
  text: string;
}

export interface ItemTags {
  /** ISO alpha-2 codes (XK = Kosovo) in order of first mention. */
  countries: string[];
  /** Region keys, first mention first (title before summary). */
  regions: RegionKey[];
  /** Topic keys in rule order. */
  topics: string[];
  /** Organisation keys ("un", "eu", "nato") in order of first mention. */
  organisations: string[];
}

export interface TaggerOptions {
  gazetteer?: Gazetteer;
  topicRules?: TopicRules;
}

// Capitalised words that may stand right before or after a country name
// without making it part of a person's name ("King Abdullah of Jordan",
// "Georgia Democrats", "Chad President …").
const NAME_NEIGHBOURS_OK = new Set(
  [
    'king', 'kingdom', 'republic', 'lake', 'hashemite', 'western', 'northern', 'southern', 'eastern', 'central', 'the', 'in', 'to',
    'and', 'of', 'from', 'with', 'for', 'on', 'at', 'by', 'as', 'why', 'how', 'what', 'when', 'where', 'does', 'is', 'can', 'will',
    'president', 'prime', 'foreign', 'defence', 'defense', 'interior', 'finance', 'queen', 'crown', 'government', 'parliament', 'army',
    'armed', 'air', 'navy', 'ministry', 'minister', 'ministers', 'embassy', 'valley', 'river', 'basin', 'border', 'senate', 'supreme',
    'national', 'state', 'democrats', 'republicans', 'but', 'after', 'before', 'while', 'as', 'if', 'says', 'said', 'officials', 'police',
    'junta', 'military', 'troops', 'forces',
  ],
);

/**
 * A field written in Title Case ("Chad Expels French Troops") says nothing
 * about names by its capitals. Title Case capitalises every word of four
 * letters or more, so one such word in lower case rules it out.
 */
function isTitleCase(text: string, tokens: readonly Token[]): boolean {
  let long = 0;
  for (const t of tokens) {
    if (t.end - t.start < 4 || !/^\p{L}/u.test(t.norm)) continue;
    if (!startsUpper(text, t.start)) return false;
    long += 1;
  }
  return long >= 3;
}

const WORDLIKE_ABBREVIATIONS = new Set(['CAR', 'WHO', 'AU', 'ROC']);

function isAllCaps(text: string): boolean {
  return /\p{Lu}{2,}\P{L}+\p{Lu}{2,}/u.test(text) && !/\p{Ll}/u.test(text);
}

interface Field {
  text: string;
  tokens: Token[];
  matches: GazetteerMatch[];
  titleCase: boolean;
}

/** Is the match squeezed between a first name and/or a surname ("Jim Jordan", "Chad Mitchell")? */
function looksLikePerson(field: Field, m: GazetteerMatch): boolean {
  if (field.titleCase) return false;
  const inOtherMatch = (tokenIndex: number): boolean =>
    field.matches.some((o) => o !== m && o.from <= tokenIndex && tokenIndex <= o.to);
  const prev = field.tokens[m.from - 1];
  if (prev && field.text.slice(prev.end, m.start) === ' ' && startsUpper(field.text, prev.start)) {
    if (!NAME_NEIGHBOURS_OK.has(prev.norm) && !inOtherMatch(m.from - 1)) return true;
  }
  const next = field.tokens[m.to + 1];
  if (next && field.text.slice(m.end, next.start) === ' ' && startsUpper(field.text, next.start)) {
    if (!NAME_NEIGHBOURS_OK.has(next.norm) && !inOtherMatch(m.to + 1)) return true;
  }
  return false;
}

type Resolved = { code: string; region: RegionKey } | null;

export function createTagger(options: TaggerOptions = {}): (input: TagInput) => ItemTags {
  const gazetteer = options.gazetteer ?? getDefaultGazetteer();
  const topicRules = options.topicRules ?? getDefaultTopicRules();
  const usRegion = gazetteer.countries.get('US')?.region ?? 'americas';

  return (input: TagInput): ItemTags => {
    const fields: Field[] = [input.title, input.text].map((text) => {
      const tokens = tokenize(text);
      let matches = scanField(gazetteer, text, tokens);
      // In an ALL-CAPS field an abbreviation that is also a word ("CAR BOMB",
      // "WHO WILL LEAD") cannot be told from the word.
      if (isAllCaps(text)) matches = matches.filter((m) => !WORDLIKE_ABBREVIATIONS.has(m.surface));
      return { text, tokens, matches, titleCase: isTitleCase(text, tokens) };
    });
    const fullText = `${input.title}\n${input.text}`;

    // Context from sure matches: regions named or implied, and countries named
    // by a form that is not ambiguous (a demonym, a capital).
    const sureRegions = new Set<RegionKey>();
    const sureCountries = new Set<string>();
    for (const f of fields) {
      for (const m of f.matches) {
        const t = m.target;
        if (t.kind === 'country' && !t.ambiguity) {
          sureRegions.add(t.region);
          sureCountries.add(t.code);
        } else if (t.kind === 'region') sureRegions.add(t.region);
        else if (t.kind === 'organisation' && t.region) sureRegions.add(t.region);
      }
    }

    const resolveAmbiguous = (field: Field, m: GazetteerMatch, code: string, region: RegionKey, a: CompiledAmbiguity): Resolved => {
      if (a.rejectWhen?.test(fullText)) return null;
      if (a.usStateWhen?.test(fullText)) return { code: 'US', region: usRegion };
      if (a.personLike && looksLikePerson(field, m)) return null;
      // Context: the country's own sure forms, or anything sure in its region.
      if (a.needsContext && !sureCountries.has(code) && !sureRegions.has(region)) return null;
      return { code, region };
    };

    const countries: string[] = [];
    const regions = new Set<RegionKey>();
    const organisations: string[] = [];
    for (const f of fields) {
      for (const m of f.matches) {
        const t = m.target;
        let resolved: Resolved = null;
        if (t.kind === 'country') {
          resolved = t.ambiguity ? resolveAmbiguous(f, m, t.code, t.region, t.ambiguity) : { code: t.code, region: t.region };
        } else if (t.kind === 'region') {
          regions.add(t.region);
        } else if (t.kind === 'organisation') {
          if (t.region) regions.add(t.region);
          if (!organisations.includes(t.key)) organisations.push(t.key);
        }
        if (resolved) {
          regions.add(resolved.region);
          if (!countries.includes(resolved.code)) countries.push(resolved.code);
        }
      }
    }

    return {
      countries,
      // First mention first (title before summary): the edition files a story
      // under the region it leads with.
      regions: [...regions],
      topics: matchTopics(topicRules, fields.map((f) => f.tokens)),
      organisations,
    };
  };
}

let defaultTagger: ((input: TagInput) => ItemTags) | null = null;

/**
 * Tags an item with the built-in gazetteer. Pass compiled `rules`
 * (compileTopicRules) to use other topic rules; they are not recompiled.
 */
export function tagItem(input: TagInput, rules?: TopicRules): ItemTags {
  if (rules) return createTagger({ topicRules: rules })(input);
  defaultTagger ??= createTagger();
  return defaultTagger(input);
}
