// Issue 11: people stand for their countries, other languages tag like
// English, salience tells subjects from brokers, and places carry regions.
import { describe, expect, it } from 'vitest';
import { getDefaultPeople, inflect, parsePeople, stalePeople, tagItem } from '../../src/tagging/index.js';

const tags = (title: string, text = '') => tagItem({ title, text });

describe('people gazetteer', () => {
  it('reads leaders as their countries', () => {
    expect(tags('Sheinbaum wins reprieve from Trump on steel tariffs').countries).toEqual(['MX', 'US']);
    expect(tags('Tshisekedi and Kagame shake hands').countries).toEqual(['CD', 'RW']);
    expect(tags('Ouattara and Traoré thaw relations with border deal').countries).toEqual(['CI', 'BF']);
    expect(tags('Lukaschenko begnadigt Journalisten').countries).toEqual(['BY']);
  });

  it('reads heads of bodies as their body, not their home country', () => {
    const t = tags('Rutte and Grossi warn on Zaporizhzhia plant');
    expect(t.organisations).toEqual(['nato', 'iaea']);
    expect(t.countries).toEqual(['UA']);
  });

  it("reads Taiwan's president by surname, but not the Hong Kong publisher Jimmy Lai", () => {
    expect(tags("Lai vows to raise defence spending").countries).toEqual(['TW']);
    expect(tags('Jimmy Lai appeal hearing set for March').countries).toEqual([]);
  });

  it('needs the full name where a surname is a common word or name', () => {
    expect(tags('Lee Jae-myung meets Takaichi').countries).toEqual(['KR', 'JP']);
    expect(tags('Spike Lee film opens').countries).toEqual([]);
    expect(tags('Peace talks stall', 'Rodrigo Paz spoke in La Paz.').countries).toEqual(['BO']);
  });

  it('has a valid data file covering a head of state or government for every UN member', () => {
    const people = getDefaultPeople();
    expect(people.length).toBeGreaterThan(400);
    const heads = new Set(people.filter((p) => p.role === 'head-of-state' || p.role === 'head-of-government').map((p) => p.country));
    expect(heads.size).toBeGreaterThanOrEqual(190);
  });

  it('rejects a bad entry with its index, name and field', () => {
    expect(() => parsePeople({ people: [{ name: 'A B', country: 'mx', role: 'head-of-state', validFrom: '2024', checked: '2025-01-01' }] })).toThrow(
      /people\[0\] \(A B\)\.country/,
    );
    expect(() => parsePeople({ people: [{ name: 'A B', role: 'head-of-state', validFrom: '2024', checked: '2025-01-01' }] })).toThrow(/exactly one of/);
  });

  it('lists entries not checked for more than a year', () => {
    const people = parsePeople({
      people: [
        { name: 'Old Entry', country: 'FR', role: 'head-of-state', validFrom: '2017', checked: '2025-01-01' },
        { name: 'New Entry', country: 'DE', role: 'head-of-government', validFrom: '2025-05-06', checked: '2026-06-01' },
      ],
    });
    expect(stalePeople(people, new Date('2026-12-01T00:00:00Z')).map((p) => p.name)).toEqual(['Old Entry']);
  });
});

describe('other languages', () => {
  it('tags Spanish, French, German and Portuguese names, capitals and inflected adjectives', () => {
    expect(tags('México logra de Washington una prórroga', 'El acero mexicano y Estados Unidos.').countries).toEqual(['MX', 'US']);
    expect(tags('Soudan : reprise des pourparlers à Djeddah', "L'armée soudanaise et la médiation américaine et saoudienne.").countries).toEqual(['SD', 'SA', 'US']);
    expect(tags('Polen öffnet Grenzübergänge zu Belarus', 'Warschau und die russischen Truppen; Irans Vorrat.').countries).toEqual(['PL', 'BY', 'RU', 'IR']);
    expect(tags('Corredor do Lobito', 'As minas da Zâmbia e o porto angolano.').countries).toEqual(['AO', 'ZM']);
  });

  it('matches a body as Portuguese and French write it, not only as the acronym', () => {
    expect(tags('Opep+ eleva cotas a partir de janeiro').organisations).toEqual(['opec']);
    expect(tags("L'Otan et la Cedeao saluent l'accord").organisations).toEqual(['nato', 'ecowas']);
    expect(tags('OPEP+ sube la producción').organisations).toEqual(['opec']);
  });

  it('names one place across languages, so clustering sees one term', () => {
    const place = (title: string): string[] => tags(title).entitySpans.flatMap((s) => s.terms).filter((t) => t.startsWith('l:'));
    expect(place('Iran droht mit Schließung der Straße von Hormus')).toContain('l:Strait of Hormuz');
    expect(place('Menace iranienne sur Ormuz')).toContain('l:Strait of Hormuz');
    expect(place('Einnahmen aus dem Suezkanal brechen ein')).toEqual(['l:Suez']);
    expect(place('Nato verstärkt Luftpatrouillen über dem Baltikum')).toEqual(['l:Baltic']);
    expect(place('Defence pact for the Baltic states')).toEqual(['l:Baltic']);
    // Gaza and the West Bank are tagged PS, and are two places all the same.
    expect(tags('Aid convoy enters Gaza').countries).toEqual(['PS']);
    expect(place('Aid convoy enters Gaza')).toEqual(['l:Gaza']);
    expect(place('Nouvelles colonies en Cisjordanie')).toEqual(['l:West Bank']);
    expect(place('Hilfskonvoi erreicht den Gazastreifen')).toEqual(['l:Gaza']);
  });

  it('inflects adjectives per language', () => {
    expect(inflect('es', 'francés')).toEqual(expect.arrayContaining(['francesa', 'franceses']));
    expect(inflect('fr', 'ivoirien')).toEqual(expect.arrayContaining(['ivoirienne', 'ivoiriennes']));
    expect(inflect('de', 'russisch')).toEqual(expect.arrayContaining(['russische', 'russischen']));
    expect(inflect('pt', 'alemão')).toEqual(expect.arrayContaining(['alemã']));
  });
});

describe('salience: about vs mentioned', () => {
  it('leaves brokers, venues and sources out of what an item is about', () => {
    const sudan = tags('US-brokered talks aim for Sudan truce in Jeddah', 'American mediators pressed the generals, with Saudi Arabia mediating.');
    expect(sudan.countries).toEqual(['US', 'SD', 'SA']);
    expect(sudan.aboutCountries).toEqual(['SD']);
    expect(sudan.aboutRegions).toEqual(['sub-saharan-africa']);
    const drc = tags('DR Congo and Rwanda sign peace deal in Washington', 'The accord was brokered by the United States.');
    expect(drc.aboutCountries).toEqual(['CD', 'RW']);
    expect(drc.aboutRegions).toEqual(['sub-saharan-africa']);
    expect(tags('North Korea fires ballistic missile, Seoul says').aboutCountries).toEqual(['KP']);
  });

  it('keeps later sentences and background prepositions out', () => {
    const corridor = tags('Brazil and Chile open road corridor', 'Officials said the route would cut shipping times to Asia. Chinese buyers welcomed it.');
    expect(corridor.aboutCountries).toEqual(['BR', 'CL']);
    expect(corridor.aboutRegions).toEqual(['americas']);
    expect(tags('Blockade deepens shortages in Bamako', 'Fighters attacked a convoy on the road from Senegal.').aboutCountries).toEqual(['ML']);
  });

  it('tells the two Congos apart by context', () => {
    expect(tags('Brazzaville signs oil-backed loan', 'Le gouvernement congolais a signé; le FMI avait mis en garde le Congo.').countries).toEqual(['CG']);
    expect(tags('Fighting in eastern Congo', 'Kinshasa accused Kigali.').countries).toEqual(['CD', 'RW']);
  });
});

describe('places and bodies that carry a region', () => {
  it('gives Red Sea, Bab el-Mandeb, Suez and Hormuz stories the MENA region without a country', () => {
    for (const title of ['Cargo ship struck near Bab el-Mandeb', 'Red Sea shipping resumes', 'Suez Canal traffic recovers', 'Tanker seized in Strait of Hormuz']) {
      const t = tags(title);
      expect(t.countries, title).toEqual([]);
      expect(t.aboutRegions, title).toEqual(['mena']);
    }
    expect(tags('Frachter im Roten Meer getroffen').aboutRegions).toEqual(['mena']);
  });

  it('reads national armed groups as their country and Sahel and Donbas as regions', () => {
    expect(tags('Houthis claim attack on merchant vessel').countries).toEqual(['YE']);
    expect(tags('Revolutionary Guards detain crew of fishing dhow').countries).toEqual(['IR']);
    expect(tags('IRGC navy holds drills near Abu Musa').countries).toEqual(['IR']);
    expect(tags('Die Revolutionsgarden setzen Öltanker fest').countries).toEqual(['IR']);
    expect(tags('Jihadists extend reach across the Sahel').aboutRegions).toEqual(['sub-saharan-africa']);
    expect(tags('Shelling intensifies in Donbas').aboutRegions).toEqual(['europe']);
    expect(tags('OPEC+ agrees to extend output cuts').aboutRegions).toEqual(['mena']);
  });

  it('does not take Vienna for Austria when it is the IAEA seat', () => {
    expect(tags('IAEA board meets', 'The board meeting in Vienna will discuss Iran.').countries).toEqual(['IR']);
  });
});

describe('topics from phrases, not single words', () => {
  it('does not read an exchange of fire as trade or a Typhoon sale as climate', () => {
    expect(tags('Indian and Pakistani troops trade artillery fire along Kashmir line').topics).not.toContain('trade-sanctions');
    expect(tags('Turkey buys 40 Eurofighter Typhoon jets from Britain').topics).not.toContain('energy-climate');
  });
});
