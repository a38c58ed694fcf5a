// The people gazetteer: heads of state and government, foreign and defence
// ministers and the heads of international bodies, who stand for their country
// (or body) in headlines ("Sheinbaum wins reprieve from Trump"). The data is
// src/tagging/people.json (format in the README, "People gazetteer");
// it is validated once, on first use, so a bad edit fails loudly and names the
// entry rather than silently tagging nothing.
import { z } from 'zod';
import peopleFile from './people.json' with { type: 'json' };

export const PERSON_ROLES = [
  'head-of-state',
  'head-of-government',
  'vice-president',
  'foreign-minister',
  'defence-minister',
  'head-of-organisation',
  'other',
] as const;

export type PersonRole = (typeof PERSON_ROLES)[number];

export interface PersonData {
  /** Full name as usually written; always matched. */
  name: string;
  /** Other surface forms matched alone (surnames, transliterations). Only forms that are not common words or names. */
  aliases?: string[];
  /** ISO 3166-1 alpha-2 code (XK = Kosovo) of the country the person stands for. */
  country?: string;
  /** Organisation key (see ORGANISATIONS: "un", "nato", "eu"…) for heads of international bodies. */
  org?: string;
  role: PersonRole;
  /** First day in the role (YYYY, YYYY-MM or YYYY-MM-DD). */
  validFrom: string;
  /** Last day in the role, when it has ended or its end is fixed. */
  validTo?: string;
  /** When someone last checked this entry against a reliable source (YYYY-MM-DD). */
  checked: string;
}

const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date YYYY, YYYY-MM or YYYY-MM-DD');

const personSchema = z
  .object({
    name: z.string().min(2),
    aliases: z.array(z.string().min(2)).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO alpha-2 code such as "MX"').optional(),
    org: z.string().regex(/^[a-z0-9-]+$/, 'an organisation key such as "nato"').optional(),
    role: z.enum(PERSON_ROLES),
    validFrom: partialDate,
    validTo: partialDate.optional(),
    checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  })
  .strict()
  .refine((p) => (p.country === undefined) !== (p.org === undefined), 'exactly one of "country" and "org"');

/** Validates people data; the error names the entry (index and name) and the field. */
export function parsePeople(data: unknown, source = 'people.json'): PersonData[] {
  const list = z.object({ people: z.array(z.unknown()) }).safeParse(data);
  if (!list.success) throw new Error(`${source}: expected an object with a "people" array`);
  return list.data.people.map((entry, i) => {
    const parsed = personSchema.safeParse(entry);
    if (parsed.success) return parsed.data as PersonData;
    const name = typeof (entry as { name?: unknown })?.name === 'string' ? ` (${(entry as { name: string }).name})` : '';
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `.${issue.path.join('.')}` : '';
    throw new Error(`${source}: people[${i}]${name}${where}: ${issue?.message ?? 'invalid entry'}`);
  });
}

let defaultPeople: PersonData[] | null = null;

/** The built-in people data, validated on first use. */
export function getDefaultPeople(): readonly PersonData[] {
  defaultPeople ??= parsePeople(peopleFile, 'src/tagging/people.json');
  return defaultPeople;
}

export interface StalePerson extends PersonData {
  /** Whole days since `checked`. */
  ageDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Entries last checked more than `maxAgeDays` (default 365) before `now`, oldest first. */
export function stalePeople(people: readonly PersonData[], now: Date, maxAgeDays = 365): StalePerson[] {
  return people
    .map((p) => ({ ...p, ageDays: Math.floor((now.getTime() - Date.parse(`${p.checked}T00:00:00Z`)) / DAY_MS) }))
    .filter((p) => p.ageDays > maxAgeDays)
    .sort((a, b) => b.ageDays - a.ageDays || a.name.localeCompare(b.name));
}
