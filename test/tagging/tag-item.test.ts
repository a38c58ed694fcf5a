import { describe, expect, it } from 'vitest';
import { compileTopicRules, createTagger, tagItem } from '../../src/tagging/index.js';

const countries = (title: string, text = ''): string[] => tagItem({ title, text }).countries;

describe('tagItem: countries and case rules', () => {
  it('reads "US" and "U.S." only as written; "us" and "Us" are pronouns', () => {
    expect(countries('US and China resume talks')).toEqual(['US', 'CN']);
    expect(countries('U.S. envoy lands in Seoul')).toEqual(['US', 'KR']);
    expect(countries('Let us talk about tariffs')).toEqual([]);
    expect(countries('Let Us Not Forget Sudan')).toEqual(['SD']);
    expect(countries('Tell us what you think')).toEqual([]);
  });

  it('needs a capital letter for names, so the bird and the common nouns do not count', () => {
    expect(countries('The turkey was pardoned on Wednesday')).toEqual([]);
    expect(countries('Cheap china and guinea pigs')).toEqual([]);
    expect(countries('Turkey and Greece hold talks')).toEqual(['TR', 'GR']);
  });

  it('rejects a capitalised Turkey in a Thanksgiving story', () => {
    expect(countries('White House Turkey Pardon Draws Crowd', 'Two turkeys were spared before Thanksgiving.')).toEqual(['US']);
    expect(countries("Turkey's central bank cuts rates", 'Ankara signalled more cuts.')).toEqual(['TR']);
  });

  it('tells Niger from Nigeria, and the Niger Delta belongs to Nigeria', () => {
    expect(countries('Niger and Nigeria reopen border')).toEqual(['NE', 'NG']);
    expect(countries('Nigerien troops', 'Nigerian officials agreed.')).toEqual(['NE', 'NG']);
    expect(countries('Oil spill in the Niger Delta')).toEqual(['NG']);
  });

  it('lets the longest name win for the Guineas and the Sudans', () => {
    expect(countries('Guinea-Bissau votes')).toEqual(['GW']);
    expect(countries('Guinea Bissau votes')).toEqual(['GW']);
    expect(countries('Equatorial Guinea and Guinea sign pact')).toEqual(['GQ', 'GN']);
    expect(countries('Papua New Guinea election')).toEqual(['PG']);
    expect(countries('South Sudan accuses Sudan')).toEqual(['SS', 'SD']);
    expect(countries('Piracy in the Gulf of Guinea')).toEqual([]);
  });

  it('separates the two Congos: bare "Congo" is the DRC', () => {
    expect(countries('Republic of Congo holds vote')).toEqual(['CG']);
    expect(countries('Democratic Republic of the Congo and Rwanda')).toEqual(['CD', 'RW']);
    expect(countries('DRC army retakes Goma')).toEqual(['CD']);
    expect(countries('Fighting in eastern Congo')).toEqual(['CD']);
    expect(countries('Congo-Brazzaville')).toEqual(['CG']);
    expect(countries('Talks in Brazzaville')).toEqual(['CG']);
  });

  it('takes Chad as a country only in an African context, and never as a first name', () => {
    expect(countries('Chad expels French troops', "N'Djamena gave soldiers until January to leave.")).toEqual(['TD', 'FR']);
    expect(countries('Chad closes border with Sudan')).toEqual(['TD', 'SD']);
    expect(countries('Chad Mitchell named ambassador to Canada')).toEqual(['CA']);
    expect(countries('Chad Smith testifies', 'He told senators the Sahel is unstable.')).toEqual([]);
    expect(countries('Chad wins the lottery')).toEqual([]);
    expect(countries('Lake Chad fishermen', 'Chadian fishermen said the water is shrinking.')).toEqual(['TD']);
  });

  it('takes Jordan as a country in a Middle East context, not as a name', () => {
    expect(countries('Jordan intercepts drones over Amman')).toEqual(['JO']);
    expect(countries('Jordan Bardella leads French polls')).toEqual(['FR']);
    expect(countries('Rep. Jim Jordan subpoenas EU officials')).toEqual([]);
    expect(countries('Michael Jordan visits Paris')).toEqual(['FR']);
    expect(countries('Israel and Jordan discuss water deal')).toEqual(['IL', 'JO']);
  });

  it('reads Georgia the US state as US and the country only with context', () => {
    expect(countries('Georgia governor signs election bill', 'Atlanta suburbs brace for a runoff.')).toEqual(['US']);
    expect(countries('Georgia Republicans pick Senate candidate')).toEqual(['US']);
    expect(countries('Georgia suspends EU accession talks', 'Protests in Tbilisi.')).toEqual(['GE']);
    expect(countries('Georgian Dream wins vote')).toEqual(['GE']);
    expect(countries('Russia warns Georgia over NATO bid')).toEqual(['RU', 'GE']);
    expect(countries('Georgia on my mind')).toEqual([]);
  });

  it('reads Washington as the US government, except the Post, the state and a person', () => {
    expect(countries('Washington and Beijing trade accusations')).toEqual(['US', 'CN']);
    expect(countries('Washington Post reporter expelled from Russia')).toEqual(['RU']);
    expect(countries('Wildfires in Washington state')).toEqual(['US']);
    expect(countries('George Washington letters auctioned')).toEqual([]);
    expect(countries('Denzel Washington visits Lagos')).toEqual(['NG']);
  });

  it('maps capitals and seats of power to their states', () => {
    expect(countries('Kremlin rejects offer')).toEqual(['RU']);
    expect(countries('the Kremlin said')).toEqual(['RU']);
    expect(countries('Beijing and Moscow sign deal')).toEqual(['CN', 'RU']);
    expect(countries('Whitehall review', 'Downing Street declined to comment.')).toEqual(['GB']);
    expect(countries("Quai d'Orsay summons envoy")).toEqual(['FR']);
    expect(countries('Quai d’Orsay summons envoy')).toEqual(['FR']);
    expect(countries('Foggy Bottom reorganised')).toEqual(['US']);
    expect(countries('Talks in Kyiv and Tehran')).toEqual(['UA', 'IR']);
  });

  it('reads the common abbreviations', () => {
    expect(countries('UK, UAE and DRC sign pact')).toEqual(['GB', 'AE', 'CD']);
    expect(countries('PRC warns ROK and DPRK')).toEqual(['CN', 'KR', 'KP']);
    expect(countries('USA and U.K. at odds')).toEqual(['US', 'GB']);
  });

  it('folds accents and apostrophes', () => {
    expect(countries("Côte d'Ivoire votes")).toEqual(['CI']);
    expect(countries('Cote d’Ivoire votes')).toEqual(['CI']);
    expect(countries('Türkiye and Turkey are the same')).toEqual(['TR']);
    expect(countries('Talks in Bogota and Bogotá')).toEqual(['CO']);
  });

  it('does not count seas, oceans, agreements or bodies named after places', () => {
    expect(countries('Missile lands in the Sea of Japan')).toEqual([]);
    expect(countries('Indian Ocean patrols')).toEqual([]);
    expect(countries('Jets over the Gulf of Finland')).toEqual([]);
    expect(countries('Paris Agreement targets slip')).toEqual([]);
    expect(countries('Court in The Hague rules')).toEqual([]);
    expect(countries('EU ministers meet in Brussels')).toEqual([]);
    expect(countries('Latin American leaders meet')).toEqual([]);
  });

  it('matches on word boundaries only', () => {
    expect(countries('Omani envoy meets woman minister')).toEqual(['OM']);
    expect(countries('Niger-Nigeria pipeline')).toEqual(['NE', 'NG']);
    expect(countries('Indiana lawmakers debate')).toEqual(['US']);
    expect(countries('Chinatown festival')).toEqual([]);
  });

  it('lists each country once, in order of first mention, title before text', () => {
    expect(countries('Russia and Ukraine', 'Ukrainian and Russian officials met in Riyadh.')).toEqual(['RU', 'UA', 'SA']);
  });
});

describe('tagItem: regions and organisations', () => {
  it('derives regions from countries, region names and regional bodies, first mention first', () => {
    const tags = tagItem({ title: 'Sahel juntas meet ASEAN envoys', text: 'Brazil observed.' });
    expect(tags.countries).toEqual(['BR']);
    expect(tags.regions).toEqual(['sub-saharan-africa', 'east-asia-pacific', 'americas']);
    expect(tags.organisations).toEqual(['asean']);
  });

  it('maps global bodies to no region', () => {
    const tags = tagItem({ title: 'UN and IMF warn on debt', text: '' });
    expect(tags.organisations).toEqual(['un', 'imf']);
    expect(tags.regions).toEqual([]);
  });

  it('reads "WHO" as the organisation only in capitals', () => {
    expect(tagItem({ title: 'WHO declares emergency', text: '' }).organisations).toEqual(['who']);
    expect(tagItem({ title: 'Who will lead Europe?', text: '' }).organisations).toEqual([]);
  });
});

describe('tagItem: topics', () => {
  it('applies the default rules and their stems', () => {
    expect(tagItem({ title: 'EU sanctions Russian banks', text: '' }).topics).toEqual(['trade-sanctions']);
    expect(tagItem({ title: 'Refugees cross into Chad', text: 'Aid agencies warn of displacement.' }).topics).toEqual(['migration']);
  });

  it('masks excluded phrases without vetoing the topic', () => {
    expect(tagItem({ title: 'India and Pakistan trade fire', text: '' }).topics).not.toContain('trade-sanctions');
    expect(tagItem({ title: 'India and Pakistan trade fire', text: 'New tariffs loom.' }).topics).toContain('trade-sanctions');
  });

  it('takes custom rules, compiled once', () => {
    const rules = compileTopicRules([{ key: 'health', title: 'Health', include: ['vaccin*', 'outbreak'], exclude: ['outbreak of war'] }]);
    expect(tagItem({ title: 'Measles vaccination drive', text: '' }, rules).topics).toEqual(['health']);
    expect(tagItem({ title: 'Outbreak of war feared', text: '' }, rules).topics).toEqual([]);
    const tag = createTagger({ topicRules: rules });
    expect(tag({ title: 'Cholera outbreak in Yemen', text: '' })).toMatchObject({ countries: ['YE'], topics: ['health'] });
  });

  it('rejects a rule set with a duplicate key', () => {
    expect(() =>
      compileTopicRules([
        { key: 'a', title: 'A', include: ['x'] },
        { key: 'a', title: 'A again', include: ['y'] },
      ]),
    ).toThrow(/defined twice/);
  });
});

describe('tagItem: more names that are also people and words', () => {
  it('does not read capitals used as given names as the country', () => {
    // Lula stands for Brazil (people gazetteer, issue 11); Santiago is not Chile here.
    expect(countries('Santiago Peña meets Lula in Asunción')).toEqual(['PY', 'BR']);
    expect(countries('Talks in Santiago on lithium')).toEqual(['CL']);
    expect(countries('Sofia Coppola film opens in Berlin')).toEqual(['DE']);
    expect(countries('Paris Hilton visits Seoul')).toEqual(['KR']);
    expect(countries('Paris and Berlin split on tariffs')).toEqual(['FR', 'DE']);
  });

  it('ignores word-like abbreviations in all-caps headlines, but not elsewhere', () => {
    expect(countries('CAR BOMB KILLS 10 IN MOGADISHU')).toEqual(['SO']);
    expect(countries('UN peacekeepers leave CAR')).toEqual(['CF']);
    expect(countries('US AND CHINA AGREE TRUCE')).toEqual(['US', 'CN']);
  });
});
