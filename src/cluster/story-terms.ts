// Text → comparable terms for story clustering. Pure and dependency-free:
// no package in node_modules does English tokenising/stemming (natural, wink,
// stopword… are absent, and we may not add any), and the job is small enough
// to do carefully here.
//
// The pipeline for one text: NFKC → dotted abbreviations joined ("U.S." → USA)
// → diacritics and possessives stripped → words → multi-word names joined
// ("south korea" → southkorea, so South Sudan never matches Sudan) → stop
// words dropped → aliases (demonyms and capitals used as metonyms map to one
// country term: "Japanese", "Tokyo" → japan) → light suffix stemming.

import { FOREIGN_PHRASES, FOREIGN_STOP_WORDS, FOREIGN_WORDS as FOREIGN_TABLE, GERMAN_WORDS as GERMAN_TABLE } from './foreign-terms.js';

// As Maps: a plain object would answer "constructor" or "toString" from its prototype.
const FOREIGN_WORDS = new Map(Object.entries(FOREIGN_TABLE));
const GERMAN_WORDS = new Map(Object.entries(GERMAN_TABLE));

/** One term of a text, and whether it looked like a name where it stood. */
export interface Term {
  term: string;
  /**
   * true: written like a name here (capitalised mid-sentence, an acronym, or
   * a known country alias); false: written in lower case here; undefined: the
   * position says nothing (the first word of a sentence). Names (places,
   * people, bodies) say more about which event it is than verbs do; the
   * caller decides per batch which terms are names.
   */
  capitalised: boolean | undefined;
}

// Function words plus news filler: reporting verbs, days and time words that
// every item of a day shares and that would make unrelated stories look alike.
const STOP_WORDS = new Set(
  `a about above across after again against all almost along already also although always am among an and another any
  are around as at away back be became because been before being below between both but by can cannot could did do
  does doing done down during each either else even ever every few for from further had has have having he her here
  hers herself him himself his how however i if in into is it its itself just least less like made make many may me
  might more most much must my myself near neither never no nor not now of off often on once one only onto or other
  others our ours ourselves out over own per perhaps rather same several shall she should since so some still such
  than that the their theirs them themselves then there these they this those though through thus to too toward
  towards under until up upon us very via was we were what whatever when where whether which while who whom whose why
  will with within without would yet you your yours
  said says say saying told tells according added adding reported reports report statement announced announces
  update updated live breaking exclusive analysis explainer opinion watch video photos
  monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow overnight
  morning afternoon evening night week weeks weekend month months year years day days time late early earlier later
  new news latest amid over mr mrs ms dr`.split(/\s+/).filter((w) => w !== ''),
);

// Multi-word names that must become one term before stop words and stemming
// cut them up ("united states" → "united"+"states" would match "United Kingdom";
// "south sudan" must not look like Sudan). Keys are lower-case word sequences.
const PHRASES = new Map<string, string>([
  ['united states of america', 'usa'],
  ['united states', 'usa'],
  ['white house', 'usa'],
  ['united kingdom', 'uk'],
  ['great britain', 'uk'],
  ['united nations', 'un'],
  ['european union', 'eu'],
  ['united arab emirates', 'uae'],
  ['abu dhabi', 'uae'],
  ['saudi arabia', 'saudiarabia'],
  ['south korea', 'southkorea'],
  ['north korea', 'northkorea'],
  ['south sudan', 'southsudan'],
  ['south africa', 'southafrica'],
  ['new zealand', 'newzealand'],
  ['sri lanka', 'srilanka'],
  ['hong kong', 'hongkong'],
  ['new delhi', 'india'],
  ['el salvador', 'elsalvador'],
  ['costa rica', 'costarica'],
  ['burkina faso', 'burkinafaso'],
  ['ivory coast', 'ivorycoast'],
  ['czech republic', 'czechia'],
  ['democratic republic of congo', 'drc'],
  ['democratic republic of the congo', 'drc'],
  ['central african republic', 'car'],
  ['dominican republic', 'dominicanrepublic'],
  ['west bank', 'westbank'],
  ['security council', 'securitycouncil'],
  ['general assembly', 'generalassembly'],
  ['secretary general', 'secretarygeneral'],
  ['prime minister', 'primeminister'],
  ['foreign minister', 'foreignminister'],
  ['foreign ministers', 'foreignminister'],
  ['defence minister', 'defenceminister'],
  ['defence ministers', 'defenceminister'],
  ['rapid support forces', 'rsf'],
  // Parties and armed groups by their full names, as their acronyms are written.
  ['democratic progressive party', 'dpp'],
  ['african national congress', 'anc'],
  ['bharatiya janata party', 'bjp'],
  ['israel defense forces', 'idf'],
  ['israel defence forces', 'idf'],
  ['islamic state', 'isis'],
  ['hayat tahrir al sham', 'hts'],
  ['kurdistan workers party', 'pkk'],
  ['atomic energy agency', 'iaea'],
]);
// Spelling variants that would otherwise split one word in two (not names),
// and words outlets use interchangeably for one thing: a "deal", a "pact" and
// an "accord" are one agreement, a "truce" a ceasefire, "negotiations" talks.
// Reports of one event differ in exactly these choices; two events of the
// same kind are kept apart by their parties, not by this wording.
const SPELLINGS = new Map<string, string>(
  Object.entries({
    defense: 'defence', offense: 'offence', licence: 'license',
    organization: 'organisation', authorization: 'authorisation',
    deal: 'agreement', deals: 'agreement', pact: 'agreement', pacts: 'agreement', accord: 'agreement', accords: 'agreement',
    truce: 'ceasefire', truces: 'ceasefire', negotiations: 'talks', program: 'programme', programs: 'programme',
    // Irregular verbs, so "won" meets "wins" and a translation's "win".
    won: 'win', lost: 'lose', took: 'take', taken: 'take', held: 'hold', met: 'meet', sent: 'send', struck: 'strike',
    fought: 'fight', fled: 'flee', began: 'begin', begun: 'begin', sought: 'seek', led: 'lead', shot: 'shoot', chose: 'choose',
    chosen: 'choose', froze: 'freeze', frozen: 'freeze', broke: 'break', broken: 'break', spoke: 'speak', rose: 'rise', risen: 'rise',
    fell: 'fall', fallen: 'fall', grew: 'grow', bought: 'buy', sold: 'sell', withdrew: 'withdraw', withdrawn: 'withdraw',
  }),
);

/**
 * The terms an English translation gives, as an English report would have
 * them: "foreign minister" is one term there ("foreignminister", see PHRASES),
 * so a translation to it must be too, or "Außenminister" never meets it.
 */
function englishTerms(english: string): string[] {
  // "adopt|approve": a word with two English readings gives both.
  if (english.includes('|')) return english.split('|').flatMap((alt) => englishTerms(alt));
  const joined = PHRASES.get(english);
  if (joined !== undefined) return [joined];
  return english
    .split(' ')
    .filter((e) => e !== '' && !STOP_WORDS.has(e))
    .map((e) => (/^\d+$/.test(e) ? e : stem(SPELLINGS.get(e) ?? e)));
}

/** German compound heads (see GERMAN_WORDS) of at least this many letters, and modifiers too. */
const MIN_COMPOUND_PART = 4;
/** Only words this long are tried as compounds. */
const MIN_COMPOUND = 8;
/** Linking letters between the parts of a German compound ("Verteidigung-s-minister", "Drohne-n-flüge"). */
const LINKS = ['', 's', 'n', 'en', 'es', 'e'];

/** Plural and case endings a German head may carry ("Angriffe", "Drohnen", "Gipfels"). */
const ENDINGS = ['e', 'en', 'n', 'er', 's', 'es'];

/** A German word's English, also when it carries an ending its table entry lacks. */
function germanWord(word: string): string | undefined {
  return GERMAN_FORMS.get(word);
}

/** Every German table word with and without the endings it may carry, built once ("angriff", "angriffe", "angriffen"…). */
const GERMAN_FORMS = new Map<string, string>();
for (const [word, english] of GERMAN_WORDS) {
  if (word.length < MIN_COMPOUND_PART) continue;
  for (const ending of ENDINGS) {
    const form = word + ending;
    if (!GERMAN_WORDS.has(form) && !GERMAN_FORMS.has(form)) GERMAN_FORMS.set(form, english);
  }
}
for (const [word, english] of GERMAN_WORDS) GERMAN_FORMS.set(word, english);
/** Longest German form: no head longer than this need be tried. */
const MAX_GERMAN_FORM = Math.max(...[...GERMAN_FORMS.keys()].map((k) => k.length));

/**
 * "Luftverteidigung" → ["air", "defence"]; "Treibstoffschmuggel" → ["fuel",
 * "smuggling"]; "Kommunalwahlen" → ["local", "election"]. German writes as one
 * word what English writes as two, so a German report shares no word with its
 * English twin unless the compound is split. The longest known head wins; the
 * modifier is translated when known (with or without a linking letter) and
 * kept as it is otherwise ("Containerschiffe" → "container", "ship"). Null
 * when no known head ends the word.
 */
function splitCompound(word: string): string[] | null {
  if (word.length < MIN_COMPOUND || /\d/.test(word)) return null;
  for (let cut = Math.max(MIN_COMPOUND_PART, word.length - MAX_GERMAN_FORM); cut <= word.length - MIN_COMPOUND_PART; cut += 1) {
    const head = germanWord(word.slice(cut));
    if (head === undefined) continue;
    const modifier = word.slice(0, cut);
    let known: string | undefined;
    for (const link of LINKS) {
      if (!modifier.endsWith(link) || modifier.length - link.length < MIN_COMPOUND_PART) continue;
      const base = modifier.slice(0, modifier.length - link.length);
      known = germanWord(base);
      if (known !== undefined) break;
    }
    const front = known !== undefined ? englishTerms(known) : STOP_WORDS.has(modifier) ? [] : [stem(modifier)];
    return [...front, ...englishTerms(head)];
  }
  return null;
}

// By first word, longest first: most words start no phrase, so most need one lookup.
// Foreign phrases ("alto el fuego") become the English words of the same thing.
const PHRASES_BY_FIRST = new Map<string, Array<{ words: string[]; term: string; foreign: boolean }>>();
for (const [phrase, term, foreign] of [
  ...[...PHRASES].map(([p, t]) => [p, t, false] as const),
  ...FOREIGN_PHRASES.map(([p, t]) => [p, englishTerms(t).join(' '), true] as const),
]) {
  const words = phrase.split(' ');
  const first = words[0] as string;
  const list = PHRASES_BY_FIRST.get(first) ?? [];
  list.push({ words, term, foreign });
  list.sort((a, b) => b.words.length - a.words.length);
  PHRASES_BY_FIRST.set(first, list);
}

// Demonyms, capitals used as metonyms and common variants → one term. Kept to
// names foreign-policy feeds use constantly; a miss only costs some recall.
const ALIASES = new Map<string, string>(
  Object.entries({
    american: 'usa', americans: 'usa', washington: 'usa',
    british: 'uk', britain: 'uk', london: 'uk',
    russian: 'russia', russians: 'russia', moscow: 'russia', kremlin: 'russia',
    ukrainian: 'ukraine', ukrainians: 'ukraine', kyiv: 'ukraine', kiev: 'ukraine',
    chinese: 'china', beijing: 'china', prc: 'china', sino: 'china',
    japanese: 'japan', tokyo: 'japan',
    southkorean: 'southkorea', seoul: 'southkorea',
    northkorean: 'northkorea', pyongyang: 'northkorea', dprk: 'northkorea',
    taiwanese: 'taiwan', taipei: 'taiwan',
    indian: 'india', delhi: 'india',
    pakistani: 'pakistan', islamabad: 'pakistan',
    afghan: 'afghanistan', kabul: 'afghanistan',
    iranian: 'iran', iranians: 'iran', tehran: 'iran',
    iraqi: 'iraq', baghdad: 'iraq',
    israeli: 'israel', israelis: 'israel',
    palestinian: 'palestine', palestinians: 'palestine',
    lebanese: 'lebanon', beirut: 'lebanon',
    syrian: 'syria', damascus: 'syria',
    turkish: 'turkey', turkiye: 'turkey', ankara: 'turkey',
    egyptian: 'egypt', cairo: 'egypt',
    saudi: 'saudiarabia', riyadh: 'saudiarabia',
    qatari: 'qatar', doha: 'qatar',
    emirati: 'uae', emirates: 'uae',
    yemeni: 'yemen', houthi: 'houthis', houthis: 'houthis',
    sudanese: 'sudan', khartoum: 'sudan',
    ethiopian: 'ethiopia', eritrean: 'eritrea',
    somali: 'somalia', kenyan: 'kenya', nairobi: 'kenya',
    nigerian: 'nigeria', abuja: 'nigeria',
    nigerien: 'niger', niamey: 'niger',
    malian: 'mali', bamako: 'mali',
    congolese: 'drc', kinshasa: 'drc',
    southafrican: 'southafrica', pretoria: 'southafrica',
    libyan: 'libya', tripoli: 'libya',
    algerian: 'algeria', moroccan: 'morocco', tunisian: 'tunisia',
    german: 'germany', berlin: 'germany',
    french: 'france', paris: 'france',
    italian: 'italy', spanish: 'spain', madrid: 'spain',
    polish: 'poland', warsaw: 'poland',
    hungarian: 'hungary', budapest: 'hungary',
    slovak: 'slovakia', czech: 'czechia', romanian: 'romania',
    moldovan: 'moldova', chisinau: 'moldova',
    belarusian: 'belarus', minsk: 'belarus',
    georgian: 'georgia', tbilisi: 'georgia',
    armenian: 'armenia', yerevan: 'armenia',
    azerbaijani: 'azerbaijan', azeri: 'azerbaijan', baku: 'azerbaijan',
    estonian: 'estonia', tallinn: 'estonia', latvian: 'latvia', lithuanian: 'lithuania',
    finnish: 'finland', swedish: 'sweden', norwegian: 'norway', danish: 'denmark',
    venezuelan: 'venezuela', caracas: 'venezuela',
    colombian: 'colombia', bogota: 'colombia',
    mexican: 'mexico', brazilian: 'brazil', brasilia: 'brazil',
    argentine: 'argentina', argentinian: 'argentina', chilean: 'chile', peruvian: 'peru',
    cuban: 'cuba', havana: 'cuba', haitian: 'haiti',
    philippine: 'philippines', filipino: 'philippines', manila: 'philippines',
    vietnamese: 'vietnam', hanoi: 'vietnam',
    indonesian: 'indonesia', jakarta: 'indonesia',
    burmese: 'myanmar', burma: 'myanmar',
    thai: 'thailand', bangkok: 'thailand',
    australian: 'australia', canberra: 'australia',
    canadian: 'canada', ottawa: 'canada',
    european: 'europe',
    kuomintang: 'kmt', isil: 'isis',
  }),
);


/** Scale words after a number, in the five languages ("bn", "milliards", "millones", "milhões"). */
const SCALES: Record<string, number> = {
  thousand: 1e3, thousands: 1e3, k: 1e3, mil: 1e3, tausend: 1e3,
  m: 1e6, mn: 1e6, mln: 1e6, million: 1e6, millions: 1e6, millones: 1e6, millón: 1e6, millon: 1e6, millionen: 1e6, mio: 1e6,
  milhão: 1e6, milhao: 1e6, milhões: 1e6, milhoes: 1e6,
  bn: 1e9, billion: 1e9, billions: 1e9, 'mil millones': 1e9, milliard: 1e9, milliards: 1e9, milliarde: 1e9, milliarden: 1e9, mrd: 1e9,
  bilhão: 1e9, bilhao: 1e9, bilhões: 1e9, bilhoes: 1e9,
  trillion: 1e12, trillions: 1e12, billón: 1e12, billon: 1e12, billones: 1e12,
};
const AMOUNT = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(\\d+(?:[.,]\\d+)?)\\s?(${Object.keys(SCALES).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** "1.2" + "bn" → "1200000000"; the decimal mark is "." or ",", thousands separators are gone by now. */
function amountValue(value: string, scale: string): string {
  const v = Number(value.replace(',', '.')) * (SCALES[scale.toLowerCase()] ?? 1);
  return Number.isFinite(v) ? String(Math.round(v)) : value;
}

/** Lower-cased, diacritics and punctuation gone; the tokens of one text in order. */
interface Word {
  word: string;
  capitalised: boolean;
  acronym: boolean;
  sentenceStart: boolean;
}

/** Text with nothing to normalise (plain ASCII): most English items skip two Unicode passes. */
const ASCII = /^[\p{ASCII}]*$/u;

function words(text: string): Word[] {
  const ascii = ASCII.test(text);
  let prepared = (ascii ? text : text.normalize('NFKC'))
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    // Dotted abbreviations ("U.S.", "U.N.", "E.U.") → one word, and keep the
    // capital letters so "US" the country is told apart from "us" the pronoun.
    .replace(/\b((?:\p{Lu}\.){2,})/gu, (m) => ` ${m.replace(/\./g, '')} `)
    .replace(/\bUS\b/g, 'USA')
    // Possessive and contracted endings carry nothing ("Sudan's" → "Sudan").
    .replace(/'(s|re|ve|ll|d|t)\b/gi, ' ')
    // Numbers as one form across languages: thousands separators go
    // ("13.420", "13,420" → 13420), amounts become their value ("$1.2bn",
    // "1,2 milliard", "1.200 millones" → 1200000000), and a unit glued to a
    // number comes off ("44C" → 44 C).
    .replace(/(\d)[.,\u00a0\u202f ](?=\d{3}(?!\d))/g, '$1')
    .replace(AMOUNT, (_m, value: string, scale: string) => ` ${amountValue(value, scale)} `)
    .replace(/(\d)(\p{L})/gu, '$1 $2');
  if (!ascii) prepared = prepared.normalize('NFD').replace(/\p{M}+/gu, '');
  const out: Word[] = [];
  // Words (and decimals, "1.4" = "1,4"), with sentence ends noted so a
  // capital after ". " is not taken for a name.
  const re = /\d+[.,]\d+|[\p{L}\p{N}]+|[.!?:;]/gu;
  let sentenceStart = true;
  for (const m of prepared.matchAll(re)) {
    const raw = m[0];
    if (/^[.!?:;]$/.test(raw)) {
      sentenceStart = true;
      continue;
    }
    if (/^\d+[.,]\d+$/.test(raw)) {
      out.push({ word: raw.replace(',', '.'), capitalised: false, acronym: false, sentenceStart });
      sentenceStart = false;
      continue;
    }
    const first = raw.charAt(0);
    const lower = raw.toLowerCase();
    const acronym = raw.length >= 2 && raw !== lower && raw === raw.toUpperCase();
    out.push({ word: lower, capitalised: first !== first.toLowerCase(), acronym, sentenceStart });
    sentenceStart = false;
  }
  return out;
}

/**
 * Light stemming: plural and verb endings only ("sanctions", "sanctioned",
 * "sanctioning" → "sanction"; "agreed", "agreement", "agrees" → "agre"). A full
 * Porter stemmer over-merges ("general" / "generous") and gains little on
 * headlines; this keeps the stems readable and the merges predictable.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ments') || w.endsWith('ment')) {
    const base = w.replace(/ments?$/, '');
    if (base.length >= 4) w = base;
  }
  let strippedEd = false;
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4) {
    w = w.slice(0, -2);
    strippedEd = true;
  }
  // "censure"/"censured"/"censuring", "agree"/"agreed"/"agreeing": drop a
  // final e so all forms meet (after -ed the e is already gone: "agreed" → "agre").
  if (!strippedEd && w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  // "expelled"/"expel", "killed"/"kill": one letter of a final double consonant.
  if (w.length > 3 && /([^aeiou])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * The terms of one text, in order, with how each was written (see `Term`).
 * Title Case headlines ("China Surrounds Taiwan With Warships") capitalise
 * every word, so callers should not trust the flag on such titles: see
 * `looksTitleCase`.
 */
export function storyTerms(text: string): Term[] {
  const ws = words(text);
  const out: Term[] = [];
  for (let i = 0; i < ws.length; i += 1) {
    // Longest multi-word name starting here, if any.
    let matched = 0;
    let phraseTerm = '';
    let phraseForeign = false;
    for (const phrase of PHRASES_BY_FIRST.get((ws[i] as Word).word) ?? []) {
      if (phrase.words.every((pw, k) => ws[i + k]?.word === pw)) {
        matched = phrase.words.length;
        phraseTerm = phrase.term;
        phraseForeign = phrase.foreign;
        break;
      }
    }
    if (matched > 0) {
      const capitalised = ws.slice(i, i + matched).some((w) => w.capitalised || w.acronym);
      if (phraseForeign) for (const t of phraseTerm.split(' ')) out.push({ term: t, capitalised: false });
      else out.push({ term: phraseTerm, capitalised });
      i += matched - 1;
      continue;
    }
    const w = ws[i];
    if (!w) continue;
    // "US" was rewritten to "USA" above, so a remaining "us" is the pronoun.
    if (STOP_WORDS.has(w.word) || (FOREIGN_STOP_WORDS.has(w.word) && !w.acronym)) continue;
    const known = wordTerms(w.word);
    if (known === null) continue;
    if (known.translated) {
      for (const term of known.terms) out.push({ term, capitalised: false });
      continue;
    }
    const capitalised = w.acronym || known.alias ? true : w.sentenceStart ? undefined : w.capitalised;
    out.push({ term: known.terms[0] as string, capitalised });
  }
  return out;
}

interface WordTerms {
  terms: string[];
  /** A translation or a split compound: its terms are English words, not names. */
  translated: boolean;
  /** A country alias ("Japanese" → japan): a name wherever it stands. */
  alias: boolean;
}

/**
 * What one lower-case word gives, remembered: the same few thousand words
 * come back in every item of a batch, and translating, splitting and
 * stemming each one again cost a third of clustering's time. Null: the word
 * gives no term. Bounded: cleared when full (words are short; 50,000 of them
 * are a few MB).
 */
const WORD_CACHE = new Map<string, WordTerms | null>();
const WORD_CACHE_MAX = 50_000;

function wordTerms(word: string): WordTerms | null {
  const cached = WORD_CACHE.get(word);
  if (cached !== undefined) return cached;
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  const result = computeWordTerms(word);
  WORD_CACHE.set(word, result);
  return result;
}

function computeWordTerms(word: string): WordTerms | null {
  const english = FOREIGN_WORDS.get(word);
  if (english !== undefined) return { terms: englishTerms(english), translated: true, alias: false };
  if (word.length < 2 && !/\d/.test(word)) return null;
  const alias = ALIASES.get(word);
  if (alias !== undefined) return { terms: [alias], translated: false, alias: true };
  const parts = splitCompound(word);
  if (parts !== null) return { terms: parts, translated: true, alias: false };
  return { terms: [stem(SPELLINGS.get(word) ?? word)], translated: false, alias: false };
}

/**
 * True when most words of a headline start with a capital (US newspaper
 * style), so capitals there say nothing about names.
 */
export function looksTitleCase(title: string): boolean {
  const ws = title.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = ws.filter((w) => w.length > 3);
  if (long.length < 3) return false;
  const caps = long.filter((w) => w.charAt(0) !== w.charAt(0).toLowerCase()).length;
  return caps / long.length >= 0.8;
}
