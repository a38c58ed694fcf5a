import { describe, expect, it } from 'vitest';
import { looksTitleCase, stem, storyTerms } from '../../src/cluster/index.js';

const terms = (text: string): string[] => storyTerms(text).map((t) => t.term);

describe('stem', () => {
  it('brings plural and verb forms of one word together', () => {
    expect(new Set(['sanction', 'sanctions', 'sanctioned', 'sanctioning'].map(stem))).toEqual(new Set(['sanction']));
    expect(new Set(['agree', 'agreed', 'agrees', 'agreeing', 'agreement'].map(stem)).size).toBe(1);
    expect(new Set(['expel', 'expels', 'expelled'].map(stem)).size).toBe(1);
    expect(new Set(['censure', 'censured', 'censures', 'censuring'].map(stem)).size).toBe(1);
    expect(stem('countries')).toBe(stem('country'));
  });

  it('leaves short words, numbers and -ss/-us/-is endings alone', () => {
    expect(stem('un')).toBe('un');
    expect(stem('2026')).toBe('2026');
    expect(stem('status')).toBe('status');
    expect(stem('crisis')).toBe('crisis');
  });
});

describe('storyTerms', () => {
  it('drops stop words, reporting verbs and weekdays', () => {
    expect(terms('The minister said on Monday that the talks would resume')).toEqual([stem('minister'), stem('talks'), stem('resume')]);
  });

  it('reads "U.S." and "US" as the country and "us" as the pronoun', () => {
    expect(terms('U.S. envoy visits Kyiv')).toContain('usa');
    expect(terms('US envoy visits Kyiv')).toContain('usa');
    expect(terms('The United States said')).toContain('usa');
    expect(terms('Join us for the briefing')).not.toContain('usa');
  });

  it('maps demonyms and capitals used as metonyms to the country', () => {
    expect(terms('Japanese and Chinese diplomats')).toEqual(['japan', 'china', stem('diplomats')]);
    expect(terms('The Kremlin rejected the plan')).toContain('russia');
    expect(terms("Tehran's answer")).toEqual(['iran', stem('answer')]);
  });

  it('keeps multi-word names whole, so South Sudan is not Sudan', () => {
    expect(terms('South Sudan votes')).toEqual(['southsudan', stem('votes')]);
    expect(terms('North Korea fires missile')).toContain('northkorea');
    expect(terms('UN Security Council meets')).toEqual(['un', 'securitycouncil', stem('meets')]);
  });

  it('strips diacritics, possessives and punctuation', () => {
    expect(terms("Cúcuta's border bridges")).toEqual(['cucuta', stem('border'), stem('bridges')]);
  });

  it('marks names: capitalised mid-sentence or an acronym; says nothing at a sentence start', () => {
    const t = storyTerms('Talks in Geneva ended. Delegates from NATO left early');
    const flag = (term: string) => t.find((x) => x.term === term)?.capitalised;
    expect(flag(stem('talks'))).toBeUndefined();
    expect(flag('geneva')).toBe(true);
    expect(flag(stem('ended'))).toBe(false);
    expect(flag(stem('delegates'))).toBeUndefined();
    expect(flag('nato')).toBe(true);
  });
});

describe('storyTerms in other languages', () => {
  it('splits German compounds into the words an English report uses', () => {
    expect(terms('Luftverteidigung')).toEqual(terms('air defence'));
    expect(terms('Treibstoffschmuggel')).toEqual(terms('fuel smuggling'));
    expect(terms('Präsidentschaftswahlen')).toContain(stem('election'));
    expect(terms('Drohnenangriffe auf Kiew')).toEqual(expect.arrayContaining([stem('drone'), stem('attack')]));
    // An unknown modifier stays as it is: "Containerschiffe" = container + ship.
    expect(terms('Containerschiffe')).toEqual([stem('container'), stem('ship')]);
  });

  it('reads words that are also names of object properties as words', () => {
    expect(terms('constructor toString valueOf')).toEqual([stem('constructor'), stem('tostring'), stem('valueof')]);
  });

  it('does not split English words that end in a foreign word', () => {
    expect(terms('surveillance')).toEqual([stem('surveillance')]);
    expect(terms('administer')).toEqual([stem('administer')]);
  });

  it('translates to the one term an English phrase becomes', () => {
    expect(terms('Außenminister')).toEqual(terms('foreign minister'));
    expect(terms('ministres des affaires étrangères')).toEqual(terms('foreign ministers'));
    expect(terms('Generalsekretär')).toEqual(terms('Secretary General'));
  });

  it('reads an amount as its value in every language and notation', () => {
    const billion = terms('$1.2bn');
    expect(billion).toEqual(['1200000000']);
    expect(terms('1,2 milliard de dollars')).toContain('1200000000');
    expect(terms('1.200 millones de dólares')).toContain('1200000000');
    expect(terms('1,2 Milliarden Dollar')).toContain('1200000000');
    expect(terms('US$ 900 milhões')).toContain('900000000');
    expect(terms('$900m loan')).toContain('900000000');
    // A decimal is one term, not two numbers and a sentence end.
    expect(terms('rose 1.4% on Friday')).toContain('1.4');
    expect(terms('subió un 1,4 %')).toContain('1.4');
  });

  it('gives a word with two English readings both', () => {
    // "aprueba" is how Spanish says the EU adopts a package and a board approves a loan.
    expect(terms('aprueba')).toEqual(expect.arrayContaining([stem('adopt'), stem('approve')]));
  });

  it('folds the words outlets swap for one another, and irregular verbs', () => {
    expect(terms('peace deal')).toEqual(terms('peace agreement'));
    expect(terms('border pact')).toEqual(terms('border accord'));
    expect(terms('truce')).toEqual(terms('ceasefire'));
    expect(terms('opposition won')).toEqual(terms('opposition wins'));
    expect(terms('Kuomintang')).toEqual(terms('KMT'));
  });

  it('gives output, quota and seizure news the same words in every language', () => {
    expect(terms('mantiene su producción')).toEqual(terms('keeps output'));
    expect(terms('cotas no primeiro trimestre')).toEqual(terms('quotas in the first quarter'));
    expect(terms('Tanker beschlagnahmt')).toEqual(terms('tanker seized'));
  });
});

describe('looksTitleCase', () => {
  it('spots US-style Title Case headlines', () => {
    expect(looksTitleCase('China Surrounds Taiwan With Warships in Show of Force')).toBe(true);
    expect(looksTitleCase('China stages military drills around Taiwan')).toBe(false);
    expect(looksTitleCase('Sudan')).toBe(false);
  });
});
