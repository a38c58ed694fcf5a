// Gazetteer data: every UN member state, major territories and observers,
// international organisations, region names, and phrases that look like a
// place but are not one. Matching rules (in gazetteer.ts):
// - names, demonyms, capitals, metonyms, cities: matched on word boundaries,
//   accents and case folded, but the first letter must be a capital
//   ("Turkey", not "turkey"; "Chad", not "chad").
// - abbreviations: matched exactly as written ("US" but never "us" or "Us").
// - the longest phrase at a position wins ("Guinea-Bissau" over "Guinea",
//   "Niger Delta" over "Niger").
import type { RegionKey } from '../shared/regions.js';

export interface AmbiguityRule {
  /** Which of the entry's forms are ambiguous (they alone; demonyms etc. stay sure). */
  forms: string[];
  /** Also a given name or surname: "Jim Jordan", "Chad Mitchell", "George Washington". */
  personLike?: boolean;
  /** Only a country when the item names another place, body or region in the same region, or the country's own capital/demonym. */
  needsContext?: boolean;
  /** Words (case-insensitive, whole words) that mean the form is not this country at all. */
  rejectWhen?: string[];
  /** Words that mean the form is a US state: counted as US instead. */
  usStateWhen?: string[];
}

export interface CountryData {
  /** ISO 3166-1 alpha-2 (XK for Kosovo, as commonly used). */
  code: string;
  /** Display name. Also matched. */
  name: string;
  region: RegionKey;
  /** false for territories and observers. */
  unMember?: boolean;
  names?: string[];
  demonyms?: string[];
  /** Capital or seat of government; also used as metonym ("Beijing said"). */
  capitals?: string[];
  /** Other seats of power used for the state: "Kremlin", "Whitehall", "Foggy Bottom". */
  metonyms?: string[];
  /** Well-known non-capital cities and regions that place a story in the country. */
  places?: string[];
  /** Matched case-sensitively, exactly as written. */
  abbreviations?: string[];
  ambiguity?: AmbiguityRule;
}

export interface OrganisationData {
  key: string;
  name: string;
  /** Region the body stands for, or null for global bodies. */
  region: RegionKey | null;
  /**
   * For a global body whose news is mostly from one region (the IAEA: Iran):
   * the region a story gets when it names nothing else that places it.
   */
  usualRegion?: RegionKey;
  names?: string[];
  abbreviations?: string[];
}

export interface RegionTermData {
  region: RegionKey;
  terms: string[];
}

const US_STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon',
  'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont',
  'Virginia', 'West Virginia', 'Wisconsin', 'Wyoming',
];

export const COUNTRIES: CountryData[] = [
  // ── Americas ──
  { code: 'AG', name: 'Antigua and Barbuda', region: 'americas', names: ['Antigua'], demonyms: ['Antiguan'], capitals: ["St John's", "Saint John's"] },
  { code: 'AR', name: 'Argentina', region: 'americas', demonyms: ['Argentine', 'Argentinian', 'Argentinean'], capitals: ['Buenos Aires'], metonyms: ['Casa Rosada'] },
  { code: 'BS', name: 'Bahamas', region: 'americas', names: ['The Bahamas'], demonyms: ['Bahamian'], capitals: ['Nassau'] },
  { code: 'BB', name: 'Barbados', region: 'americas', demonyms: ['Barbadian', 'Bajan'], capitals: ['Bridgetown'] },
  { code: 'BZ', name: 'Belize', region: 'americas', demonyms: ['Belizean'], capitals: ['Belmopan'] },
  { code: 'BO', name: 'Bolivia', region: 'americas', demonyms: ['Bolivian'], capitals: ['La Paz', 'Sucre'], places: ['Santa Cruz de la Sierra'] },
  { code: 'BR', name: 'Brazil', region: 'americas', demonyms: ['Brazilian'], capitals: ['Brasília', 'Brasilia'], metonyms: ['Planalto', 'Itamaraty'], places: ['São Paulo', 'Rio de Janeiro', 'Belém', 'Amazonas'] },
  { code: 'CA', name: 'Canada', region: 'americas', demonyms: ['Canadian'], capitals: ['Ottawa'], metonyms: ['Parliament Hill'], places: ['Toronto', 'Montreal', 'Quebec', 'Ontario', 'Alberta', 'British Columbia'] },
  { code: 'CL', name: 'Chile', region: 'americas', demonyms: ['Chilean'], capitals: ['Santiago'], metonyms: ['La Moneda'], ambiguity: { forms: ['Santiago'], personLike: true } },
  { code: 'CO', name: 'Colombia', region: 'americas', demonyms: ['Colombian'], capitals: ['Bogotá', 'Bogota'], metonyms: ['Casa de Nariño'], places: ['Medellín', 'Cali', 'Cartagena'] },
  { code: 'CR', name: 'Costa Rica', region: 'americas', demonyms: ['Costa Rican'], capitals: ['San José'] },
  { code: 'CU', name: 'Cuba', region: 'americas', demonyms: ['Cuban'], capitals: ['Havana'], places: ['Guantánamo', 'Guantanamo'] },
  { code: 'DM', name: 'Dominica', region: 'americas', capitals: ['Roseau'] },
  { code: 'DO', name: 'Dominican Republic', region: 'americas', demonyms: ['Dominican'], capitals: ['Santo Domingo'] },
  { code: 'EC', name: 'Ecuador', region: 'americas', demonyms: ['Ecuadorian', 'Ecuadorean'], capitals: ['Quito'], places: ['Guayaquil'] },
  { code: 'SV', name: 'El Salvador', region: 'americas', demonyms: ['Salvadoran', 'Salvadorean'], capitals: ['San Salvador'] },
  { code: 'GD', name: 'Grenada', region: 'americas', demonyms: ['Grenadian'], capitals: ["St George's"] },
  { code: 'GT', name: 'Guatemala', region: 'americas', demonyms: ['Guatemalan'], capitals: ['Guatemala City'] },
  { code: 'GY', name: 'Guyana', region: 'americas', demonyms: ['Guyanese'], capitals: ['Georgetown'], places: ['Essequibo'] },
  { code: 'HT', name: 'Haiti', region: 'americas', demonyms: ['Haitian'], capitals: ['Port-au-Prince'] },
  { code: 'HN', name: 'Honduras', region: 'americas', demonyms: ['Honduran'], capitals: ['Tegucigalpa'] },
  { code: 'JM', name: 'Jamaica', region: 'americas', demonyms: ['Jamaican'], capitals: ['Kingston'] },
  { code: 'MX', name: 'Mexico', region: 'americas', demonyms: ['Mexican'], capitals: ['Mexico City'], metonyms: ['Los Pinos', 'Palacio Nacional'], places: ['Tijuana', 'Ciudad Juárez', 'Juárez', 'Sinaloa', 'Jalisco', 'Chihuahua', 'Monterrey', 'Guadalajara'] },
  { code: 'NI', name: 'Nicaragua', region: 'americas', demonyms: ['Nicaraguan'], capitals: ['Managua'] },
  { code: 'PA', name: 'Panama', region: 'americas', demonyms: ['Panamanian'], capitals: ['Panama City'], places: ['Panama Canal'] },
  { code: 'PY', name: 'Paraguay', region: 'americas', demonyms: ['Paraguayan'], capitals: ['Asunción', 'Asuncion'] },
  { code: 'PE', name: 'Peru', region: 'americas', demonyms: ['Peruvian'], capitals: ['Lima'] },
  { code: 'KN', name: 'Saint Kitts and Nevis', region: 'americas', names: ['St Kitts and Nevis', 'St. Kitts and Nevis', 'St Kitts'], demonyms: ['Kittitian'], capitals: ['Basseterre'] },
  { code: 'LC', name: 'Saint Lucia', region: 'americas', names: ['St Lucia', 'St. Lucia'], demonyms: ['Saint Lucian', 'St Lucian'], capitals: ['Castries'] },
  { code: 'VC', name: 'Saint Vincent and the Grenadines', region: 'americas', names: ['St Vincent and the Grenadines', 'St. Vincent and the Grenadines', 'St Vincent', 'Saint Vincent'], demonyms: ['Vincentian'], capitals: ['Kingstown'] },
  { code: 'SR', name: 'Suriname', region: 'americas', names: ['Surinam'], demonyms: ['Surinamese'], capitals: ['Paramaribo'] },
  { code: 'TT', name: 'Trinidad and Tobago', region: 'americas', names: ['Trinidad'], demonyms: ['Trinidadian'], capitals: ['Port of Spain', 'Port-of-Spain'] },
  {
    code: 'US', name: 'United States', region: 'americas',
    names: ['United States of America', 'America'],
    demonyms: ['American'],
    capitals: ['Washington', 'Washington DC', 'Washington, D.C.'],
    metonyms: ['White House', 'Pentagon', 'State Department', 'Department of State', 'Foggy Bottom', 'Capitol Hill', 'Oval Office', 'Langley', 'US Treasury', 'Treasury Department'],
    places: [...US_STATES.filter((s) => s !== 'New York'), 'Washington state', 'Washington State', 'Silicon Valley', 'Wall Street', 'Mar-a-Lago'],
    abbreviations: ['US', 'U.S.', 'U.S', 'USA', 'U.S.A.'],
    ambiguity: { forms: ['Washington'], personLike: true },
  },
  { code: 'UY', name: 'Uruguay', region: 'americas', demonyms: ['Uruguayan'], capitals: ['Montevideo'] },
  { code: 'VE', name: 'Venezuela', region: 'americas', demonyms: ['Venezuelan'], capitals: ['Caracas'], metonyms: ['Miraflores'], places: ['Maracaibo'] },
  { code: 'PR', name: 'Puerto Rico', region: 'americas', unMember: false, demonyms: ['Puerto Rican'], capitals: ['San Juan'] },
  { code: 'FK', name: 'Falkland Islands', region: 'americas', unMember: false, names: ['Falklands', 'Malvinas', 'Islas Malvinas'], demonyms: ['Falkland Islander'] },
  { code: 'BM', name: 'Bermuda', region: 'americas', unMember: false, demonyms: ['Bermudian'] },

  // ── Europe ──
  { code: 'AL', name: 'Albania', region: 'europe', demonyms: ['Albanian'], capitals: ['Tirana'] },
  { code: 'AD', name: 'Andorra', region: 'europe', demonyms: ['Andorran'], capitals: ['Andorra la Vella'] },
  { code: 'AM', name: 'Armenia', region: 'europe', demonyms: ['Armenian'], capitals: ['Yerevan'] },
  {
    code: 'AT', name: 'Austria', region: 'europe', demonyms: ['Austrian'], capitals: ['Vienna'], metonyms: ['Ballhausplatz'],
    // Vienna is also the seat of the IAEA, OPEC and the OSCE: there it stands for the body, not for Austria.
    ambiguity: { forms: ['Vienna'], rejectWhen: ['IAEA', 'OPEC', 'OSCE', 'nuclear watchdog', 'atomic energy', 'AIEA', 'OIEA', 'IAEO', 'OPEP'] },
  },
  { code: 'AZ', name: 'Azerbaijan', region: 'europe', demonyms: ['Azerbaijani', 'Azeri'], capitals: ['Baku'], places: ['Nagorno-Karabakh', 'Karabakh', 'Nakhchivan'] },
  { code: 'BY', name: 'Belarus', region: 'europe', names: ['Byelorussia', 'Bélarus'], demonyms: ['Belarusian', 'Belarussian'], capitals: ['Minsk'] },
  // Brussels stands for the EU far more often than for Belgium: see ORGANISATIONS.
  { code: 'BE', name: 'Belgium', region: 'europe', demonyms: ['Belgian'], places: ['Antwerp', 'Flanders', 'Wallonia'] },
  { code: 'BA', name: 'Bosnia and Herzegovina', region: 'europe', names: ['Bosnia-Herzegovina', 'Bosnia', 'Republika Srpska'], places: ['Bosnian Serb', 'Bosnian Serbs', 'Bosnian Croat', 'Bosnian Croats'], demonyms: ['Bosnian'], capitals: ['Sarajevo'], abbreviations: ['BiH'] },
  { code: 'BG', name: 'Bulgaria', region: 'europe', demonyms: ['Bulgarian'], capitals: ['Sofia'], ambiguity: { forms: ['Sofia'], personLike: true } },
  { code: 'HR', name: 'Croatia', region: 'europe', demonyms: ['Croatian', 'Croat'], capitals: ['Zagreb'] },
  { code: 'CY', name: 'Cyprus', region: 'europe', demonyms: ['Cypriot', 'Greek Cypriot', 'Turkish Cypriot'], capitals: ['Nicosia'] },
  { code: 'CZ', name: 'Czechia', region: 'europe', names: ['Czech Republic'], demonyms: ['Czech'], capitals: ['Prague'] },
  { code: 'DK', name: 'Denmark', region: 'europe', demonyms: ['Danish'], capitals: ['Copenhagen'] },
  { code: 'EE', name: 'Estonia', region: 'europe', demonyms: ['Estonian'], capitals: ['Tallinn'] },
  { code: 'FI', name: 'Finland', region: 'europe', demonyms: ['Finnish'], capitals: ['Helsinki'] },
  {
    code: 'FR', name: 'France', region: 'europe', demonyms: ['French', 'Frenchman', 'Frenchmen', 'Frenchwoman'], capitals: ['Paris'], metonyms: ['Élysée', 'Elysée', 'Élysée Palace', 'Quai d’Orsay', 'Matignon'], places: ['Marseille', 'Lyon', 'Corsica'],
    ambiguity: { forms: ['Paris'], personLike: true },
  },
  {
    code: 'GE', name: 'Georgia', region: 'europe',
    demonyms: ['Georgian'], capitals: ['Tbilisi'], places: ['Abkhazia', 'South Ossetia', 'Batumi'],
    ambiguity: {
      forms: ['Georgia'],
      personLike: true,
      needsContext: true,
      usStateWhen: ['Atlanta', 'Savannah', 'Augusta', 'governor', 'state legislature', 'US state', 'U.S. state', 'Peach State', 'Democrats', 'Democrat', 'Democratic', 'Republicans', 'Republican', 'GOP', 'Senate', 'senator', 'Fulton County', 'county', ...US_STATES],
    },
  },
  { code: 'DE', name: 'Germany', region: 'europe', demonyms: ['German'], capitals: ['Berlin'], metonyms: ['Bundestag', 'Bundeswehr', 'Bundesbank', 'Federal Foreign Office'], places: ['Munich', 'Hamburg', 'Frankfurt', 'Bavaria', 'Bayern', 'München', 'Süddeutschland', 'Norddeutschland'] },
  { code: 'GR', name: 'Greece', region: 'europe', demonyms: ['Greek'], capitals: ['Athens'] },
  { code: 'HU', name: 'Hungary', region: 'europe', demonyms: ['Hungarian'], capitals: ['Budapest'] },
  { code: 'IS', name: 'Iceland', region: 'europe', demonyms: ['Icelandic', 'Icelander'], capitals: ['Reykjavík', 'Reykjavik'] },
  { code: 'IE', name: 'Ireland', region: 'europe', names: ['Republic of Ireland', 'Irish Republic', 'Eire'], demonyms: ['Irish'], capitals: ['Dublin'], metonyms: ['Dáil', 'Dail'] },
  { code: 'IT', name: 'Italy', region: 'europe', demonyms: ['Italian'], capitals: ['Rome'], metonyms: ['Palazzo Chigi', 'Farnesina'], places: ['Milan', 'Naples', 'Sicily', 'Lampedusa'] },
  { code: 'LV', name: 'Latvia', region: 'europe', demonyms: ['Latvian'], capitals: ['Riga'] },
  { code: 'LI', name: 'Liechtenstein', region: 'europe', demonyms: ['Liechtensteiner'], capitals: ['Vaduz'] },
  { code: 'LT', name: 'Lithuania', region: 'europe', demonyms: ['Lithuanian'], capitals: ['Vilnius'] },
  { code: 'LU', name: 'Luxembourg', region: 'europe', demonyms: ['Luxembourgish', 'Luxembourger'] },
  { code: 'MT', name: 'Malta', region: 'europe', demonyms: ['Maltese'], capitals: ['Valletta'] },
  { code: 'MD', name: 'Moldova', region: 'europe', demonyms: ['Moldovan'], capitals: ['Chișinău', 'Chisinau', 'Chişinău'], places: ['Transnistria'] },
  { code: 'MC', name: 'Monaco', region: 'europe', demonyms: ['Monegasque'] },
  { code: 'ME', name: 'Montenegro', region: 'europe', demonyms: ['Montenegrin'], capitals: ['Podgorica'] },
  { code: 'NL', name: 'Netherlands', region: 'europe', names: ['The Netherlands', 'Holland'], demonyms: ['Dutch'], capitals: ['Amsterdam'], places: ['Rotterdam'] },
  { code: 'MK', name: 'North Macedonia', region: 'europe', names: ['Macedonia'], demonyms: ['Macedonian', 'North Macedonian'], capitals: ['Skopje'] },
  { code: 'NO', name: 'Norway', region: 'europe', demonyms: ['Norwegian'], capitals: ['Oslo'], places: ['Svalbard'] },
  { code: 'PL', name: 'Poland', region: 'europe', demonyms: ['Polish'], capitals: ['Warsaw'], places: ['Kraków', 'Krakow', 'Gdańsk', 'Gdansk', 'Rzeszów', 'Rzeszow'] },
  { code: 'PT', name: 'Portugal', region: 'europe', demonyms: ['Portuguese'], capitals: ['Lisbon'] },
  { code: 'RO', name: 'Romania', region: 'europe', demonyms: ['Romanian'], capitals: ['Bucharest'] },
  {
    code: 'RU', name: 'Russia', region: 'europe',
    names: ['Russian Federation'], demonyms: ['Russian'], capitals: ['Moscow'],
    metonyms: ['Kremlin', 'Duma', 'State Duma', 'Red Square', 'Lubyanka'],
    places: ['St Petersburg', 'St. Petersburg', 'Saint Petersburg', 'Kursk', 'Belgorod', 'Kaliningrad', 'Siberia', 'Chechnya', 'Ryazan', 'Rostov', 'Novorossiysk'],
  },
  { code: 'SM', name: 'San Marino', region: 'europe', demonyms: ['Sammarinese'] },
  { code: 'RS', name: 'Serbia', region: 'europe', demonyms: ['Serbian', 'Serb'], capitals: ['Belgrade'], places: ['Novi Sad'] },
  { code: 'SK', name: 'Slovakia', region: 'europe', names: ['Slovak Republic'], demonyms: ['Slovak'], capitals: ['Bratislava'] },
  { code: 'SI', name: 'Slovenia', region: 'europe', demonyms: ['Slovenian', 'Slovene'], capitals: ['Ljubljana'] },
  { code: 'ES', name: 'Spain', region: 'europe', demonyms: ['Spanish', 'Spaniard'], capitals: ['Madrid'], metonyms: ['Moncloa'], places: ['Barcelona', 'Catalonia', 'Ceuta', 'Melilla', 'Canary Islands', 'Canaries'] },
  { code: 'SE', name: 'Sweden', region: 'europe', demonyms: ['Swedish', 'Swede'], capitals: ['Stockholm'], places: ['Gotland'] },
  { code: 'CH', name: 'Switzerland', region: 'europe', demonyms: ['Swiss'], capitals: ['Bern', 'Berne'] },
  {
    code: 'TR', name: 'Turkey', region: 'europe',
    names: ['Türkiye', 'Turkiye'], demonyms: ['Turkish', 'Turk'], capitals: ['Ankara'], places: ['Istanbul', 'Izmir', 'İzmir', 'Incirlik'],
    ambiguity: { forms: ['Turkey'], rejectWhen: ['Thanksgiving', 'turkeys', 'poultry', 'roast', 'stuffing', 'gobble'] },
  },
  {
    code: 'UA', name: 'Ukraine', region: 'europe',
    demonyms: ['Ukrainian'], capitals: ['Kyiv', 'Kiev'], metonyms: ['Verkhovna Rada', 'Bankova'],
    places: ['Kharkiv', 'Odesa', 'Odessa', 'Lviv', 'Dnipro', 'Zaporizhzhia', 'Kherson', 'Mariupol', 'Donetsk', 'Luhansk', 'Crimea', 'Sevastopol', 'Bakhmut', 'Pokrovsk'],
  },
  {
    code: 'GB', name: 'United Kingdom', region: 'europe',
    names: ['Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
    demonyms: ['British', 'Briton', 'Scottish', 'Welsh', 'Northern Irish'],
    capitals: ['London'],
    metonyms: ['Whitehall', 'Downing Street', 'Number 10', 'No 10', 'Westminster', 'Foreign Office', 'Foreign, Commonwealth and Development Office'],
    places: ['Belfast', 'Edinburgh', 'Manchester', 'Birmingham'],
    abbreviations: ['UK', 'U.K.', 'FCDO'],
  },
  { code: 'VA', name: 'Holy See', region: 'europe', unMember: false, names: ['Vatican', 'Vatican City'], metonyms: ['Apostolic Palace'] },
  { code: 'XK', name: 'Kosovo', region: 'europe', unMember: false, demonyms: ['Kosovar', 'Kosovan'], capitals: ['Pristina', 'Prishtina'], places: ['Kosovo Serb', 'Kosovo Serbs'] },
  { code: 'GL', name: 'Greenland', region: 'europe', unMember: false, demonyms: ['Greenlandic', 'Greenlander'], capitals: ['Nuuk'] },
  { code: 'GI', name: 'Gibraltar', region: 'europe', unMember: false, demonyms: ['Gibraltarian'] },
  { code: 'FO', name: 'Faroe Islands', region: 'europe', unMember: false, names: ['Faroes'], demonyms: ['Faroese'], capitals: ['Tórshavn', 'Torshavn'] },

  // ── Middle East & North Africa ──
  { code: 'DZ', name: 'Algeria', region: 'mena', demonyms: ['Algerian'], capitals: ['Algiers'] },
  { code: 'BH', name: 'Bahrain', region: 'mena', demonyms: ['Bahraini'], capitals: ['Manama'] },
  { code: 'EG', name: 'Egypt', region: 'mena', demonyms: ['Egyptian'], capitals: ['Cairo'], places: ['Sinai', 'Sharm el-Sheikh', 'Alexandria'] },
  { code: 'IR', name: 'Iran', region: 'mena', names: ['Islamic Republic of Iran'], demonyms: ['Iranian'], capitals: ['Tehran'], places: ['Isfahan', 'Natanz', 'Fordow', 'Bandar Abbas', 'Revolutionary Guards', 'Revolutionary Guard', 'Revolutionary Guard Corps', 'IRGC', 'Revolutionsgarden', 'Revolutionsgarde', 'Gardiens de la révolution', 'Gardiens de la Révolution', 'Guardia Revolucionaria', 'Guardianes de la Revolución', 'Guarda Revolucionária'] },
  { code: 'IQ', name: 'Iraq', region: 'mena', demonyms: ['Iraqi'], capitals: ['Baghdad'], places: ['Mosul', 'Basra', 'Erbil', 'Kirkuk', 'Iraqi Kurdistan'] },
  { code: 'IL', name: 'Israel', region: 'mena', demonyms: ['Israeli'], metonyms: ['Knesset'], places: ['Tel Aviv', 'Haifa', 'Golan Heights'] },
  {
    code: 'JO', name: 'Jordan', region: 'mena',
    demonyms: ['Jordanian'], capitals: ['Amman'], names: ['Hashemite Kingdom'],
    ambiguity: { forms: ['Jordan'], personLike: true, needsContext: true },
  },
  { code: 'KW', name: 'Kuwait', region: 'mena', demonyms: ['Kuwaiti'], capitals: ['Kuwait City'] },
  { code: 'LB', name: 'Lebanon', region: 'mena', demonyms: ['Lebanese'], capitals: ['Beirut'], places: ['Litani', 'Bekaa', 'Hezbollah', 'Hizbollah', 'Hizbullah', 'Hisbollah', 'Hezbolá', 'Hizbulá'] },
  { code: 'LY', name: 'Libya', region: 'mena', demonyms: ['Libyan'], capitals: ['Tripoli'], places: ['Benghazi', 'Misrata', 'Sirte'] },
  { code: 'MA', name: 'Morocco', region: 'mena', demonyms: ['Moroccan'], capitals: ['Rabat'], places: ['Casablanca', 'Tangier', 'Marrakech'] },
  { code: 'OM', name: 'Oman', region: 'mena', demonyms: ['Omani'], capitals: ['Muscat'] },
  { code: 'QA', name: 'Qatar', region: 'mena', demonyms: ['Qatari'], capitals: ['Doha'] },
  { code: 'SA', name: 'Saudi Arabia', region: 'mena', names: ['Kingdom of Saudi Arabia'], demonyms: ['Saudi'], capitals: ['Riyadh'], places: ['Jeddah', 'Jidda', 'Yeda', 'Djeddah', 'Dschidda', 'Mecca', 'Medina', 'NEOM'], abbreviations: ['KSA'] },
  { code: 'SY', name: 'Syria', region: 'mena', demonyms: ['Syrian'], capitals: ['Damascus'], places: ['Aleppo', 'Idlib', 'Homs', 'Raqqa', 'Deir ez-Zor', 'Latakia'] },
  { code: 'TN', name: 'Tunisia', region: 'mena', demonyms: ['Tunisian'], capitals: ['Tunis'] },
  { code: 'AE', name: 'United Arab Emirates', region: 'mena', names: ['Emirates'], demonyms: ['Emirati'], capitals: ['Abu Dhabi'], places: ['Dubai'], abbreviations: ['UAE', 'U.A.E.'] },
  { code: 'YE', name: 'Yemen', region: 'mena', demonyms: ['Yemeni'], capitals: ['Sanaa', "Sana'a"], places: ['Aden', 'Hodeidah', 'Marib', 'Houthi', 'Houthis', 'Huthi', 'Huthis', 'Huthí', 'Huthíes', 'hutíes', 'Houthiste', 'Houthistes', 'Ansar Allah'] },
  {
    code: 'PS', name: 'Palestine', region: 'mena', unMember: false,
    names: ['State of Palestine', 'Palestinian Territories', 'Palestinian territories', 'Occupied Palestinian Territory', 'Gaza', 'Gaza Strip', 'West Bank'],
    demonyms: ['Palestinian', 'Gazan'], capitals: ['Ramallah'], places: ['Rafah', 'Khan Younis', 'Jenin', 'Nablus', 'Hebron', 'Hamas'],
  },
  { code: 'EH', name: 'Western Sahara', region: 'mena', unMember: false, demonyms: ['Sahrawi'], capitals: ['Laayoune', 'El Aaiún'] },

  // ── Sub-Saharan Africa ──
  { code: 'AO', name: 'Angola', region: 'sub-saharan-africa', demonyms: ['Angolan'], capitals: ['Luanda'], places: ['Lobito', 'Cabinda'] },
  { code: 'BJ', name: 'Benin', region: 'sub-saharan-africa', demonyms: ['Beninese'], capitals: ['Porto-Novo', 'Cotonou'] },
  { code: 'BW', name: 'Botswana', region: 'sub-saharan-africa', demonyms: ['Motswana', 'Batswana'], capitals: ['Gaborone'] },
  { code: 'BF', name: 'Burkina Faso', region: 'sub-saharan-africa', names: ['Burkina'], demonyms: ['Burkinabe', 'Burkinabè'], capitals: ['Ouagadougou'] },
  { code: 'BI', name: 'Burundi', region: 'sub-saharan-africa', demonyms: ['Burundian'], capitals: ['Gitega', 'Bujumbura'] },
  { code: 'CV', name: 'Cabo Verde', region: 'sub-saharan-africa', names: ['Cape Verde'], demonyms: ['Cape Verdean', 'Cabo Verdean'], capitals: ['Praia'] },
  { code: 'CM', name: 'Cameroon', region: 'sub-saharan-africa', demonyms: ['Cameroonian'], capitals: ['Yaoundé', 'Yaounde'], places: ['Douala'] },
  { code: 'CF', name: 'Central African Republic', region: 'sub-saharan-africa', demonyms: ['Central African'], capitals: ['Bangui'], abbreviations: ['CAR'] },
  {
    code: 'TD', name: 'Chad', region: 'sub-saharan-africa',
    demonyms: ['Chadian'], capitals: ["N'Djamena", 'Ndjamena', "N'Djaména"],
    ambiguity: { forms: ['Chad'], personLike: true, needsContext: true },
  },
  { code: 'KM', name: 'Comoros', region: 'sub-saharan-africa', demonyms: ['Comorian'], capitals: ['Moroni'] },
  { code: 'CG', name: 'Republic of the Congo', region: 'sub-saharan-africa', names: ['Republic of Congo', 'Congo-Brazzaville', 'Congo Republic'], capitals: ['Brazzaville'] },
  {
    code: 'CD', name: 'Democratic Republic of the Congo', region: 'sub-saharan-africa',
    // Bare "Congo" is the DRC in most reporting; Brazzaville has its own forms above.
    names: ['Democratic Republic of Congo', 'DR Congo', 'Congo-Kinshasa', 'Congo'],
    demonyms: ['Congolese'], capitals: ['Kinshasa'], places: ['Goma', 'Bukavu', 'North Kivu', 'South Kivu', 'Kivu', 'Ituri', 'Uvira', 'Katanga', 'Lubumbashi', 'Kolwezi'],
    abbreviations: ['DRC', 'D.R.C.', 'RDC', 'M23'],
  },
  { code: 'CI', name: "Côte d'Ivoire", region: 'sub-saharan-africa', names: ['Ivory Coast', "Cote d'Ivoire"], demonyms: ['Ivorian'], capitals: ['Yamoussoukro', 'Abidjan'] },
  { code: 'DJ', name: 'Djibouti', region: 'sub-saharan-africa', demonyms: ['Djiboutian'] },
  { code: 'GQ', name: 'Equatorial Guinea', region: 'sub-saharan-africa', demonyms: ['Equatoguinean', 'Equatorial Guinean'], capitals: ['Malabo'] },
  { code: 'ER', name: 'Eritrea', region: 'sub-saharan-africa', demonyms: ['Eritrean'], capitals: ['Asmara'] },
  { code: 'SZ', name: 'Eswatini', region: 'sub-saharan-africa', names: ['Swaziland'], demonyms: ['Swazi', 'Emaswati'], capitals: ['Mbabane'] },
  { code: 'ET', name: 'Ethiopia', region: 'sub-saharan-africa', demonyms: ['Ethiopian'], capitals: ['Addis Ababa'], places: ['Tigray', 'Amhara', 'Oromia'] },
  { code: 'GA', name: 'Gabon', region: 'sub-saharan-africa', demonyms: ['Gabonese'], capitals: ['Libreville'] },
  { code: 'GM', name: 'Gambia', region: 'sub-saharan-africa', names: ['The Gambia'], demonyms: ['Gambian'], capitals: ['Banjul'] },
  { code: 'GH', name: 'Ghana', region: 'sub-saharan-africa', demonyms: ['Ghanaian'], capitals: ['Accra'] },
  { code: 'GN', name: 'Guinea', region: 'sub-saharan-africa', names: ['Guinea-Conakry'], demonyms: ['Guinean'], capitals: ['Conakry'] },
  { code: 'GW', name: 'Guinea-Bissau', region: 'sub-saharan-africa', names: ['Guinea Bissau'], demonyms: ['Bissau-Guinean'], capitals: ['Bissau'] },
  { code: 'KE', name: 'Kenya', region: 'sub-saharan-africa', demonyms: ['Kenyan'], capitals: ['Nairobi'], places: ['Mombasa'] },
  { code: 'LS', name: 'Lesotho', region: 'sub-saharan-africa', demonyms: ['Basotho', 'Mosotho'], capitals: ['Maseru'] },
  { code: 'LR', name: 'Liberia', region: 'sub-saharan-africa', demonyms: ['Liberian'], capitals: ['Monrovia'] },
  { code: 'MG', name: 'Madagascar', region: 'sub-saharan-africa', demonyms: ['Malagasy'], capitals: ['Antananarivo'] },
  { code: 'MW', name: 'Malawi', region: 'sub-saharan-africa', demonyms: ['Malawian'], capitals: ['Lilongwe'] },
  { code: 'ML', name: 'Mali', region: 'sub-saharan-africa', demonyms: ['Malian'], capitals: ['Bamako'], places: ['Timbuktu'] },
  { code: 'MR', name: 'Mauritania', region: 'sub-saharan-africa', demonyms: ['Mauritanian'], capitals: ['Nouakchott'] },
  { code: 'MU', name: 'Mauritius', region: 'sub-saharan-africa', demonyms: ['Mauritian'], capitals: ['Port Louis'] },
  { code: 'MZ', name: 'Mozambique', region: 'sub-saharan-africa', demonyms: ['Mozambican'], capitals: ['Maputo'], places: ['Cabo Delgado', 'Afungi'] },
  { code: 'NA', name: 'Namibia', region: 'sub-saharan-africa', demonyms: ['Namibian'], capitals: ['Windhoek'] },
  { code: 'NE', name: 'Niger', region: 'sub-saharan-africa', demonyms: ['Nigerien'], capitals: ['Niamey'], places: ['Agadez'] },
  { code: 'NG', name: 'Nigeria', region: 'sub-saharan-africa', demonyms: ['Nigerian'], capitals: ['Abuja'], places: ['Lagos', 'Niger Delta', 'Kano', 'Borno', 'Maiduguri', 'Port Harcourt'] },
  { code: 'RW', name: 'Rwanda', region: 'sub-saharan-africa', demonyms: ['Rwandan'], capitals: ['Kigali'] },
  { code: 'ST', name: 'São Tomé and Príncipe', region: 'sub-saharan-africa', names: ['Sao Tome and Principe', 'São Tomé'], demonyms: ['Santomean'] },
  { code: 'SN', name: 'Senegal', region: 'sub-saharan-africa', demonyms: ['Senegalese'], capitals: ['Dakar'] },
  { code: 'SC', name: 'Seychelles', region: 'sub-saharan-africa', demonyms: ['Seychellois'] },
  { code: 'SL', name: 'Sierra Leone', region: 'sub-saharan-africa', demonyms: ['Sierra Leonean'], capitals: ['Freetown'] },
  { code: 'SO', name: 'Somalia', region: 'sub-saharan-africa', demonyms: ['Somali'], capitals: ['Mogadishu'], places: ['Somaliland', 'Puntland', 'Hargeisa', 'Berbera', 'Kismayo', 'Baidoa', 'al-Shabaab', 'Al-Shabaab', 'al-Shabab', 'Al-Shabab', 'Shabaab'] },
  { code: 'ZA', name: 'South Africa', region: 'sub-saharan-africa', demonyms: ['South African'], capitals: ['Pretoria', 'Cape Town'], metonyms: ['Union Buildings'], places: ['Johannesburg', 'Durban'] },
  { code: 'SS', name: 'South Sudan', region: 'sub-saharan-africa', demonyms: ['South Sudanese'], capitals: ['Juba'] },
  { code: 'SD', name: 'Sudan', region: 'sub-saharan-africa', demonyms: ['Sudanese'], capitals: ['Khartoum', 'Port Sudan'], places: ['Darfur', 'Kordofan', 'El Fasher', 'Omdurman', 'Abyei', 'Rapid Support Forces', 'Forces de soutien rapide', 'Fuerzas de Apoyo Rápido', 'Forças de Apoio Rápido'], abbreviations: ['RSF'] },
  { code: 'TZ', name: 'Tanzania', region: 'sub-saharan-africa', demonyms: ['Tanzanian'], capitals: ['Dodoma', 'Dar es Salaam'], places: ['Zanzibar'] },
  { code: 'TG', name: 'Togo', region: 'sub-saharan-africa', demonyms: ['Togolese'], capitals: ['Lomé', 'Lome'] },
  { code: 'UG', name: 'Uganda', region: 'sub-saharan-africa', demonyms: ['Ugandan'], capitals: ['Kampala'] },
  { code: 'ZM', name: 'Zambia', region: 'sub-saharan-africa', demonyms: ['Zambian'], capitals: ['Lusaka'] },
  { code: 'ZW', name: 'Zimbabwe', region: 'sub-saharan-africa', demonyms: ['Zimbabwean'], capitals: ['Harare'] },

  // ── South & Central Asia ──
  { code: 'AF', name: 'Afghanistan', region: 'south-central-asia', demonyms: ['Afghan'], capitals: ['Kabul'], places: ['Kandahar', 'Herat', 'Bagram', 'Taliban'] },
  { code: 'BD', name: 'Bangladesh', region: 'south-central-asia', demonyms: ['Bangladeshi'], capitals: ['Dhaka'], places: ["Cox's Bazar", 'Chittagong'] },
  { code: 'BT', name: 'Bhutan', region: 'south-central-asia', demonyms: ['Bhutanese'], capitals: ['Thimphu'] },
  { code: 'IN', name: 'India', region: 'south-central-asia', demonyms: ['Indian'], capitals: ['New Delhi', 'Delhi', 'Neu-Delhi', 'Nova Délhi'], metonyms: ['South Block'], places: ['Mumbai', 'Kolkata', 'Chennai', 'Bengaluru', 'Bangalore', 'Ladakh', 'Manipur'] },
  { code: 'KZ', name: 'Kazakhstan', region: 'south-central-asia', demonyms: ['Kazakh', 'Kazakhstani'], capitals: ['Astana'], places: ['Almaty'] },
  { code: 'KG', name: 'Kyrgyzstan', region: 'south-central-asia', names: ['Kyrgyz Republic'], demonyms: ['Kyrgyz'], capitals: ['Bishkek'] },
  { code: 'MV', name: 'Maldives', region: 'south-central-asia', demonyms: ['Maldivian'] },
  { code: 'NP', name: 'Nepal', region: 'south-central-asia', demonyms: ['Nepali', 'Nepalese'], capitals: ['Kathmandu'] },
  { code: 'PK', name: 'Pakistan', region: 'south-central-asia', demonyms: ['Pakistani'], capitals: ['Islamabad'], metonyms: ['Rawalpindi'], places: ['Karachi', 'Lahore', 'Peshawar', 'Balochistan', 'Khyber Pakhtunkhwa', 'Waziristan'] },
  { code: 'LK', name: 'Sri Lanka', region: 'south-central-asia', demonyms: ['Sri Lankan'], capitals: ['Colombo'] },
  { code: 'TJ', name: 'Tajikistan', region: 'south-central-asia', demonyms: ['Tajik'], capitals: ['Dushanbe'] },
  { code: 'TM', name: 'Turkmenistan', region: 'south-central-asia', demonyms: ['Turkmen'], capitals: ['Ashgabat'] },
  { code: 'UZ', name: 'Uzbekistan', region: 'south-central-asia', demonyms: ['Uzbek'], capitals: ['Tashkent'], places: ['Samarkand'] },

  // ── East Asia & Pacific ──
  { code: 'AU', name: 'Australia', region: 'east-asia-pacific', demonyms: ['Australian'], capitals: ['Canberra'], places: ['Sydney', 'Melbourne', 'Queensland', 'New South Wales'] },
  { code: 'BN', name: 'Brunei', region: 'east-asia-pacific', names: ['Brunei Darussalam'], demonyms: ['Bruneian'], capitals: ['Bandar Seri Begawan'] },
  { code: 'KH', name: 'Cambodia', region: 'east-asia-pacific', demonyms: ['Cambodian'], capitals: ['Phnom Penh'] },
  {
    code: 'CN', name: 'China', region: 'east-asia-pacific',
    names: ["People's Republic of China", 'Mainland China'], demonyms: ['Chinese'], capitals: ['Beijing', 'Peking'],
    metonyms: ['Zhongnanhai', 'Great Hall of the People'],
    places: ['Shanghai', 'Shenzhen', 'Guangzhou', 'Wuhan', 'Xinjiang', 'Tibet', 'Fujian', 'Chongqing'],
    abbreviations: ['PRC', 'P.R.C.'],
  },
  { code: 'FJ', name: 'Fiji', region: 'east-asia-pacific', demonyms: ['Fijian'], capitals: ['Suva'] },
  { code: 'ID', name: 'Indonesia', region: 'east-asia-pacific', demonyms: ['Indonesian'], capitals: ['Jakarta', 'Nusantara'], places: ['Bali', 'Sumatra', 'Aceh', 'Papua', 'West Papua'] },
  { code: 'JP', name: 'Japan', region: 'east-asia-pacific', demonyms: ['Japanese'], capitals: ['Tokyo'], metonyms: ['Kasumigaseki', 'Kantei'], places: ['Osaka', 'Okinawa', 'Hiroshima', 'Nagasaki', 'Fukushima'] },
  { code: 'KI', name: 'Kiribati', region: 'east-asia-pacific', demonyms: ['I-Kiribati'], capitals: ['Tarawa', 'South Tarawa'] },
  { code: 'LA', name: 'Laos', region: 'east-asia-pacific', names: ['Lao PDR'], demonyms: ['Laotian', 'Lao'], capitals: ['Vientiane'] },
  { code: 'MY', name: 'Malaysia', region: 'east-asia-pacific', demonyms: ['Malaysian'], capitals: ['Kuala Lumpur', 'Putrajaya'], places: ['Sabah', 'Sarawak'] },
  { code: 'MH', name: 'Marshall Islands', region: 'east-asia-pacific', demonyms: ['Marshallese'], capitals: ['Majuro'] },
  { code: 'FM', name: 'Micronesia', region: 'east-asia-pacific', names: ['Federated States of Micronesia'], demonyms: ['Micronesian'], capitals: ['Palikir'] },
  { code: 'MN', name: 'Mongolia', region: 'east-asia-pacific', demonyms: ['Mongolian'], capitals: ['Ulaanbaatar', 'Ulan Bator'] },
  { code: 'MM', name: 'Myanmar', region: 'east-asia-pacific', names: ['Burma'], demonyms: ['Burmese'], capitals: ['Naypyidaw', 'Naypyitaw', 'Nay Pyi Taw'], places: ['Yangon', 'Rangoon', 'Mandalay', 'Rakhine'] },
  { code: 'NR', name: 'Nauru', region: 'east-asia-pacific', demonyms: ['Nauruan'] },
  { code: 'NZ', name: 'New Zealand', region: 'east-asia-pacific', names: ['Aotearoa'], demonyms: ['New Zealander'], capitals: ['Wellington'], places: ['Auckland'] },
  {
    code: 'KP', name: 'North Korea', region: 'east-asia-pacific',
    names: ["Democratic People's Republic of Korea"], demonyms: ['North Korean'], capitals: ['Pyongyang'],
    places: ['Yongbyon'], abbreviations: ['DPRK', 'N. Korea', 'N Korea'],
  },
  { code: 'PW', name: 'Palau', region: 'east-asia-pacific', demonyms: ['Palauan'], capitals: ['Ngerulmud'] },
  { code: 'PG', name: 'Papua New Guinea', region: 'east-asia-pacific', demonyms: ['Papua New Guinean'], capitals: ['Port Moresby'], places: ['Bougainville'], abbreviations: ['PNG'] },
  { code: 'PH', name: 'Philippines', region: 'east-asia-pacific', names: ['The Philippines'], demonyms: ['Philippine', 'Filipino', 'Filipina'], capitals: ['Manila'], metonyms: ['Malacañang', 'Malacanang'], places: ['Mindanao', 'Luzon', 'Second Thomas Shoal', 'Scarborough Shoal'] },
  { code: 'WS', name: 'Samoa', region: 'east-asia-pacific', demonyms: ['Samoan'], capitals: ['Apia'] },
  { code: 'SG', name: 'Singapore', region: 'east-asia-pacific', demonyms: ['Singaporean'] },
  { code: 'SB', name: 'Solomon Islands', region: 'east-asia-pacific', names: ['Solomons'], demonyms: ['Solomon Islander'], capitals: ['Honiara'] },
  {
    code: 'KR', name: 'South Korea', region: 'east-asia-pacific',
    names: ['Republic of Korea', 'Korea'], demonyms: ['South Korean', 'Korean'], capitals: ['Seoul'],
    metonyms: ['Blue House', 'Yongsan'], places: ['Busan', 'Gyeongju'], abbreviations: ['ROK', 'S. Korea', 'S Korea'],
  },
  { code: 'TH', name: 'Thailand', region: 'east-asia-pacific', demonyms: ['Thai'], capitals: ['Bangkok'] },
  { code: 'TL', name: 'Timor-Leste', region: 'east-asia-pacific', names: ['East Timor', 'Timor Leste'], demonyms: ['Timorese', 'East Timorese'], capitals: ['Dili'] },
  { code: 'TO', name: 'Tonga', region: 'east-asia-pacific', demonyms: ['Tongan'], capitals: ["Nuku'alofa"] },
  { code: 'TV', name: 'Tuvalu', region: 'east-asia-pacific', demonyms: ['Tuvaluan'], capitals: ['Funafuti'] },
  { code: 'VU', name: 'Vanuatu', region: 'east-asia-pacific', demonyms: ['Ni-Vanuatu'], capitals: ['Port Vila'] },
  { code: 'VN', name: 'Vietnam', region: 'east-asia-pacific', names: ['Viet Nam'], demonyms: ['Vietnamese'], capitals: ['Hanoi'], places: ['Ho Chi Minh City', 'Saigon'] },
  { code: 'TW', name: 'Taiwan', region: 'east-asia-pacific', unMember: false, names: ['Republic of China'], demonyms: ['Taiwanese'], capitals: ['Taipei'], places: ['Kinmen', 'Matsu', 'Kaohsiung'], abbreviations: ['ROC'] },
  { code: 'HK', name: 'Hong Kong', region: 'east-asia-pacific', unMember: false, demonyms: ['Hongkonger', 'Hong Konger'] },
  { code: 'MO', name: 'Macau', region: 'east-asia-pacific', unMember: false, names: ['Macao'], demonyms: ['Macanese'] },
  { code: 'NC', name: 'New Caledonia', region: 'east-asia-pacific', unMember: false, demonyms: ['New Caledonian'], capitals: ['Nouméa', 'Noumea'] },
  { code: 'GU', name: 'Guam', region: 'east-asia-pacific', unMember: false, demonyms: ['Guamanian'], capitals: ['Hagåtña'] },
];

export const ORGANISATIONS: OrganisationData[] = [
  { key: 'un', name: 'United Nations', region: null, abbreviations: ['UN', 'U.N.'], names: ['Security Council', 'UN Security Council', 'General Assembly', 'UN General Assembly', 'Secretary-General'] },
  { key: 'eu', name: 'European Union', region: 'europe', abbreviations: ['EU', 'E.U.'], names: ['European Commission', 'European Parliament', 'European Council', 'Council of the EU', 'Brussels', 'European Court of Justice', 'Court of Justice of the European Union'] },
  { key: 'nato', name: 'NATO', region: 'europe', names: ['Nato', 'North Atlantic Treaty Organization', 'North Atlantic Treaty Organisation', 'North Atlantic Alliance'] },
  { key: 'osce', name: 'OSCE', region: 'europe', names: ['Organization for Security and Co-operation in Europe', 'Organisation for Security and Co-operation in Europe'] },
  { key: 'coe', name: 'Council of Europe', region: 'europe', names: ['European Court of Human Rights'], abbreviations: ['ECHR'] },
  { key: 'au', name: 'African Union', region: 'sub-saharan-africa', abbreviations: ['AU'] },
  { key: 'ecowas', name: 'ECOWAS', region: 'sub-saharan-africa', names: ['Ecowas', 'Economic Community of West African States'] },
  { key: 'sadc', name: 'SADC', region: 'sub-saharan-africa', names: ['Southern African Development Community'] },
  { key: 'igad', name: 'IGAD', region: 'sub-saharan-africa', names: ['Intergovernmental Authority on Development'] },
  { key: 'aes', name: 'Alliance of Sahel States', region: 'sub-saharan-africa' },
  { key: 'asean', name: 'ASEAN', region: 'east-asia-pacific', names: ['Asean', 'Association of Southeast Asian Nations'] },
  { key: 'pif', name: 'Pacific Islands Forum', region: 'east-asia-pacific' },
  { key: 'apec', name: 'APEC', region: 'east-asia-pacific', names: ['Apec', 'Asia-Pacific Economic Cooperation'] },
  { key: 'arab-league', name: 'Arab League', region: 'mena', names: ['League of Arab States'] },
  { key: 'gcc', name: 'Gulf Cooperation Council', region: 'mena', abbreviations: ['GCC'] },
  { key: 'oas', name: 'Organization of American States', region: 'americas', names: ['Organisation of American States'], abbreviations: ['OAS'] },
  { key: 'mercosur', name: 'Mercosur', region: 'americas', names: ['MERCOSUR', 'Mercosul'] },
  { key: 'celac', name: 'CELAC', region: 'americas', names: ['Community of Latin American and Caribbean States'] },
  { key: 'caricom', name: 'CARICOM', region: 'americas', names: ['Caricom', 'Caribbean Community'] },
  { key: 'saarc', name: 'SAARC', region: 'south-central-asia', names: ['South Asian Association for Regional Cooperation'] },
  { key: 'sco', name: 'Shanghai Cooperation Organisation', region: null, names: ['Shanghai Cooperation Organization'], abbreviations: ['SCO'] },
  { key: 'opec', name: 'OPEC', region: 'mena', names: ['Opec', 'OPEC+', 'Opec+', 'Organization of the Petroleum Exporting Countries'] },
  { key: 'g7', name: 'G7', region: null, names: ['Group of Seven'], abbreviations: ['G-7'] },
  { key: 'g20', name: 'G20', region: null, names: ['Group of 20', 'Group of Twenty'], abbreviations: ['G-20'] },
  { key: 'brics', name: 'BRICS', region: null, names: ['Brics'] },
  { key: 'quad', name: 'Quad', region: null, names: ['Quadrilateral Security Dialogue'] },
  { key: 'aukus', name: 'AUKUS', region: null, names: ['Aukus'] },
  { key: 'iaea', name: 'IAEA', region: null, usualRegion: 'mena', names: ['International Atomic Energy Agency'] },
  { key: 'who', name: 'World Health Organization', region: null, names: ['World Health Organisation'], abbreviations: ['WHO'] },
  { key: 'wto', name: 'World Trade Organization', region: null, names: ['World Trade Organisation'], abbreviations: ['WTO'] },
  { key: 'imf', name: 'International Monetary Fund', region: null, abbreviations: ['IMF'] },
  { key: 'world-bank', name: 'World Bank', region: null },
  { key: 'icc', name: 'International Criminal Court', region: null, abbreviations: ['ICC'] },
  { key: 'icj', name: 'International Court of Justice', region: null, names: ['World Court'], abbreviations: ['ICJ'] },
  { key: 'unhcr', name: 'UNHCR', region: null, names: ['UN Refugee Agency', 'UN refugee agency'] },
  { key: 'unrwa', name: 'UNRWA', region: null, names: ['Unrwa'] },
  { key: 'wfp', name: 'World Food Programme', region: null, abbreviations: ['WFP'] },
  { key: 'unicef', name: 'UNICEF', region: null, names: ['Unicef'] },
  { key: 'ohchr', name: 'UN Human Rights Office', region: null, names: ['UN human rights office', 'Office of the High Commissioner for Human Rights'], abbreviations: ['OHCHR'] },
  { key: 'iom', name: 'International Organization for Migration', region: null, names: ['UN migration agency'], abbreviations: ['IOM'] },
];

/** Spellings of one place, so reports that write it differently share it ("Bab al-Mandab" = "Bab el-Mandeb"). */
export const PLACE_SYNONYMS: Readonly<Record<string, string>> = {
  'Bab al-Mandab': 'Bab el-Mandeb', 'Bab-el-Mandeb': 'Bab el-Mandeb', Hormuz: 'Strait of Hormuz', 'Suez Canal': 'Suez', Donbass: 'Donbas',
  // "the Baltic states", "the Baltics" and "Baltic" name one place for clustering ("Baltikum", "pays baltes").
  Baltics: 'Baltic', 'Baltic states': 'Baltic',
  Spratlys: 'Spratly Islands', Paracels: 'Paracel Islands', 'Strait of Malacca': 'Malacca Strait', 'Korean peninsula': 'Korean Peninsula',
  'Arabian Gulf': 'Persian Gulf', 'South-East Asia': 'Southeast Asia', 'sub-Saharan Africa': 'Sub-Saharan Africa',
};

/**
 * Territories that are tagged as their country (Gaza and the West Bank are
 * PS) but are also places of their own: two reports from Gaza share more than
 * a report from Gaza and one from the West Bank. Clustering gets the place
 * as a term too (`l:Gaza`), tagging only the country. Keys are gazetteer
 * forms (any language).
 */
export const TERRITORY_PLACES: Readonly<Record<string, string>> = {
  Gaza: 'Gaza', 'Gaza Strip': 'Gaza', Gazan: 'Gaza', 'Franja de Gaza': 'Gaza', 'bande de Gaza': 'Gaza', Gazastreifen: 'Gaza', 'Faixa de Gaza': 'Gaza',
  'West Bank': 'West Bank', Cisjordania: 'West Bank', Cisjordanie: 'West Bank', Westjordanland: 'West Bank', 'Cisjordânia': 'West Bank',
};

/** The larger body of water a strait or gulf opens onto: a ship hit in Bab el-Mandeb is a Red Sea story too. */
export const PLACE_PARENTS: Readonly<Record<string, string>> = {
  'Bab el-Mandeb': 'Red Sea', 'Gulf of Aden': 'Red Sea', 'Strait of Hormuz': 'Persian Gulf', 'Taiwan Strait': 'South China Sea',
};

/** Names of regions and sub-regions; they tag a region but no country. */
export const REGION_TERMS: RegionTermData[] = [
  {
    region: 'americas',
    terms: ['Americas', 'Latin America', 'Latin American', 'South America', 'South American', 'Central America', 'Central American', 'North America', 'North American', 'Caribbean', 'Andes', 'Andean', 'Western Hemisphere'],
  },
  {
    region: 'europe',
    terms: ['Europe', 'European', 'Europeans', 'Balkans', 'Western Balkans', 'Baltic', 'Baltics', 'Baltic states', 'Baltic Sea', 'Nordic', 'Nordics', 'Scandinavia', 'Scandinavian', 'Caucasus', 'South Caucasus', 'Black Sea', 'Eastern Europe', 'Central Europe', 'Donbas', 'Donbass'],
  },
  {
    region: 'mena',
    terms: ['Middle East', 'Middle Eastern', 'North Africa', 'North African', 'Maghreb', 'Levant', 'Gulf', 'Persian Gulf', 'Arabian Gulf', 'Gulf states', 'Arabian Peninsula', 'Strait of Hormuz', 'Hormuz', 'Gulf of Aden', 'Red Sea', 'Suez', 'Suez Canal', 'Bab el-Mandeb', 'Bab al-Mandab', 'Bab-el-Mandeb', 'Eastern Mediterranean', 'Arab world', 'Mashreq'],
  },
  {
    region: 'sub-saharan-africa',
    terms: ['Africa', 'African', 'Africans', 'Sub-Saharan Africa', 'sub-Saharan Africa', 'Sahel', 'Sahelian', 'West Africa', 'West African', 'East Africa', 'East African', 'Horn of Africa', 'Southern Africa', 'Central Africa', 'Gulf of Guinea', 'Lake Chad', 'Lake Chad Basin', 'Great Lakes region', 'JNIM', 'Boko Haram', 'ISWAP'],
  },
  {
    region: 'south-central-asia',
    terms: ['South Asia', 'South Asian', 'Central Asia', 'Central Asian', 'Indian subcontinent', 'Kashmir', 'Line of Control', 'Fergana Valley'],
  },
  {
    region: 'east-asia-pacific',
    terms: ['East Asia', 'East Asian', 'Southeast Asia', 'Southeast Asian', 'South-East Asia', 'Asia-Pacific', 'Indo-Pacific', 'Pacific Islands', 'Pacific', 'South China Sea', 'East China Sea', 'Taiwan Strait', 'Korean Peninsula', 'Korean peninsula', 'Oceania', 'Melanesia', 'Polynesia', 'Spratly Islands', 'Spratlys', 'Paracel Islands', 'Paracels', 'Senkaku Islands', 'Malacca Strait', 'Strait of Malacca'],
  },
];

/**
 * Phrases that contain a place name but do not refer to the place (or to its
 * state). The longest match wins, so these swallow the shorter name inside them.
 */
export const BLOCKED_PHRASES: string[] = [
  // Seas, oceans, rivers and geography named after a country.
  'Sea of Japan', 'Japanisches Meer', 'Japanische Meer', 'Japanischen Meer', 'mar del Japón', 'Mar del Japón', 'mer du Japon', 'Mer du Japon', 'Mar do Japão', 'mar do Japão', 'Indian Ocean', 'Gulf of Finland', 'Gulf of Mexico', 'Gulf of America', 'Gulf of Oman', 'Gulf of Thailand',
  'River Niger', 'Niger River', 'Congo River', 'Congo Basin', 'Jordan River', 'River Jordan', 'New Guinea', 'English Channel',
  // US places and things named after other countries or cities.
  'New England', 'New York', 'Washington Post', 'Washington Consensus',
  'University of Washington', 'George Washington', 'Georgetown University', 'Native American', 'Native Americans', 'African American', 'African Americans',
  'Latin Americans', 'American Indian', 'American Indians', 'Lebanon, Pennsylvania', 'Paris, Texas', 'Athens, Georgia', 'Moscow, Idaho',
  // Agreements and things named after a city, not about the country.
  'Paris Agreement', 'Paris agreement', 'Paris climate agreement', 'Paris climate accord', 'Paris Accord', 'Kyoto Protocol', 'Minsk agreements',
  'Geneva Conventions', 'Geneva Convention', 'Vienna Convention', 'Helsinki Final Act', 'Berlin Wall', 'Monroe Doctrine',
  'The Hague', 'Hague', 'Geneva',
  // People whose surname is also a leader's alias: the Hong Kong publisher is not Taiwan's president.
  'Jimmy Lai',
  // Common words and brands.
  'French fries', 'Paris Saint-Germain', 'Turkish delight', 'Swiss cheese', 'Dutch auction', 'Spanish flu', 'Brazil nuts', 'Chinese whispers', 'Indian summer',
  'Thanksgiving turkey', 'Thanksgiving Turkey', 'Turkey Trot',
];
