// A hand-labelled evaluation set for story clustering, written before the
// algorithm was tuned and not edited to suit it.
//
// Every item below is original text written for this set: realistic
// foreign-policy headlines and one- or two-sentence summaries in the styles of
// different kinds of outlet (a terse wire, a public broadcaster with "Topic:"
// prefixes, a US paper with Title Case headlines, regional desks, official
// press releases, a think tank, a security blog). Countries and institutions
// are real; the events, figures and quotes are invented (dated November 2026).
//
// How it was labelled: each item carries a `story` key, the specific event it
// reports, as a careful human editor would group them for a digest. The rules
// applied while writing:
// - Same event, any outlet, any angle written the same day (including the
//   official statement and a same-day analysis of that event): same story.
// - A later development (the truce "holding on day one", a retaliation two
//   days after a vote, the second day of a drill) is a different story, even
//   when it repeats most of the words of the first.
// - Same country, different event; or same kind of event (an expulsion, a
//   sanctions package, a ministers' meeting, an air strike) in a different
//   country: different stories.
//
// The labelled pairs are (a) every pair of items that share a story key
// (positives) and (b) hand-picked hard negatives with the reason written
// next to them. Pairs of unrelated items (Haiti vs Taiwan) are not listed:
// the test measures those separately as "all pairs".

export interface LabelledItem {
  id: number;
  feedId: number;
  source: string;
  /** The event this item reports (the human label). */
  story: string;
  title: string;
  excerpt: string;
  publishedAt: Date;
}

export interface LabelledPair {
  a: number;
  b: number;
  same: boolean;
  /** Why a negative is hard (positives need no reason). */
  why?: string;
}

const FEEDS = {
  wire: { feedId: 1, source: 'Meridian Wire' },
  broadcaster: { feedId: 2, source: 'Northern Broadcasting World' },
  ledger: { feedId: 3, source: 'The Atlantic Ledger' },
  gulf: { feedId: 4, source: 'Gulf Horizon' },
  un: { feedId: 5, source: 'UN News Desk' },
  euCouncil: { feedId: 6, source: 'Council of the EU: Press' },
  rhine: { feedId: 7, source: 'Rhine Wave English' },
  pacific: { feedId: 8, source: 'Pacific Post Asia' },
  continental: { feedId: 9, source: 'Continental Times' },
  andes: { feedId: 10, source: 'Andes Tribune' },
  review: { feedId: 11, source: 'Strategic Review' },
  security: { feedId: 12, source: 'Security Brief' },
  delhi: { feedId: 13, source: 'Delhi Dispatch' },
  fco: { feedId: 14, source: 'Foreign Office: News' },
} as const;

type FeedKey = keyof typeof FEEDS;

function item(id: number, feed: FeedKey, story: string, when: string, title: string, excerpt: string): LabelledItem {
  return { id, ...FEEDS[feed], story, title, excerpt, publishedAt: new Date(`2026-11-${when}:00Z`) };
}

// 20 Nov 2026 is a Friday; the set runs to Wednesday 25 Nov.
export const labelledItems: LabelledItem[] = [
  // ---- Sudan: truce agreed in Jeddah (Fri 20) ----
  item(1, 'wire', 'sudan-jeddah-truce', '20T09:40', "Sudan's warring parties agree 90-day ceasefire in Jeddah talks",
    "Sudan's army and the Rapid Support Forces agreed on Friday to a 90-day nationwide ceasefire after two weeks of talks in Jeddah, Saudi and U.S. mediators said."),
  item(2, 'broadcaster', 'sudan-jeddah-truce', '20T11:05', 'Sudan war: Army and RSF sign truce after Jeddah talks',
    "The two sides in Sudan's civil war have signed a three-month truce, raising hopes that aid can reach millions of people facing famine in Darfur and Kordofan."),
  item(3, 'gulf', 'sudan-jeddah-truce', '20T12:30', "Sudan's army and RSF agree truce; Saudi Arabia hails 'turning point'",
    'Riyadh said the ceasefire agreed by the Sudanese army and the paramilitary RSF in Jeddah would open humanitarian corridors within days.'),
  item(4, 'un', 'sudan-jeddah-truce', '20T15:00', 'Secretary-General welcomes Sudan ceasefire agreement',
    'The Secretary-General welcomes the agreement reached in Jeddah between the Sudanese Armed Forces and the Rapid Support Forces on a nationwide cessation of hostilities, and calls on both parties to implement it in full.'),
  item(5, 'continental', 'sudan-jeddah-truce', '20T18:20', 'Khartoum, RSF commit to 90-day truce; AU calls for monitoring mission',
    'The African Union urged both sides to allow ceasefire monitors into Darfur after the Jeddah agreement, which takes effect at midnight on Saturday.'),
  // The wire's own update of item 1 an hour later: a near-duplicate from the same feed.
  item(6, 'wire', 'sudan-jeddah-truce', '20T10:55', "UPDATE 1-Sudan's warring parties agree 90-day ceasefire at Jeddah talks",
    "Sudan's army and the Rapid Support Forces agreed on Friday to a 90-day nationwide ceasefire after two weeks of talks in Jeddah, Saudi and U.S. mediators said, adding that monitors would be deployed."),

  // ---- Sudan: the truce on its first day (Sat 21): a later development ----
  item(7, 'wire', 'sudan-truce-day-one', '21T14:00', 'Sudan truce largely holds on first day, aid convoys wait at Chad border',
    'Fighting eased across most of Sudan on Saturday as the Jeddah ceasefire began, although residents of El Fasher reported sporadic shelling and aid trucks remained stuck at the Adre crossing.'),

  // ---- Sudan: drone strike on Port Sudan (Sat 21): same country, different event ----
  item(8, 'broadcaster', 'port-sudan-drone', '21T08:00', 'Drone strike hits Port Sudan fuel depot',
    "A drone attack set fire to a fuel depot near Port Sudan's airport, hours after the ceasefire deal was signed, with the army blaming the RSF."),
  item(9, 'gulf', 'port-sudan-drone', '21T10:00', 'Army blames RSF for drone attack on Port Sudan',
    "Sudan's army said paramilitary drones targeted a fuel depot in Port Sudan overnight; the RSF denied involvement and said it remained committed to the truce."),

  // ---- Sudan: violations four days later (Tue 24): outside the window of the deal ----
  item(10, 'wire', 'sudan-truce-violations', '24T16:00', 'Sudan ceasefire under strain as both sides report violations in Darfur',
    "Sudan's army and the RSF traded accusations of ceasefire violations around El Fasher on Tuesday, four days after the Jeddah agreement."),

  // ---- EU: 20th sanctions package on Russia (Fri 20) ----
  item(11, 'euCouncil', 'eu-russia-sanctions', '20T10:00', "Russia's war of aggression against Ukraine: Council adopts 20th package of sanctions",
    "The Council today adopted a 20th package of restrictive measures targeting Russia's shadow fleet, banks in third countries and exports of dual-use goods."),
  item(12, 'wire', 'eu-russia-sanctions', '20T10:45', 'EU adopts 20th Russia sanctions package targeting shadow fleet',
    'European Union governments formally approved a new round of sanctions on Russia on Friday, listing 120 more tankers and several banks in Central Asia, diplomats said.'),
  item(13, 'rhine', 'eu-russia-sanctions', '20T13:10', "EU slaps new sanctions on Russia's oil tanker fleet",
    "The bloc's 20th package of sanctions since the full-scale invasion of Ukraine also bans transactions with banks in third countries that help Moscow evade restrictions."),
  item(14, 'broadcaster', 'eu-russia-sanctions', '20T14:00', 'Ukraine war: EU agrees fresh sanctions after Slovakia drops veto',
    'EU members agreed a new sanctions package against Russia after Slovakia lifted its objection in exchange for assurances on gas supplies.'),

  // ---- Russia retaliates (Sun 22): a later development ----
  item(15, 'wire', 'russia-entry-ban', '22T11:00', 'Russia expands entry ban on EU officials in response to sanctions',
    'Russia added 40 European Union officials and lawmakers to its entry ban list on Sunday, its foreign ministry said, in retaliation for the bloc\'s latest sanctions package.'),

  // ---- UK sanctions Iranian officials (Fri 20): same kind of event, different country ----
  item(16, 'fco', 'uk-iran-sanctions', '20T11:00', 'UK sanctions Iranian officials over treatment of protesters',
    'The UK has today sanctioned eight Iranian officials, including prison governors and judges, responsible for serious human rights violations against protesters.'),
  item(17, 'wire', 'uk-iran-sanctions', '20T12:00', 'Britain imposes sanctions on Iranian judges, prison chiefs',
    'Britain sanctioned eight Iranian officials on Friday over what it called the brutal repression of protesters, the Foreign Office said.'),

  // ---- US sanctions Venezuelan oil shippers (Sat 21) ----
  item(18, 'ledger', 'us-venezuela-oil-sanctions', '21T09:00', 'U.S. Sanctions Shipping Firms Accused of Moving Venezuelan Oil',
    'The Treasury Department sanctioned six shipping companies and 14 tankers it said had carried Venezuelan crude in violation of U.S. restrictions.'),

  // ---- Japan and China foreign ministers meet in Beijing (Sat 21) ----
  item(19, 'pacific', 'japan-china-fm', '21T06:00', 'China and Japan agree to restart high-level dialogue after foreign ministers meet in Beijing',
    "China's foreign minister and his Japanese counterpart agreed to resume the bilateral high-level economic dialogue and set up a maritime hotline, in the first visit by a Japanese foreign minister to Beijing in two years."),
  item(20, 'wire', 'japan-china-fm', '21T07:15', 'Japan, China foreign ministers agree on maritime hotline, resumption of talks',
    "Japan's foreign minister met his Chinese counterpart in Beijing on Saturday, and the two sides agreed to resume a high-level economic dialogue suspended since 2023."),
  item(21, 'broadcaster', 'japan-china-fm', '21T09:00', 'Tokyo and Beijing seek thaw as top diplomats meet',
    'Japan and China have pledged to stabilise ties after a meeting of their foreign ministers in Beijing, though disputes over the East China Sea remain unresolved.'),
  item(22, 'review', 'japan-china-fm', '21T15:00', "A thaw between Tokyo and Beijing? Don't bet on it",
    "Saturday's foreign ministers' meeting in Beijing produced a hotline and a promise of talks, but the structural drivers of Sino-Japanese rivalry are untouched."),

  // ---- China and South Korea foreign ministers meet in Seoul (Sun 22) ----
  item(23, 'pacific', 'china-skorea-fm', '22T05:00', "China's foreign minister visits Seoul for talks on North Korea and trade",
    "China's top diplomat arrived in Seoul on Sunday for talks with South Korea's foreign minister expected to cover North Korea's missile tests and export controls on chips."),
  item(24, 'wire', 'china-skorea-fm', '22T06:30', 'China, South Korea foreign ministers meet in Seoul, discuss North Korea',
    "The foreign ministers of China and South Korea met in Seoul on Sunday and agreed to hold a trilateral summit with Japan next year, South Korea's foreign ministry said."),

  // ---- IAEA board censures Iran (Fri 20) ----
  item(25, 'wire', 'iaea-iran-censure', '20T16:00', 'IAEA board passes resolution censuring Iran over uranium stockpile',
    "The International Atomic Energy Agency's 35-nation Board of Governors passed a resolution on Friday rebuking Iran for failing to account for its stockpile of highly enriched uranium, diplomats said."),
  item(26, 'gulf', 'iaea-iran-censure', '20T18:00', "Iran condemns IAEA resolution, vows 'appropriate response'",
    "Tehran denounced a resolution adopted by the UN nuclear watchdog's board on Friday as politically motivated and said it would respond with 'appropriate measures'."),
  item(27, 'security', 'iaea-iran-censure', '20T20:00', 'IAEA Board rebukes Tehran: the text of the resolution and what comes next',
    'The E3-sponsored resolution, adopted 19-3 with 12 abstentions, asks the Director General for a comprehensive report on Iran\'s undeclared uranium by spring.'),
  item(28, 'broadcaster', 'iaea-iran-censure', '21T07:00', 'UN nuclear watchdog censures Iran as tensions rise',
    "The IAEA's board of governors has censured Iran for the second time this year, in a vote Western diplomats hope will push Tehran back to negotiations."),

  // ---- Iran's answer: new centrifuges at Fordow (Sun 22): follow-up inside the window ----
  item(29, 'wire', 'iran-fordow-centrifuges', '22T10:00', 'Iran says it will install new advanced centrifuges at Fordow after IAEA censure',
    "Iran informed the IAEA it would install several cascades of IR-6 centrifuges at its Fordow plant, Iranian state media said on Sunday, two days after the agency's board censured Tehran."),
  item(30, 'gulf', 'iran-fordow-centrifuges', '22T12:00', 'Tehran to expand enrichment at Fordow in response to IAEA vote',
    "Iran's atomic energy organisation said new centrifuge cascades would be brought online at the underground Fordow site, in retaliation for Friday's resolution."),

  // ---- NATO defence ministers: eastern flank air defence (Tue 24) ----
  item(31, 'wire', 'nato-air-defence', '24T13:00', 'NATO defence ministers agree plan to boost air defences on eastern flank',
    'NATO defence ministers meeting in Brussels on Tuesday agreed to pool funding for additional air defence systems along the alliance\'s eastern flank, the secretary general said.'),
  item(32, 'rhine', 'nato-air-defence', '24T15:00', 'NATO pledges more Patriot batteries for eastern members',
    'Alliance defence ministers in Brussels backed a joint plan to deploy more air defence systems to Poland, the Baltic states and Romania amid repeated Russian drone incursions.'),
  item(33, 'security', 'nato-air-defence', '24T18:00', "Brussels ministerial: NATO's eastern flank air defence initiative explained",
    'Defence ministers endorsed a common-funded initiative to close gaps in integrated air and missile defence from the Baltic to the Black Sea.'),

  // ---- EU defence ministers: joint ammunition purchase (Tue 24): same day, same city, other body ----
  item(34, 'euCouncil', 'eu-ammunition', '24T16:00', 'Council approves joint procurement of ammunition under European defence industry programme',
    'EU defence ministers today approved the first joint procurement of 155mm artillery ammunition under the European defence industry programme, worth €1.5 billion.'),
  item(35, 'wire', 'eu-ammunition', '24T17:00', 'EU ministers approve €1.5 billion joint ammunition purchase',
    "European Union defence ministers approved the bloc's first joint purchase of artillery shells under a new defence industry programme on Tuesday."),

  // ---- Colombia and Venezuela reopen the border to freight (Mon 23) ----
  item(36, 'andes', 'colombia-venezuela-border', '23T14:00', 'Colombia and Venezuela agree to reopen border crossings to cargo traffic',
    'The two governments signed an agreement in Cúcuta on Monday to fully reopen three border bridges to commercial trucks, ending restrictions in place since 2019.'),
  item(37, 'wire', 'colombia-venezuela-border', '23T15:00', 'Colombia, Venezuela sign deal to reopen border to freight',
    'Colombia and Venezuela will reopen their border bridges to cargo trucks from next month, officials said after a meeting in the border city of Cúcuta on Monday.'),
  item(38, 'ledger', 'colombia-venezuela-border', '23T20:00', 'At a Border Long Closed, Colombia and Venezuela Bet on Trade',
    "Monday's agreement to reopen bridges near Cúcuta to freight is the most significant step yet in normalising relations, though migrants and smugglers still dominate the crossings."),

  // ---- Venezuela: opposition organiser detained (Mon 23): same country, different event ----
  item(39, 'wire', 'venezuela-opposition-arrest', '23T11:00', 'Venezuelan opposition figure detained in Caracas, party says',
    'Venezuelan security forces detained a senior opposition campaign official at his home in Caracas overnight, his party said on Monday, condemning the arrest as political persecution.'),
  item(40, 'andes', 'venezuela-opposition-arrest', '23T16:00', 'Venezuela: arrest of opposition organiser draws condemnation from Brazil and Chile',
    'Brazil and Chile called on Caracas to release an opposition organiser detained overnight, in a rare joint statement by left-leaning governments in the region.'),

  // ---- India and Pakistan: Indus Waters talks (Mon 23) ----
  item(41, 'delhi', 'indus-waters-talks', '23T09:00', 'India, Pakistan hold first Indus Waters talks in three years',
    'Officials of the Permanent Indus Commission met in New Delhi on Monday, the first such meeting since India sought to renegotiate the 1960 water-sharing treaty.'),
  item(42, 'wire', 'indus-waters-talks', '23T10:30', 'India and Pakistan resume talks on Indus water treaty',
    'Indian and Pakistani water officials met in New Delhi on Monday to discuss the Indus Waters Treaty, which India put in abeyance earlier this year.'),
  item(43, 'broadcaster', 'indus-waters-talks', '23T12:00', 'India-Pakistan water talks: a cautious step after months of hostility',
    'Engineers from both countries met in Delhi to discuss the sharing of the Indus river system, months after a military standoff brought the neighbours close to war.'),

  // ---- Pakistan: suicide bombing in Peshawar (Mon 23): same country, same day ----
  item(44, 'delhi', 'peshawar-bombing', '23T14:00', 'Suicide bomber kills 11 at police compound in Peshawar',
    "At least 11 people were killed when a suicide bomber attacked a police compound in Pakistan's Peshawar on Monday; no group has claimed responsibility."),
  item(45, 'wire', 'peshawar-bombing', '23T13:00', 'Suicide attack on Pakistan police post kills at least 11',
    'A suicide bomber struck a police compound in the northwestern Pakistani city of Peshawar on Monday, killing at least 11 officers, police said.'),
  item(46, 'gulf', 'peshawar-bombing', '23T15:30', 'Pakistan: deadly bombing targets police in Khyber Pakhtunkhwa',
    'The attack in the provincial capital Peshawar is the deadliest on security forces this year; officials blamed the Pakistani Taliban.'),

  // ---- UN Security Council renews the Haiti force (Mon 23) ----
  item(47, 'un', 'unsc-haiti-mandate', '23T21:00', 'Security Council extends mandate of Gang Suppression Force in Haiti for 12 months',
    'The Security Council on Monday unanimously adopted resolution 2811 (2026), extending the authorization of the Gang Suppression Force in Haiti until November 2027.'),
  item(48, 'wire', 'unsc-haiti-mandate', '23T21:30', 'UN Security Council renews Haiti anti-gang force for a year',
    'The U.N. Security Council voted unanimously on Monday to extend the mandate of the multinational force fighting gangs in Haiti for another year.'),
  item(49, 'ledger', 'unsc-haiti-mandate', '24T01:00', 'U.N. Extends Haiti Force, but Money and Troops Remain Scarce',
    "The Security Council's vote keeps the gang suppression mission alive for another year, yet only a fraction of the promised 5,500 personnel have arrived in Port-au-Prince."),

  // ---- Haiti: gang attack on Cabaret (Mon 23): same country, same day ----
  item(50, 'andes', 'haiti-cabaret-attack', '23T18:00', 'Gangs attack town north of Port-au-Prince, dozens killed',
    'Armed gangs stormed the town of Cabaret on Sunday night, killing at least 30 people and burning homes, local officials said.'),
  item(51, 'broadcaster', 'haiti-cabaret-attack', '23T19:00', 'Haiti: dozens killed as gangs storm Cabaret',
    "At least 30 people have been killed in a gang attack on a town near Haiti's capital, in one of the deadliest incidents this year."),

  // ---- UN Security Council: Gaza draft vetoed (Tue 24): same body, same kind of event ----
  item(52, 'un', 'unsc-gaza-veto', '24T20:00', 'Security Council fails to adopt draft resolution on Gaza humanitarian access',
    'A draft resolution demanding unhindered humanitarian access in Gaza failed to pass on Tuesday after one permanent member voted against it.'),
  item(53, 'wire', 'unsc-gaza-veto', '24T20:30', 'U.S. vetoes UN Security Council resolution on Gaza aid',
    'The United States on Tuesday vetoed a U.N. Security Council draft that demanded unrestricted aid access to Gaza, saying it did not support diplomatic efforts on the ground.'),

  // ---- China's drills around Taiwan, day one (Tue 24) ----
  item(54, 'pacific', 'taiwan-drills', '24T03:00', 'PLA launches large-scale drills around Taiwan',
    "China's Eastern Theatre Command began joint exercises around Taiwan on Tuesday, deploying warships and aircraft to simulate a blockade of the island's main ports."),
  item(55, 'wire', 'taiwan-drills', '24T04:00', 'China stages military drills around Taiwan, simulates blockade',
    "China's military began drills around Taiwan on Tuesday involving navy, air force and rocket forces, calling them a stern warning to separatist forces."),
  item(56, 'security', 'taiwan-drills', '24T10:00', "'Strait Thunder' redux: first take on the PLA's blockade rehearsal",
    "Tuesday's Eastern Theatre Command exercise around Taiwan is larger than April's and for the first time includes coast guard boarding drills near Kinmen."),
  item(57, 'broadcaster', 'taiwan-drills', '24T08:00', "Taiwan condemns Chinese military drills as 'irrational provocation'",
    "Taiwan's defence ministry said it had dispatched ships and aircraft to monitor Chinese exercises around the island that Beijing says simulate a blockade."),
  item(58, 'ledger', 'taiwan-drills', '24T12:00', 'China Surrounds Taiwan With Warships in Show of Force',
    "The drills, which came days after Taiwan's president transited through the United States, involved more than 70 aircraft and 20 vessels, according to Taiwan's defense ministry."),

  // ---- The drills' second day (Wed 25): a later development, same outlets ----
  item(59, 'wire', 'taiwan-drills-day-two', '25T05:00', 'China extends Taiwan drills into second day with live-fire exercises',
    'Chinese forces fired long-range rockets into waters east of Taiwan on Wednesday as drills around the island entered a second day, Taiwan\'s defence ministry said.'),
  item(60, 'pacific', 'taiwan-drills-day-two', '25T06:00', 'PLA holds live-fire drills on second day of Taiwan exercises',
    'The Eastern Theatre Command said rocket force units conducted live-fire strikes on targets in waters east of the island on Wednesday.'),

  // ---- China and the Philippines collide at Second Thomas Shoal (Tue 24) ----
  item(61, 'pacific', 'scs-collision', '24T09:00', 'Chinese and Philippine vessels collide near Second Thomas Shoal',
    'A Chinese coast guard ship and a Philippine supply boat collided near Second Thomas Shoal in the South China Sea on Tuesday, with each side blaming the other.'),
  item(62, 'wire', 'scs-collision', '24T10:00', 'Philippines accuses China of ramming supply boat in South China Sea',
    'The Philippine coast guard said a Chinese vessel deliberately rammed a boat resupplying troops at Second Thomas Shoal, injuring two crew members.'),

  // ---- Armenia and Azerbaijan sign a peace treaty (Sun 22) ----
  item(63, 'wire', 'armenia-azerbaijan-treaty', '22T12:00', 'Armenia and Azerbaijan sign peace treaty in Abu Dhabi',
    'The leaders of Armenia and Azerbaijan signed a peace treaty in Abu Dhabi on Sunday, formally ending more than three decades of conflict, the UAE presidency said.'),
  item(64, 'rhine', 'armenia-azerbaijan-treaty', '22T14:00', 'Armenia, Azerbaijan seal peace deal after decades of conflict',
    'The agreement, initialled in Washington last year, commits both countries to recognise each other\'s borders and to open transport links through southern Armenia.'),
  item(65, 'broadcaster', 'armenia-azerbaijan-treaty', '22T15:00', 'Armenia-Azerbaijan: Historic peace treaty signed',
    "Armenia's prime minister and Azerbaijan's president signed the treaty in the United Arab Emirates, although the border has yet to be fully demarcated."),

  // ---- Georgia: protests against the foreign agents law (Sun 22): same region, same day ----
  item(66, 'rhine', 'georgia-protests', '22T19:00', 'Georgia: Thousands protest in Tbilisi against foreign agents law',
    'Tens of thousands rallied outside parliament in Tbilisi on Sunday against a law requiring groups funded from abroad to register as foreign agents.'),
  item(67, 'wire', 'georgia-protests', '22T20:00', 'Georgian police disperse protesters in Tbilisi with water cannon',
    "Police in Georgia used water cannon and tear gas to break up a rally against the government's foreign agents law outside parliament late on Sunday."),

  // ---- Moldova expels Russian diplomats (Wed 25) ----
  item(68, 'wire', 'moldova-expels', '25T09:00', 'Moldova expels three Russian diplomats over election interference',
    'Moldova ordered three Russian diplomats to leave the country within 72 hours, accusing them of financing a vote-buying network ahead of local elections.'),
  item(69, 'rhine', 'moldova-expels', '25T11:00', 'Moldova orders Russian diplomats out, citing vote-buying scheme',
    'Chisinau declared three embassy staff persona non grata; Moscow called the decision a provocation and promised a response.'),

  // ---- Estonia expels a Russian diplomat (Wed 25): same kind of event, different country ----
  item(70, 'wire', 'estonia-expels', '25T10:00', 'Estonia expels Russian diplomat over sabotage plot',
    'Estonia expelled a Russian diplomat on Wednesday, saying he had coordinated a plot to sabotage a rail line used to supply Ukraine.'),
  item(71, 'broadcaster', 'estonia-expels', '25T12:00', 'Estonia orders out Russian embassy official after rail sabotage arrests',
    "Estonia's foreign ministry gave the Russian diplomat 48 hours to leave after police arrested two men suspected of planning to damage railway tracks."),

  // ---- Israeli strikes in southern Lebanon (Tue 24) ----
  item(72, 'gulf', 'israel-lebanon-strikes', '24T06:00', 'Israeli air strikes hit southern Lebanon, killing five',
    "Israeli warplanes struck several villages in southern Lebanon overnight, killing five people, Lebanon's health ministry said, despite the ceasefire in place since last year."),
  item(73, 'wire', 'israel-lebanon-strikes', '24T07:00', 'Israel strikes Hezbollah targets in south Lebanon',
    "Israel's military said it struck Hezbollah weapons depots and a launcher in southern Lebanon overnight; Lebanese authorities said five people were killed."),

  // ---- Israeli strikes near Damascus (Tue 24): same kind of event, different country, same night ----
  item(74, 'gulf', 'israel-syria-strikes', '24T09:00', 'Israeli strikes hit military sites near Damascus',
    "Israeli jets struck air defence sites and a weapons depot near Damascus overnight, Syria's interim government said, calling the attack a violation of sovereignty."),
  item(75, 'wire', 'israel-syria-strikes', '24T09:30', 'Israel says it struck weapons depots in Syria',
    "Israel's military said it had hit weapons depots near the Syrian capital to prevent advanced arms from falling into hostile hands."),

  // ---- Nigeria and Niger reopen their border (Fri 20) ----
  item(76, 'continental', 'nigeria-niger-border', '20T12:00', 'Nigeria and Niger agree to reopen border after two-year closure',
    'Abuja and Niamey agreed on Friday to fully reopen their land border and resume electricity supplies, in a sign of thawing ties between Nigeria and the military government in Niger.'),
  item(77, 'wire', 'nigeria-niger-border', '20T13:00', 'Nigeria, Niger to reopen frontier and restore power supply',
    'Nigeria and Niger will reopen their shared border to trade and passengers from December, the two governments said in a joint statement on Friday.'),

  // ---- Niger nationalises a uranium mine (Sat 21): same country, different event ----
  item(78, 'continental', 'niger-uranium-mine', '21T10:00', "Niger's junta nationalises French-run uranium mine",
    "Niger's military government said it had nationalised a uranium mine operated by a French nuclear group, escalating a long dispute over the mine's output and unpaid exports."),

  // ---- US and Mexico sign a security pact (Wed 25) ----
  item(79, 'ledger', 'us-mexico-security-pact', '25T14:00', 'U.S. and Mexico Agree on New Security Framework to Fight Fentanyl Trafficking',
    'Senior officials from both countries signed a security cooperation agreement in Mexico City on Wednesday that expands intelligence sharing on cartels and arms smuggling.'),
  item(80, 'andes', 'us-mexico-security-pact', '25T15:00', 'Mexico, United States sign security pact on cartels and arms trafficking',
    'The agreement signed in Mexico City creates a joint group to track weapons crossing the border southbound and fentanyl precursors moving north.'),
  item(81, 'wire', 'us-mexico-security-pact', '25T16:00', 'US, Mexico sign security cooperation deal aimed at cartels',
    'Mexico and the United States signed an agreement on Wednesday to deepen cooperation against drug cartels, while Mexico reiterated it would not accept U.S. military operations on its soil.'),

  // ---- US tariffs on Mexican steel (Wed 25): same countries, same day, different event ----
  item(82, 'wire', 'us-mexico-steel-tariffs', '25T12:00', 'US to raise tariffs on Mexican steel over Chinese transshipment',
    'Washington said it would raise tariffs on Mexican steel to 50% from January, accusing Mexico of allowing Chinese steel to be shipped through its territory to avoid U.S. duties.'),

  // ---- Singletons ----
  item(83, 'review', 'europe-defence-spending', '20T09:00', "Europe's defence spending surge: where the money is actually going",
    'National defence budgets across the EU have grown by a third since 2022, but most of the new money buys off-the-shelf equipment from outside Europe.'),
  item(84, 'un', 'afghanistan-winter-food', '22T09:00', 'Afghanistan: UN warns of winter food crisis for 15 million',
    'Humanitarian agencies say funding cuts have left them unable to preposition food in remote provinces before snow closes mountain roads.'),
  item(85, 'fco', 'uk-kenya-defence', '23T10:00', 'UK and Kenya sign new defence cooperation agreement',
    'The UK and Kenya have today signed a five-year defence cooperation agreement covering training, counter-terrorism and maritime security in the Indian Ocean.'),
];

/** Hard negatives: each pair is a different story, written with the reason it is hard. */
const hardNegatives: Array<[number, number, string]> = [
  // Later developments of the same story, inside the 48 h window.
  [1, 7, 'truce agreed vs. truce holding on its first day (next day, same outlet)'],
  [2, 7, 'truce agreed vs. first day of the truce'],
  [5, 7, 'truce agreed vs. first day of the truce'],
  [4, 7, 'truce agreed vs. first day of the truce'],
  [25, 29, 'IAEA censure vs. Iran\'s retaliation two days later'],
  [26, 30, 'Iran vows a response vs. the response itself (Fordow)'],
  [28, 29, 'IAEA censure vs. Fordow centrifuges'],
  [27, 30, 'IAEA censure vs. Fordow centrifuges'],
  [12, 15, 'EU sanctions vs. Russia\'s retaliatory entry ban'],
  [13, 15, 'EU sanctions vs. Russia\'s retaliatory entry ban'],
  [54, 60, 'drills day one vs. day two (same outlet)'],
  [55, 59, 'drills day one vs. day two (same outlet)'],
  [57, 59, 'drills day one vs. day two'],
  [56, 60, 'drills day one vs. day two'],
  // A later development outside the window.
  [1, 10, 'truce agreed vs. violations four days later'],
  [7, 10, 'first day of the truce vs. violations three days later'],
  // Same country, different event.
  [1, 8, 'Sudan truce vs. Port Sudan drone strike that mentions the deal'],
  [3, 9, 'Sudan truce vs. drone strike; both mention the RSF and the truce'],
  [37, 39, 'Venezuela: border deal vs. opposition arrest, same day'],
  [36, 40, 'Venezuela: border deal vs. opposition arrest'],
  [18, 39, 'Venezuela: oil sanctions vs. opposition arrest'],
  [42, 45, 'Pakistan: water talks vs. Peshawar bombing, same day'],
  [41, 44, 'Pakistan: water talks vs. Peshawar bombing, same outlet'],
  [47, 50, 'Haiti: UN mandate vs. gang attack, same day'],
  [48, 51, 'Haiti: UN mandate vs. gang attack'],
  [49, 50, 'Haiti: UN mandate vs. gang attack; both mention Port-au-Prince'],
  [76, 78, 'Niger: border reopening vs. uranium nationalisation'],
  [81, 82, 'US-Mexico: security pact vs. steel tariffs, same day, same outlet'],
  [79, 82, 'US-Mexico: security pact vs. steel tariffs'],
  [63, 66, 'South Caucasus: peace treaty vs. Tbilisi protests, same day'],
  [64, 67, 'South Caucasus: peace treaty vs. Tbilisi protests'],
  // Same kind of event, different country or body.
  [11, 16, 'a sanctions package: EU on Russia vs. UK on Iran, same day'],
  [12, 17, 'sanctions: EU on Russia vs. UK on Iran, same outlet'],
  [12, 18, 'sanctions: EU on Russia vs. US on Venezuelan oil'],
  [16, 25, 'Iran: UK sanctions vs. IAEA censure, same day'],
  [20, 24, 'foreign ministers meet: Japan-China vs. China-South Korea'],
  [19, 23, 'foreign ministers meet: Beijing vs. Seoul, same outlet'],
  [21, 24, 'foreign ministers meet: Japan-China vs. China-South Korea (mentions Japan)'],
  [31, 35, 'defence ministers in Brussels: NATO air defence vs. EU ammunition, same day'],
  [33, 34, 'defence ministers: NATO vs. EU'],
  [32, 34, 'defence ministers: NATO vs. EU'],
  [48, 53, 'UN Security Council vote: Haiti vs. Gaza'],
  [47, 52, 'UN Security Council: Haiti vs. Gaza, same outlet'],
  [68, 70, 'expelling Russian diplomats: Moldova vs. Estonia, same day, same outlet'],
  [69, 71, 'expelling Russian diplomats: Moldova vs. Estonia'],
  [68, 71, 'expelling Russian diplomats: Moldova vs. Estonia'],
  [73, 75, 'Israeli strikes on weapons depots: Lebanon vs. Syria, same night, same outlet'],
  [72, 74, 'Israeli strikes: Lebanon vs. Syria, same outlet'],
  [54, 61, 'China at sea: Taiwan drills vs. Second Thomas Shoal collision, same day'],
  [55, 62, 'China at sea: Taiwan drills vs. Philippine collision'],
  [76, 36, 'neighbours reopen a border: Nigeria-Niger vs. Colombia-Venezuela'],
  [77, 37, 'neighbours reopen a border: Nigeria-Niger vs. Colombia-Venezuela'],
  [63, 1, 'a peace deal signed in a Gulf capital: Armenia-Azerbaijan vs. Sudan'],
  [85, 79, 'a security or defence agreement signed: UK-Kenya vs. US-Mexico'],
  [83, 34, 'European defence spending analysis vs. EU ammunition purchase'],
];

function positives(): LabelledPair[] {
  const out: LabelledPair[] = [];
  for (let i = 0; i < labelledItems.length; i += 1) {
    for (let j = i + 1; j < labelledItems.length; j += 1) {
      const a = labelledItems[i];
      const b = labelledItems[j];
      if (a && b && a.story === b.story) out.push({ a: a.id, b: b.id, same: true });
    }
  }
  return out;
}

/** Every same-story pair plus the hand-picked hard negatives. */
export const labelledPairs: LabelledPair[] = [
  ...positives(),
  ...hardNegatives.map(([a, b, why]) => ({ a, b, same: false, why })),
];
