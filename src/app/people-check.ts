// `dispatch feeds people-check`: which entries of the people gazetteer have
// not been checked for more than a year. Office holders change (elections,
// reshuffles, coups); an entry nobody re-checked may tag a former minister's
// country for the wrong reasons, or miss the new one. Read-only, no store.
import { getDefaultPeople, stalePeople, type StalePerson } from '../tagging/index.js';

export interface PeopleCheck {
  /** Entries in the gazetteer. */
  total: number;
  /** Entries last checked more than `maxAgeDays` ago, oldest first. */
  stale: StalePerson[];
  maxAgeDays: number;
  /** Where the data lives, for the person updating it. */
  file: string;
}

export function peopleCheck(now: Date, maxAgeDays = 365): PeopleCheck {
  const people = getDefaultPeople();
  return { total: people.length, stale: stalePeople(people, now, maxAgeDays), maxAgeDays, file: 'src/tagging/people.json' };
}
