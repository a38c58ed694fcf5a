// Compiles the gazetteer data once into a phrase table keyed by folded token
// runs, with an index of first tokens so a scan only looks up phrases that can
// start at a token. Tagging is then one pass over the tokens of an item: at
// each token the longest phrase whose case rule holds wins.
import {
  BLOCKED_PHRASES,
  PLACE_SYNONYMS,
  COUNTRIES,
  ORGANISATIONS,
  REGION_TERMS,
  type AmbiguityRule,
  type CountryData,
  type OrganisationData,
  type RegionTermData,
} from './gazetteer-data.js';
import { FOREIGN_COUNTRY_FORMS, FOREIGN_ORGANISATION_NAMES, FOREIGN_REGION_TERMS, type ForeignCountryForms } from './languages-data.js';
import { getDefaultPeople, type PersonData } from './people.js';
import type { RegionKey } from '../shared/regions.js';
import { foldSeparator, phraseKey, startsUpper, tokenize, type Token } from './text-tokens.js';

export type FormKind = 'name' | 'demonym' | 'capital' | 'metonym' | 'place' | 'abbreviation';

export type GazetteerTarget =
  | { kind: 'country'; code: string; region: RegionKey; form: FormKind; ambiguity: CompiledAmbiguity | null }
  | { kind: 'organisation'; key: string; region: RegionKey | null; usualRegion?: RegionKey }
  | { kind: 'region'; region: RegionKey; /** One name per place across spellings and languages (Roten Meer = Red Sea). */ name: string }
  /** A person standing for a country (code) or an international body (org). */
  | { kind: 'person'; name: string; code: string | null; org: string | null; region: RegionKey | null }
  | { kind: 'blocked' };

export interface CompiledAmbiguity {
  personLike: boolean;
  needsContext: boolean;
  rejectWhen: RegExp | null;
  usStateWhen: RegExp | null;
}

export interface GazetteerPhrase {
  surface: string;
  /** Exact (case-sensitive) text the match must equal; null = capitalised name rule. */
  exact: string | null;
  /** Matches in any case: adjectives of languages that write them in lower case ("mexicano", "russische"). */
  anyCase: boolean;
  target: GazetteerTarget;
}

export interface CountryInfo {
  code: string;
  name: string;
  region: RegionKey;
  unMember: boolean;
}

export interface Gazetteer {
  countries: ReadonlyMap<string, CountryInfo>;
  organisations: ReadonlyMap<string, { key: string; name: string; region: RegionKey | null; usualRegion?: RegionKey }>;
  /** Phrases by key, most specific first. */
  phrases: ReadonlyMap<string, readonly GazetteerPhrase[]>;
  /** Longest phrase length (in tokens) starting with a given first token. */
  firstTokens: ReadonlyMap<string, number>;
}

export interface GazetteerData {
  countries: readonly CountryData[];
  organisations: readonly OrganisationData[];
  regionTerms: readonly RegionTermData[];
  blocked: readonly string[];
  /** People who stand for a country or body (src/tagging/people.json). */
  people?: readonly PersonData[];
  /** Country names, adjectives and capitals in Spanish, French, German and Portuguese. */
  foreignCountries?: readonly ForeignCountryForms[];
  foreignOrganisations?: Readonly<Record<string, readonly string[]>>;
  foreignRegionTerms?: ReadonlyArray<{ region: RegionKey; terms: readonly string[] }>;
}

export const DEFAULT_GAZETTEER_DATA: GazetteerData = {
  countries: COUNTRIES,
  organisations: ORGANISATIONS,
  regionTerms: REGION_TERMS,
  blocked: BLOCKED_PHRASES,
  get people() {
    return getDefaultPeople();
  },
  foreignCountries: FOREIGN_COUNTRY_FORMS,
  foreignOrganisations: FOREIGN_ORGANISATION_NAMES,
  foreignRegionTerms: FOREIGN_REGION_TERMS,
};

function wordsRegex(words: readonly string[] | undefined): RegExp | null {
  if (!words || words.length === 0) return null;
  const alternatives = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

function compileAmbiguity(rule: AmbiguityRule): CompiledAmbiguity {
  return {
    personLike: rule.personLike ?? false,
    needsContext: rule.needsContext ?? false,
    rejectWhen: wordsRegex(rule.rejectWhen),
    usStateWhen: wordsRegex(rule.usStateWhen),
  };
}

/** The text a case-exact form must equal: its token span with spaces collapsed. */
export function exactText(text: string, tokens: readonly Token[], from: number, to: number): string {
  const start = tokens[from]?.start ?? 0;
  const end = tokens[to]?.end ?? start;
  return text.slice(start, end).replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
}

export function compileGazetteer(data: GazetteerData = DEFAULT_GAZETTEER_DATA): Gazetteer {
  const phrases = new Map<string, GazetteerPhrase[]>();
  const firstTokens = new Map<string, number>();
  const seen = new Set<string>();

  const add = (surface: string, exact: boolean, target: GazetteerTarget, opts: { anyCase?: boolean; ifNew?: boolean } = {}): void => {
    const pk = phraseKey(surface);
    if (!pk) return;
    const tokens = tokenize(surface);
    const exactForm = exact ? exactText(surface, tokens, 0, tokens.length - 1) : null;
    // A translation that folds to a form already known ("Irán" = "Iran",
    // "Georgia") keeps the English entry and its ambiguity rule. An entry
    // that only matches one exact spelling ("OPEP") does not cover another
    // ("Opep", as Portuguese and French write it), so that one is still added.
    if (opts.ifNew && (phrases.get(pk.key) ?? []).some((p) => p.exact === null || p.exact === exactForm)) return;
    const id = `${pk.key}\u0000${exactForm ?? ''}\u0000${JSON.stringify(target)}`;
    if (seen.has(id)) return;
    seen.add(id);
    const list = phrases.get(pk.key) ?? [];
    list.push({ surface, exact: exactForm, anyCase: opts.anyCase ?? false, target });
    // Exact forms are checked first: "US" must not fall through to a name rule.
    list.sort((a, b) => Number(b.exact !== null) - Number(a.exact !== null));
    phrases.set(pk.key, list);
    const first = tokens[0]?.norm ?? '';
    firstTokens.set(first, Math.max(firstTokens.get(first) ?? 0, pk.tokens));
  };

  const countries = new Map<string, CountryInfo>();
  for (const c of data.countries) {
    countries.set(c.code, { code: c.code, name: c.name, region: c.region, unMember: c.unMember ?? true });
    const ambiguity = c.ambiguity ? compileAmbiguity(c.ambiguity) : null;
    const ambiguousForms = new Set(c.ambiguity?.forms ?? []);
    const target = (form: FormKind, surface: string): GazetteerTarget => ({
      kind: 'country',
      code: c.code,
      region: c.region,
      form,
      ambiguity: ambiguousForms.has(surface) ? ambiguity : null,
    });
    for (const n of [c.name, ...(c.names ?? [])]) add(n, false, target('name', n));
    for (const d of c.demonyms ?? []) {
      add(d, false, target('demonym', d));
      const plural = pluralDemonym(d);
      if (plural) add(plural, false, target('demonym', plural));
    }
    for (const n of c.capitals ?? []) add(n, false, target('capital', n));
    for (const n of c.metonyms ?? []) add(n, false, target('metonym', n));
    for (const n of c.places ?? []) add(n, false, target('place', n));
    for (const a of c.abbreviations ?? []) add(a, true, target('abbreviation', a));
  }
  const organisations = new Map<string, { key: string; name: string; region: RegionKey | null; usualRegion?: RegionKey }>();
  for (const o of data.organisations) {
    organisations.set(o.key, { key: o.key, name: o.name, region: o.region, ...(o.usualRegion ? { usualRegion: o.usualRegion } : {}) });
    const target: GazetteerTarget = { kind: 'organisation', key: o.key, region: o.region, ...(o.usualRegion ? { usualRegion: o.usualRegion } : {}) };
    // A name that is all capitals is an acronym: exact case ("WHO", not "who").
    for (const n of [o.name, ...(o.names ?? [])]) add(n, /^[A-Z0-9+-]+$/.test(n), target);
    for (const a of o.abbreviations ?? []) add(a, true, target);
  }
  for (const r of data.regionTerms) {
    for (const t of r.terms) add(t, false, { kind: 'region', region: r.region, name: PLACE_SYNONYMS[t] ?? t });
  }
  for (const b of data.blocked) add(b, false, { kind: 'blocked' }, { anyCase: b.charAt(0) === b.charAt(0).toLowerCase() });

  // Other languages after English, so English forms and their rules win on a tie.
  for (const f of data.foreignCountries ?? []) {
    const c = countries.get(f.code);
    if (!c) throw new Error(`gazetteer: foreign forms for unknown country ${f.code}`);
    const target = (form: FormKind): GazetteerTarget => ({ kind: 'country', code: c.code, region: c.region, form, ambiguity: null });
    for (const n of f.names) add(n, /^[A-Z.]+$/.test(n.replace(/\s/g, '')), target('name'), { ifNew: true });
    for (const n of f.capitals) add(n, false, target('capital'), { ifNew: true });
    for (const a of f.adjectives) add(a, false, target('demonym'), { ifNew: true, anyCase: true });
  }
  for (const [key, names] of Object.entries(data.foreignOrganisations ?? {})) {
    const o = organisations.get(key);
    if (!o) throw new Error(`gazetteer: foreign names for unknown organisation ${key}`);
    for (const n of names) add(n, /^[A-Z0-9+-]+$/.test(n), { kind: 'organisation', key: o.key, region: o.region, ...(o.usualRegion ? { usualRegion: o.usualRegion } : {}) }, { ifNew: true });
  }
  for (const r of data.foreignRegionTerms ?? []) {
    // Terms written in lower case ("mer Rouge", "africano") match in any case.
    for (const entry of r.terms) {
      const [t, name] = entry.split('=') as [string, string | undefined];
      add(t, false, { kind: 'region', region: r.region, name: name ?? t }, { ifNew: true, anyCase: t.charAt(0) === t.charAt(0).toLowerCase() });
    }
  }
  for (const p of data.people ?? []) {
    const country = p.country ? countries.get(p.country) : undefined;
    const org = p.org ? organisations.get(p.org) : undefined;
    if (p.country && !country) throw new Error(`people: ${p.name}: unknown country ${p.country}`);
    if (p.org && !org) throw new Error(`people: ${p.name}: unknown organisation ${p.org}`);
    const target: GazetteerTarget = {
      kind: 'person',
      name: p.name,
      code: country?.code ?? null,
      org: org?.key ?? null,
      region: country?.region ?? org?.region ?? null,
    };
    // All-capital aliases (MBS, AMLO) match exactly, like acronyms.
    for (const n of [p.name, ...(p.aliases ?? [])]) add(n, /^[A-Z]{2,}$/.test(n), target);
  }
  return { countries, organisations, phrases, firstTokens };
}

/** "Afghan" → "Afghans", "Filipino" → "Filipinos"; "French", "Swiss", "Chinese" have none. */
function pluralDemonym(d: string): string | null {
  return /(?:ese|ish|ch|s|sh|x|z|y)$/i.test(d) ? null : `${d}s`;
}

export interface GazetteerMatch {
  target: GazetteerTarget;
  /** Token span in the field. */
  from: number;
  to: number;
  start: number;
  end: number;
  surface: string;
}

/** All longest, case-valid gazetteer matches in one field, left to right. */
export function scanField(gazetteer: Gazetteer, text: string, tokens: readonly Token[]): GazetteerMatch[] {
  const out: GazetteerMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    const maxLen = gazetteer.firstTokens.get(tok.norm);
    if (!maxLen) continue;
    const limit = Math.min(maxLen, tokens.length - i);
    // Keys of the runs of 1..limit tokens from here, built incrementally.
    const keys: string[] = [tok.norm];
    for (let n = 2; n <= limit; n++) {
      const prev = tokens[i + n - 2] as Token;
      const cur = tokens[i + n - 1] as Token;
      keys.push(keys[n - 2] + foldSeparator(text.slice(prev.end, cur.start)) + cur.norm);
    }
    for (let n = limit; n >= 1; n--) {
      const list = gazetteer.phrases.get(keys[n - 1] as string);
      if (!list) continue;
      const to = i + n - 1;
      const phrase = list.find((p) =>
        p.exact !== null ? exactText(text, tokens, i, to) === p.exact : p.anyCase || startsUpper(text, tok.start),
      );
      if (!phrase) continue;
      out.push({
        target: phrase.target,
        from: i,
        to,
        start: tok.start,
        end: (tokens[to] as Token).end,
        surface: phrase.surface,
      });
      i = to;
      break;
    }
  }
  return out;
}

let defaultGazetteer: Gazetteer | null = null;

/** The built-in gazetteer, compiled on first use. */
export function getDefaultGazetteer(): Gazetteer {
  defaultGazetteer ??= compileGazetteer();
  return defaultGazetteer;
}
