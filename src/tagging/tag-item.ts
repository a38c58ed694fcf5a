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
import { PLACE_PARENTS, TERRITORY_PLACES } from './gazetteer-data.js';
import { type RegionKey } from '../shared/regions.js';
import { foldWord, startsUpper, tokenize, type Token } from './text-tokens.js';
import { getDefaultTopicRules, matchTopics, type TopicRules } from './topic-rules.js';

export interface TagInput {
  title: string;
  /** Plain text (an excerpt), not HTML. */
  text: string;
}

export interface ItemTags {
  /** ISO alpha-2 codes (XK = Kosovo) of every country named, in order of first mention. */
  countries: string[];
  /**
   * The countries the item is about (its subjects, from the title and lead),
   * without brokers, hosts, venues, sources and passing mentions.
   */
  aboutCountries: string[];
  /** Region keys of everything named, first mention first (title before summary). */
  regions: RegionKey[];
  /** Regions of what the item is about: its subject countries and acting bodies, else the places it names. */
  aboutRegions: RegionKey[];
  /** Names (as in the people gazetteer) of the people named. */
  people: string[];
  /** Places and region names that carry a region but no country ("Red Sea", "Donbas", "Sahel"). */
  places: string[];
  /**
   * Every entity mention: field 0 = title, 1 = text, character offsets, and
   * language-independent terms ("c:MX", "p:Claudia Sheinbaum", "o:eu",
   * "l:Red Sea"). `name` is true where the span is a name the terms stand for
   * (not a city that merely places the story), so clustering can read it as
   * an entity and not again as words.
   */
  entitySpans: Array<{ field: 0 | 1; start: number; end: number; terms: string[]; name: boolean }>;
  /** Bodies acting in the title or lead ("EU adopts…"), not named in passing. */
  aboutOrganisations: string[];
  /** Topic keys in rule order. */
  topics: string[];
  /** Organisation keys ("un", "eu", "nato") in order of first mention. */
  organisations: string[];
}

export interface TaggerOptions {
  gazetteer?: Gazetteer;
  topicRules?: TopicRules;
  /** false: leave `topics` empty (clustering needs entities only, and topics cost a pass). */
  topics?: boolean;
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
  /** Offsets where sentences start ([0] for the title). */
  starts: number[];
  /** Per sentence: does it speak of talks, a meeting or a signing? Filled on demand. */
  talk: Map<number, boolean>;
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

/** One country mention, where it stood and what part it played there. */
interface Mention {
  code: string;
  region: RegionKey;
  /** 0 = title, 1 = text. */
  field: number;
  /** Sentence of the text (0 = the lead); always 0 in the title. */
  sentence: number;
  /** Token span of the mention in its field. */
  from: number;
  to: number;
  /** How the item uses the country at this mention; see `roleOf`. */
  role: Role;
  /** A city standing for the country (capital, seat, place), not its name. */
  form: 'place-or-capital' | 'other';
}

/**
 * subject: what the item is about. broker: mediates or brokers ("US-brokered",
 * "with the United States mediating"). host: hosts talks between others.
 * venue: where talks or a signing take place ("sign … in Washington").
 * source: who reports it ("…, Seoul says"). passing: a mention after a
 * preposition in the lead ("links to Israel", "the road from Senegal").
 */
type Role = 'subject' | 'broker' | 'host' | 'venue' | 'source' | 'passing';

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter((w) => w !== '').map(foldWord));
/** Stems of words that make a nearby country a broker or mediator. */
const BROKER_STEMS = ['broker', 'mediat', 'mediac', 'mediaç', 'mediad', 'mediador', 'médiat', 'vermitt', 'facilitat', 'egide', 'égide', 'auspices', 'auspicios'].map(foldWord);
const HOST_WORDS = words('host hosts hosted hosting anfitrión anfitriona acoge acogió accueille accueilli Gastgeber ausrichten richtet sedia sediou');
/** Words saying the sentence is about talks, a meeting or a signing (for venues). */
const TALK_STEMS = [
  'talks', 'meeting', 'summit', 'negotiat', 'conference', 'accord', 'deal', 'agreement', 'agreed', 'seal', 'truce',
  'conversacion', 'negocia', 'cumbre', 'acuerdo', 'firmar', 'firmaron', 'reuni', 'pourparler', 'sommet', 'scell', 'gesprach',
  'verhandl', 'gipfel', 'abkommen', 'unterzeichn', 'treffen', 'conversa', 'cupula', 'acordo', 'assinar', 'assinaram', 'reunia',
].map(foldWord);
const TALK_WORDS = words('talk sign signs signed signing met meet meets firma firman firmó signé signent signe signer');
const BETWEEN_WORDS = words('the by of and de des du la l del los las von der die den hatten hat has have had da do dos das pela pelo por par y et und e a an');
const VENUE_NOUNS = words('talks summit meeting process format conference negotiations');
const VENUE_PREPOSITIONS = words('in at en à em no na im au aux bei');
const ARTICLES = words('the la le l el los las les der die den dem des');
/** In the lead, a country right after one of these is background ("links to Israel"). */
const PASSING_PREPOSITIONS = words('to from with before after near via towards toward including like desde con hacia avec vers depuis mit aus com para');
const AND_WORDS = words('and y et und e');
const SOURCE_WORDS = words('says said say told tells according reported reports claims claimed dijo afirmó según selon affirme déclaré sagte laut meldet disse segundo afirmou');
const SOURCE_BEFORE = ['according to', 'selon', 'según', 'segundo', 'nach angaben', 'laut', 'citing'];

const SENTENCE_END = /[.!?](?=\s+["“«‘'(¿¡]?[\p{Lu}\d])/gu;

function sentenceStarts(text: string): number[] {
  const starts = [0];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) starts.push(m.index + 1);
  return starts;
}

function sentenceOf(starts: readonly number[], at: number): number {
  let i = 0;
  while (i + 1 < starts.length && (starts[i + 1] as number) <= at) i += 1;
  return i;
}

const startsWithAny = (norm: string, stems: readonly string[]): boolean => stems.some((s) => norm.startsWith(s));

/**
 * Forms two countries share, read by context: bare "Congo" and "congolais"
 * are the DRC unless only the Republic of Congo is named otherwise; Guinea's
 * adjectives ("guineense", "guinéen") are Guinea-Bissau in a Bissau story.
 */
const SHARED_FORMS: ReadonlyArray<{ code: string; alt: string; form: RegExp }> = [
  { code: 'CD', alt: 'CG', form: /^(?:congo|kongo)s?$|^congol|^kongol/ },
  { code: 'GN', alt: 'GW', form: /^guine(?:ense|en|ano)/ },
];
const sharedForm = (code: string, surface: string): { code: string; alt: string; form: RegExp } | undefined =>
  SHARED_FORMS.find((s) => s.code === code && s.form.test(foldWord(surface)));

export function createTagger(options: TaggerOptions = {}): (input: TagInput) => ItemTags {
  const gazetteer = options.gazetteer ?? getDefaultGazetteer();
  const topicRules = options.topicRules ?? getDefaultTopicRules();
  const usRegion = gazetteer.countries.get('US')?.region ?? 'americas';

  return (input: TagInput): ItemTags => {
    const fields: Field[] = [input.title, input.text].map((text, index) => {
      const tokens = tokenize(text);
      let matches = scanField(gazetteer, text, tokens);
      // In an ALL-CAPS field an abbreviation that is also a word ("CAR BOMB",
      // "WHO WILL LEAD") cannot be told from the word.
      if (isAllCaps(text)) matches = matches.filter((m) => !WORDLIKE_ABBREVIATIONS.has(m.surface));
      return { text, tokens, matches, titleCase: isTitleCase(text, tokens), starts: index === 0 ? [0] : sentenceStarts(text), talk: new Map() };
    });
    const fullText = `${input.title}\n${input.text}`;

    // Context from sure matches: regions named or implied, and countries named
    // by a form that is not ambiguous (a demonym, a capital, a person).
    const sureRegions = new Set<RegionKey>();
    const sureCountries = new Set<string>();
    for (const f of fields) {
      for (const m of f.matches) {
        const t = m.target;
        if (t.kind === 'country' && !t.ambiguity) {
          sureRegions.add(t.region);
          if (!sharedForm(t.code, m.surface)) sureCountries.add(t.code);
        } else if (t.kind === 'region') sureRegions.add(t.region);
        else if (t.kind === 'organisation' && t.region) sureRegions.add(t.region);
        else if (t.kind === 'person' && t.code) {
          sureCountries.add(t.code);
          if (t.region) sureRegions.add(t.region);
        }
      }
    }
    // "Le gouvernement congolais" in a Brazzaville story is the Republic of Congo.
    const readAsAlt = (code: string, surface: string): string | null => {
      const shared = sharedForm(code, surface);
      return shared && sureCountries.has(shared.alt) && !sureCountries.has(shared.code) ? shared.alt : null;
    };

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
    const people: string[] = [];
    const places: string[] = [];
    const mentions: Mention[] = [];
    /** Regions of bodies and region names in the title or lead: [region, isBody]. */
    const leadRegions: Array<[RegionKey, boolean]> = [];
    const allRegionTerms: RegionKey[] = [];
    const usualRegions: RegionKey[] = [];
    const entitySpans: ItemTags['entitySpans'] = [];
    const aboutOrganisations: string[] = [];
    fields.forEach((f, fieldIndex) => {
      const starts = f.starts;
      for (const m of f.matches) {
        const t = m.target;
        const sentence = sentenceOf(starts, m.start);
        const inLead = sentence === 0;
        let resolved: Resolved = null;
        if (t.kind === 'country') {
          resolved = t.ambiguity ? resolveAmbiguous(f, m, t.code, t.region, t.ambiguity) : { code: t.code, region: t.region };
          const alt = resolved ? readAsAlt(resolved.code, m.surface) : null;
          if (resolved && alt) resolved = { code: alt, region: gazetteer.countries.get(alt)?.region ?? resolved.region };
        } else if (t.kind === 'region') {
          regions.add(t.region);
          allRegionTerms.push(t.region);
          if (inLead) leadRegions.push([t.region, false]);
          if (!places.includes(t.name)) places.push(t.name);
        } else if (t.kind === 'organisation') {
          if (t.usualRegion && !usualRegions.includes(t.usualRegion)) usualRegions.push(t.usualRegion);
          if (t.region) {
            regions.add(t.region);
            if (inLead) leadRegions.push([t.region, true]);
          }
          if (!organisations.includes(t.key)) organisations.push(t.key);
        } else if (t.kind === 'person') {
          if (!people.includes(t.name)) people.push(t.name);
          if (t.code && t.region) resolved = { code: t.code, region: t.region };
          else if (t.org) {
            if (!organisations.includes(t.org)) organisations.push(t.org);
            if (t.region) {
              regions.add(t.region);
              if (inLead) leadRegions.push([t.region, true]);
            }
          }
        }
        const terms: string[] = [];
        if (resolved) terms.push(`c:${resolved.code}`);
        const territory = t.kind === 'country' ? TERRITORY_PLACES[m.surface] : undefined;
        if (resolved && territory) terms.push(`l:${territory}`);
        if (t.kind === 'person') terms.push(`p:${t.name}`);
        if (t.kind === 'person' && t.org) terms.push(`o:${t.org}`);
        if (t.kind === 'organisation') terms.push(`o:${t.key}`);
        if (t.kind === 'region') {
          terms.push(`l:${t.name}`);
          const parent = PLACE_PARENTS[t.name];
          if (parent) terms.push(`l:${parent}`);
        }
        if (terms.length > 0) {
          entitySpans.push({ field: fieldIndex === 0 ? 0 : 1, start: m.start, end: m.end, terms, name: !(t.kind === 'country' && t.form === 'place') });
        }
        const org = t.kind === 'organisation' ? t.key : t.kind === 'person' ? t.org : null;
        if (org && inLead && !aboutOrganisations.includes(org)) {
          let prev = m.from - 1;
          while (prev >= 0 && ARTICLES.has((f.tokens[prev] as Token).norm)) prev -= 1;
          const passing = fieldIndex === 1 && prev >= 0 && PASSING_PREPOSITIONS.has((f.tokens[prev] as Token).norm);
          if (!passing) aboutOrganisations.push(org);
        }
        if (resolved) {
          regions.add(resolved.region);
          if (!countries.includes(resolved.code)) countries.push(resolved.code);
          const form = t.kind === 'country' && (t.form === 'place' || t.form === 'capital') ? 'place-or-capital' : 'other';
          mentions.push({ code: resolved.code, region: resolved.region, field: fieldIndex, sentence, from: m.from, to: m.to, role: 'subject', form });
        }
      }
    });

    for (const mention of mentions) mention.role = roleOf(mention, mentions, fields);
    const about = aboutCountries(mentions);
    const aboutRegions: RegionKey[] = [];
    const addRegion = (r: RegionKey): void => {
      if (!aboutRegions.includes(r)) aboutRegions.push(r);
    };
    for (const code of about) addRegion(mentions.find((m) => m.code === code)!.region);
    // A body acting (the EU signing a trade deal) is a subject too; a region
    // name only places the story when no country does.
    for (const [r, isBody] of leadRegions) if (isBody || about.length === 0) addRegion(r);
    if (aboutRegions.length === 0) for (const r of allRegionTerms) addRegion(r);
    // "IAEA inspectors return to two sites": a nuclear-watchdog story that
    // names no place is, in practice, an Iran story.
    if (aboutRegions.length === 0) for (const r of usualRegions) addRegion(r);

    return {
      countries,
      aboutCountries: about,
      // First mention first (title before summary).
      regions: [...regions],
      aboutRegions,
      topics: options.topics === false ? [] : matchTopics(topicRules, fields.map((f) => f.tokens)),
      organisations,
      people,
      places,
      entitySpans,
      aboutOrganisations,
    };
  };
}

/** What part a country plays at one mention (see `Role`). */
function roleOf(m: Mention, all: readonly Mention[], fields: readonly Field[]): Role {
  const f = fields[m.field] as Field;
  const starts = f.starts;
  const sentenceFrom = starts[m.sentence] ?? 0;
  const sentenceTo = starts[m.sentence + 1] ?? Number.POSITIVE_INFINITY;
  const inSentence = (i: number): boolean => {
    const tok = f.tokens[i];
    return tok !== undefined && tok.start >= sentenceFrom && tok.start < sentenceTo;
  };
  const norm = (i: number): string => (inSentence(i) ? (f.tokens[i] as Token).norm : '');
  const to = m.to;

  // A broker or host word right next to the mention, with nothing between
  // but articles, "by"/"and" and other countries: "US-brokered", "brokered by
  // the United States", "with the US and Saudi Arabia mediating",
  // "sous l'égide des États-Unis", "Vermittelt hatten die USA".
  const inOtherMention = (i: number): boolean => f.matches.some((x) => x.from <= i && i <= x.to && x.from !== m.from);
  const roleWord = (w: string): Role | null => (startsWithAny(w, BROKER_STEMS) ? 'broker' : HOST_WORDS.has(w) ? 'host' : null);
  for (let i = to + 1; i <= to + 5; i += 1) {
    const w = norm(i);
    if (w === '') break;
    const r = roleWord(w);
    if (r) return r;
    if (!BETWEEN_WORDS.has(w) && !inOtherMention(i)) break;
  }
  for (let i = m.from - 1; i >= m.from - 5; i -= 1) {
    const w = norm(i);
    if (w === '') break;
    const r = roleWord(w);
    if (r) return r;
    if (!BETWEEN_WORDS.has(w) && !inOtherMention(i)) break;
  }
  let prev = m.from - 1;
  while (ARTICLES.has(norm(prev)) && prev > m.from - 3) prev -= 1;
  const talks = (): boolean => {
    let known = f.talk.get(m.sentence);
    if (known === undefined) {
      known = false;
      for (let i = 0; i < f.tokens.length && !known; i += 1) {
        const tok = f.tokens[i] as Token;
        if (tok.start < sentenceFrom) continue;
        if (tok.start >= sentenceTo) break;
        if (TALK_WORDS.has(tok.norm) || startsWithAny(tok.norm, TALK_STEMS)) known = true;
      }
      f.talk.set(m.sentence, known);
    }
    return known;
  };
  if (VENUE_PREPOSITIONS.has(norm(prev)) && talks()) return 'venue';
  // "after Istanbul talks", "the Jeddah process": a city naming a round of talks.
  if (m.form === 'place-or-capital' && VENUE_NOUNS.has(norm(to + 1))) return 'venue';
  const earlierInSentence = all.some((o) => o !== m && o.field === m.field && o.sentence === m.sentence && o.from < m.from && o.code !== m.code);
  if (earlierInSentence) {
    for (let i = to + 1; i <= to + 6; i += 1) if (SOURCE_WORDS.has(norm(i))) return 'source';
    const before = [norm(m.from - 3), norm(m.from - 2), norm(m.from - 1)].join(' ');
    if (SOURCE_BEFORE.some((p) => before.endsWith(p))) return 'source';
  }
  if (m.field === 1 && PASSING_PREPOSITIONS.has(norm(m.from - 1))) return 'passing';
  // "days before U.S. and South Korean forces…": the second of a pair shares the first one's role.
  if (m.field === 1 && AND_WORDS.has(norm(m.from - 1))) {
    const partner = all.find((o) => o.field === m.field && o.sentence === m.sentence && o.from < m.from && o.from >= m.from - 5 && o.role === 'passing');
    if (partner) return 'passing';
  }
  return 'subject';
}

/**
 * The countries an item is about: those it names as subjects in its title or
 * lead sentence. Brokers, venues and sources drop out when another country is
 * the subject (hosts when two others are); countries only in later sentences
 * are passing mentions. With no subject in the title or lead, every country
 * the title or lead names counts, and failing that every country named.
 */
function aboutCountries(mentions: readonly Mention[]): string[] {
  const front = mentions.filter((m) => m.field === 0 || m.sentence === 0);
  const subjects = new Set(front.filter((m) => m.role === 'subject').map((m) => m.code));
  const about = new Set<string>(subjects);
  for (const m of front) {
    if (about.has(m.code) || m.role === 'subject') continue;
    const others = [...subjects].filter((c) => c !== m.code).length;
    const needed = m.role === 'host' ? 2 : 1;
    if (others < needed && m.role !== 'passing') about.add(m.code);
  }
  if (about.size === 0) for (const m of front) about.add(m.code);
  if (about.size === 0) for (const m of mentions) if (m.role !== 'passing') about.add(m.code);
  if (about.size === 0) for (const m of mentions) about.add(m.code);
  // In order of first mention.
  return [...new Set(mentions.map((m) => m.code))].filter((c) => about.has(c));
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
