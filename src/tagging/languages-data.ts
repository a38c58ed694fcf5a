// Country, capital, demonym and organisation names in Spanish, French, German
// and Portuguese, so an item in one of them is tagged like its English twin.
//
// Table rows: `CODE|es names|es adjective|fr names|fr adjective|de names|de adjective|pt names|pt adjective|capitals`
// (several values are separated by commas; an empty cell adds nothing).
// - names are matched like English names: the first letter must be a capital.
// - adjectives (demonyms) are written in lower case in these languages ("el
//   gobierno mexicano", "la diplomatie française", "die russische Armee"), so
//   they match in any case; give the base form (masculine singular, German
//   stem in -isch) and `inflect` adds the endings (mexicano → mexicana,
//   mexicanos, mexicanas; français → française, françaises; russisch →
//   russische, russischen…). Words that are also the language name in a
//   phrase like "en inglés" are left out (inglés, anglais, englisch).
// - Names that fold (case, accents) to the English form are not needed:
//   "Irán", "Perú" and "Panamá" already match "Iran", "Peru", "Panama".
import type { RegionKey } from '../shared/regions.js';

export type Language = 'es' | 'fr' | 'de' | 'pt';

const COUNTRY_ROWS = `
US|Estados Unidos,EE.UU.,EE. UU.,EEUU,Norteamérica|estadounidense,norteamericano|États-Unis,Etats-Unis|américain|Vereinigte Staaten,Vereinigten Staaten|amerikanisch,us-amerikanisch|Estados Unidos,EUA|estadunidense,norte-americano,americano|Nueva York,Nova York,Nouvelle-York,Washington,Casa Blanca,Maison-Blanche,Maison Blanche,Weiße Haus,Weißen Haus,Casa Branca,Pentágono,Pentagone,Departamento de Estado,Département d'État
GB|Reino Unido,Gran Bretaña,Inglaterra,Escocia|británico|Royaume-Uni,Grande-Bretagne,Angleterre,Écosse|britannique|Großbritannien,Vereinigtes Königreich,Vereinigten Königreich,England,Schottland|britisch|Reino Unido,Grã-Bretanha,Inglaterra|britânico|Londres,London,Londra
FR|Francia|francés|France|français|Frankreich|französisch|França|francês|París,Paris,Elíseo,Élysée,Quai d'Orsay
DE|Alemania|alemán|Allemagne|allemand|Deutschland|deutsch|Alemanha|alemão|Berlín,Berlim
IT|Italia|italiano|Italie|italien|Italien|italienisch|Itália|italiano|
ES|España|español|Espagne|espagnol|Spanien|spanisch|Espanha|espanhol|Madrid
PT|Portugal|portugués|Portugal|portugais|Portugal|portugiesisch|Portugal|português|Lisboa,Lisbonne,Lissabon
NL|Países Bajos,Holanda|neerlandés,holandés|Pays-Bas,Hollande|néerlandais|Niederlande,Niederlanden,Holland|niederländisch|Países Baixos,Holanda|neerlandês,holandês|Ámsterdam,Amsterdã,Amesterdão
BE|Bélgica|belga|Belgique|belge|Belgien|belgisch|Bélgica|belga|
CH|Suiza|suizo|Suisse|suisse|Schweiz,Schweizer|schweizerisch|Suíça|suíço|Berna,Berne
AT|Austria|austriaco,austríaco|Autriche|autrichien|Österreich|österreichisch|Áustria|austríaco|Viena,Vienne,Wien
PL|Polonia|polaco|Pologne|polonais|Polen|polnisch|Polônia,Polónia|polonês,polaco|Varsovia,Varsovie,Warschau,Varsóvia
HU|Hungría|húngaro|Hongrie|hongrois|Ungarn|ungarisch|Hungria|húngaro|Budapest
CZ|Chequia,República Checa|checo|Tchéquie,République tchèque|tchèque|Tschechien|tschechisch|Chéquia,Tchéquia,República Checa|checo,tcheco|Praga,Prag
SK|Eslovaquia|eslovaco|Slovaquie|slovaque|Slowakei|slowakisch|Eslováquia|eslovaco|
RO|Rumanía,Rumania|rumano|Roumanie|roumain|Rumänien|rumänisch|Romênia,Roménia|romeno|Bucarest,Bukarest,Bucareste
BG|Bulgaria|búlgaro|Bulgarie|bulgare|Bulgarien|bulgarisch|Bulgária|búlgaro|
GR|Grecia|griego|Grèce|grec,grecque|Griechenland|griechisch|Grécia|grego|Atenas,Athènes,Athen
SE|Suecia|sueco|Suède|suédois|Schweden|schwedisch|Suécia|sueco|Estocolmo
NO|Noruega|noruego|Norvège|norvégien|Norwegen|norwegisch|Noruega|norueguês|
FI|Finlandia|finlandés|Finlande|finlandais|Finnland|finnisch|Finlândia|finlandês|
DK|Dinamarca|danés|Danemark|danois|Dänemark|dänisch|Dinamarca|dinamarquês|Copenhague,Kopenhagen,Copenhaga
IE|Irlanda|irlandés|Irlande|irlandais|Irland|irisch|Irlanda|irlandês|Dublín
EE|Estonia|estonio|Estonie|estonien|Estland|estnisch|Estônia,Estónia|estoniano|
LV|Letonia|letón|Lettonie|letton|Lettland|lettisch|Letônia,Letónia|letão|
LT|Lituania|lituano|Lituanie|lituanien|Litauen|litauisch|Lituânia|lituano|
UA|Ucrania|ucraniano|Ukraine|ukrainien|Ukraine|ukrainisch|Ucrânia|ucraniano|Kiev,Kyiv,Kiew,Kyïv,Kiïv,Quieve
RU|Rusia|ruso|Russie|russe|Russland|russisch|Rússia|russo|Moscú,Moscou,Moskau,Kremlin,Kreml
BY|Bielorrusia|bielorruso|Biélorussie|biélorusse|Weißrussland,Belarus|belarussisch|Bielorrússia|bielorrusso|
MD|Moldavia|moldavo|Moldavie|moldave|Moldau,Moldawien|moldauisch|Moldávia|moldavo|
GE|Georgia|georgiano|Géorgie|géorgien|Georgien|georgisch|Geórgia|georgiano|Tiflis
AM|Armenia|armenio|Arménie|arménien|Armenien|armenisch|Armênia,Arménia|armênio,arménio|Ereván,Erevan,Eriwan
AZ|Azerbaiyán|azerbaiyano|Azerbaïdjan|azerbaïdjanais|Aserbaidschan|aserbaidschanisch|Azerbaijão|azerbaijano|Bakú,Bakou
TR|Turquía|turco|Turquie|turc|Türkei|türkisch|Turquia|turco|Ankara
RS|Serbia|serbio|Serbie|serbe|Serbien|serbisch|Sérvia|sérvio|Belgrado,Belgrad
HR|Croacia|croata|Croatie|croate|Kroatien|kroatisch|Croácia|croata|
BA|Bosnia|bosnio|Bosnie|bosnien|Bosnien|bosnisch|Bósnia|bósnio|
AL|Albania|albanés|Albanie|albanais|Albanien|albanisch|Albânia|albanês|
CY|Chipre|chipriota|Chypre|chypriote|Zypern|zyprisch|Chipre|cipriota|
IS|Islandia|islandés|Islande|islandais||isländisch|Islândia|islandês|
GL|Groenlandia|groenlandés|Groenland|groenlandais|Grönland|grönländisch|Groenlândia|groenlandês|
XK|Kosovo|kosovar|Kosovo|kosovar|Kosovo|kosovarisch|Kosovo|kosovar|
IL|Israel|israelí|Israël|israélien|Israel|israelisch|Israel|israelense|
PS|Palestina,Franja de Gaza,Cisjordania|palestino|Palestine,bande de Gaza,Cisjordanie|palestinien|Palästina,Gazastreifen,Westjordanland|palästinensisch|Palestina,Faixa de Gaza,Cisjordânia|palestino|
IR|Irán|iraní|Iran|iranien|Iran|iranisch|Irã,Irão|iraniano|Teherán,Téhéran,Teheran,Teerã,Teerão
IQ|Irak|iraquí|Irak|irakien|Irak|irakisch|Iraque|iraquiano|Bagdad
SY|Siria|sirio|Syrie|syrien|Syrien|syrisch|Síria|sírio|Damasco,Damas,Damaskus
LB|Líbano|libanés|Liban|libanais|Libanon|libanesisch|Líbano|libanês|Beirut,Beyrouth
JO|Jordania|jordano|Jordanie|jordanien|Jordanien|jordanisch|Jordânia|jordaniano|
EG|Egipto|egipcio|Égypte,Egypte|égyptien|Ägypten|ägyptisch|Egito,Egipto|egípcio|El Cairo,Le Caire,Kairo
SA|Arabia Saudita,Arabia Saudí|saudí|Arabie saoudite|saoudien|Saudi-Arabien|saudisch,saudi-arabisch|Arábia Saudita|saudita|Riad,Riyad
AE|Emiratos Árabes Unidos,Emiratos|emiratí|Émirats arabes unis,Emirats arabes unis|émirien|Vereinigte Arabische Emirate,Vereinigten Arabischen Emirate|emiratisch|Emirados Árabes Unidos|emiradense|Abu Dabi
QA|Catar|catarí|Qatar|qatarien|Katar|katarisch|Catar|catariano|Doha
KW|Kuwait|kuwaití|Koweït|koweïtien|Kuwait|kuwaitisch|Kuwait|kuwaitiano|
BH|Baréin|bareiní|Bahreïn|bahreïnien|Bahrain|bahrainisch|Bahrein|bareinita|
OM|Omán|omaní|Oman|omanais|Oman|omanisch|Omã|omanense|Mascate
YE|Yemen|yemení|Yémen|yéménite|Jemen|jemenitisch|Iêmen,Iémen|iemenita|Saná
LY|Libia|libio|Libye|libyen|Libyen|libysch|Líbia|líbio|Trípoli
DZ|Argelia|argelino|Algérie|algérien|Algerien|algerisch|Argélia|argelino|Argel,Alger
MA|Marruecos|marroquí|Maroc|marocain|Marokko|marokkanisch|Marrocos|marroquino|
TN|Túnez|tunecino|Tunisie|tunisien|Tunesien|tunesisch|Tunísia|tunisiano|
SD|Sudán|sudanés|Soudan|soudanais|Sudan|sudanesisch|Sudão|sudanês|Jartum,Khartoum,Khartum,Cartum
SS|Sudán del Sur|sursudanés|Soudan du Sud|sud-soudanais|Südsudan|südsudanesisch|Sudão do Sul|sul-sudanês|Yuba
ET|Etiopía|etíope|Éthiopie,Ethiopie|éthiopien|Äthiopien|äthiopisch|Etiópia|etíope|Adís Abeba,Addis-Abeba,Addis Abeba
ER|Eritrea|eritreo|Érythrée|érythréen|Eritrea|eritreisch|Eritreia|eritreu|
SO|Somalia|somalí|Somalie|somalien|Somalia|somalisch|Somália|somali|Mogadiscio
DJ|Yibuti|yibutiano|Djibouti|djiboutien|Dschibuti|dschibutisch|Djibuti|djibutiano|
KE|Kenia|keniano|Kenya|kényan|Kenia|kenianisch|Quênia,Quénia|queniano|
UG|Uganda|ugandés|Ouganda|ougandais|Uganda|ugandisch|Uganda|ugandense|
TZ|Tanzania|tanzano|Tanzanie|tanzanien|Tansania|tansanisch|Tanzânia|tanzaniano|
RW|Ruanda|ruandés|Rwanda|rwandais|Ruanda|ruandisch|Ruanda|ruandês|
BI|Burundi|burundés|Burundi|burundais|Burundi|burundisch|Burundi|burundiano|
CD|República Democrática del Congo,RD Congo,RDC|congoleño|République démocratique du Congo,RD Congo,RDC|congolais|Demokratische Republik Kongo,DR Kongo,Kongo|kongolesisch|República Democrática do Congo,RD Congo,RDC|congolês|
CG|República del Congo,Congo-Brazzaville|| République du Congo,Congo-Brazzaville||Republik Kongo,Kongo-Brazzaville||República do Congo,Congo-Brazzaville||
CF|República Centroafricana|centroafricano|Centrafrique,République centrafricaine|centrafricain|Zentralafrikanische Republik,Zentralafrikanischen Republik|zentralafrikanisch|República Centro-Africana|centro-africano|
CM|Camerún|camerunés|Cameroun|camerounais|Kamerun|kamerunisch|Camarões|camaronês|Yaundé
TD|Chad|chadiano|Tchad|tchadien|Tschad|tschadisch|Chade|chadiano|Yamena
NE|Níger|nigerino|Niger|nigérien|Niger|nigrisch|Níger|nigerino|
NG|Nigeria|nigeriano|Nigeria|nigérian|Nigeria|nigerianisch|Nigéria|nigeriano|
ML|Malí|maliense|Mali|malien|Mali|malisch|Mali|malinês|
BF|Burkina Faso|burkinés|Burkina Faso|burkinabé|Burkina Faso|burkinisch|Burkina Faso|burquinense|Uagadugú
SN|Senegal|senegalés|Sénégal|sénégalais|Senegal|senegalesisch|Senegal|senegalês|Dakar
CI|Costa de Marfil|marfileño|Côte d'Ivoire|ivoirien|Elfenbeinküste|ivorisch|Costa do Marfim|marfinense|
GH|Ghana|ghanés|Ghana|ghanéen|Ghana|ghanaisch|Gana|ganês|
GN|Guinea|guineano|Guinée|guinéen|Guinea|guineisch|Guiné|guineense|Conakri
GW|Guinea-Bisáu|bisauguineano|Guinée-Bissau|bissau-guinéen|Guinea-Bissau||Guiné-Bissau||
MR|Mauritania|mauritano|Mauritanie|mauritanien|Mauretanien|mauretanisch|Mauritânia|mauritano|
BJ|Benín|beninés|Bénin|béninois|Benin|beninisch|Benim|beninense|
TG|Togo|togolés|Togo|togolais|Togo|togoisch|Togo|togolês|
GA|Gabón|gabonés|Gabon|gabonais|Gabun|gabunisch|Gabão|gabonês|
AO|Angola|angoleño|Angola|angolais|Angola|angolanisch|Angola|angolano|
MZ|Mozambique|mozambiqueño|Mozambique|mozambicain|Mosambik|mosambikanisch|Moçambique|moçambicano|
ZA|Sudáfrica|sudafricano|Afrique du Sud|sud-africain|Südafrika|südafrikanisch|África do Sul|sul-africano|
ZW|Zimbabue|zimbabuense|Zimbabwe|zimbabwéen|Simbabwe|simbabwisch|Zimbábue|zimbabuano|
ZM|Zambia|zambiano|Zambie|zambien|Sambia|sambisch|Zâmbia|zambiano|
MG|Madagascar|malgache|Madagascar|malgache|Madagaskar|madagassisch|Madagáscar,Madagascar|malgaxe|
CV|Cabo Verde|caboverdiano|Cap-Vert|cap-verdien|Kap Verde|kapverdisch|Cabo Verde|cabo-verdiano|
GQ|Guinea Ecuatorial|ecuatoguineano|Guinée équatoriale|équato-guinéen|Äquatorialguinea||Guiné Equatorial|equato-guineense|
AF|Afganistán|afgano|Afghanistan|afghan|Afghanistan|afghanisch|Afeganistão|afegão|Kabul,Kaboul,Cabul
PK|Pakistán|pakistaní|Pakistan|pakistanais|Pakistan|pakistanisch|Paquistão|paquistanês|Islamabad
IN|India||Inde|indien|Indien|indisch|Índia|indiano|Nueva Delhi,New Delhi,Nova Deli
BD|Bangladés|bangladesí|Bangladesh|bangladais|Bangladesch|bangladeschisch|Bangladesh||Daca
AU|Australia|australiano|Australie|australien|Australien|australisch|Austrália|australiano|
NZ|Nueva Zelanda|neozelandés|Nouvelle-Zélande|néo-zélandais|Neuseeland|neuseeländisch|Nova Zelândia|neozelandês|
CN|China|chino|Chine|chinois|China|chinesisch|China|chinês|Pekín,Pékin,Peking,Pequim
JP|Japón|japonés|Japon|japonais|Japan|japanisch|Japão|japonês|Tokio,Tóquio
KR|Corea del Sur|surcoreano|Corée du Sud|sud-coréen|Südkorea|südkoreanisch|Coreia do Sul|sul-coreano|Seúl,Séoul
KP|Corea del Norte|norcoreano|Corée du Nord|nord-coréen|Nordkorea|nordkoreanisch|Coreia do Norte|norte-coreano|Pionyang
TW|Taiwán|taiwanés|Taïwan|taïwanais|Taiwan|taiwanisch|Taiwan|taiwanês|Taipéi
VN|Vietnam|vietnamita|Viêt Nam,Vietnam|vietnamien|Vietnam|vietnamesisch|Vietnã,Vietname|vietnamita|Hanói
TH|Tailandia|tailandés|Thaïlande|thaïlandais|Thailand|thailändisch|Tailândia|tailandês|Bangkok
KH|Camboya|camboyano|Cambodge|cambodgien|Kambodscha|kambodschanisch|Camboja|cambojano|Nom Pen
MM|Birmania|birmano|Birmanie|birman|Myanmar,Birma|myanmarisch|Mianmar,Birmânia|birmanês|
MY|Malasia|malasio|Malaisie|malaisien|Malaysia|malaysisch|Malásia|malaio|
ID|Indonesia|indonesio|Indonésie|indonésien|Indonesien|indonesisch|Indonésia|indonésio|Yakarta,Djakarta
PH|Filipinas|filipino|Philippines|philippin|Philippinen|philippinisch|Filipinas|filipino|Manila,Manille
MN|Mongolia|mongol|Mongolie|mongol|Mongolei|mongolisch|Mongólia|mongol|
KZ|Kazajistán|kazajo|Kazakhstan|kazakh|Kasachstan|kasachisch|Cazaquistão|cazaque|
UZ|Uzbekistán|uzbeko|Ouzbékistan|ouzbek|Usbekistan|usbekisch|Uzbequistão|uzbeque|
CA|Canadá|canadiense|Canada|canadien|Kanada|kanadisch|Canadá|canadense|
MX|México,Méjico|mexicano|Mexique|mexicain|Mexiko|mexikanisch|México|mexicano|Ciudad de México,Mexico
BR|Brasil|brasileño|Brésil|brésilien|Brasilien|brasilianisch|Brasil|brasileiro|Brasilia,Brasília
AR|Argentina|argentino|Argentine|argentin|Argentinien|argentinisch|Argentina|argentino|
CL|Chile|chileno|Chili|chilien|Chile|chilenisch|Chile|chileno|
CO|Colombia|colombiano|Colombie|colombien|Kolumbien|kolumbianisch|Colômbia|colombiano|
PE|Perú|peruano|Pérou|péruvien|Peru|peruanisch|Peru|peruano|
VE|Venezuela|venezolano|Venezuela|vénézuélien|Venezuela|venezolanisch|Venezuela|venezuelano|
EC|Ecuador|ecuatoriano|Équateur,Equateur|équatorien|Ecuador|ecuadorianisch|Equador|equatoriano|
BO|Bolivia|boliviano|Bolivie|bolivien|Bolivien|bolivianisch|Bolívia|boliviano|
PY|Paraguay|paraguayo|Paraguay|paraguayen|Paraguay|paraguayisch|Paraguai|paraguaio|
UY|Uruguay|uruguayo|Uruguay|uruguayen|Uruguay|uruguayisch|Uruguai|uruguaio|
CU|Cuba|cubano|Cuba|cubain|Kuba|kubanisch|Cuba|cubano|La Habana,La Havane,Havanna
HT|Haití|haitiano|Haïti|haïtien|Haiti|haitianisch|Haiti|haitiano|Puerto Príncipe
DO|República Dominicana|dominicano|République dominicaine|dominicain|Dominikanische Republik|dominikanisch|República Dominicana|dominicano|
PA|Panamá|panameño|Panama|panaméen|Panama|panamaisch|Panamá|panamenho|
NI|Nicaragua|nicaragüense|Nicaragua|nicaraguayen|Nicaragua|nicaraguanisch|Nicarágua|nicaraguense|
SV|El Salvador|salvadoreño||salvadorien|El Salvador|salvadorianisch|El Salvador|salvadorenho|
GT|Guatemala|guatemalteco|Guatemala|guatémaltèque|Guatemala|guatemaltekisch|Guatemala|guatemalteco|
HN|Honduras|hondureño|Honduras|hondurien|Honduras|honduranisch|Honduras|hondurenho|
`;

/** Organisations in the four languages (keys as in ORGANISATIONS). All-capitals forms match exactly. */
export const FOREIGN_ORGANISATION_NAMES: Record<string, string[]> = {
  un: ['ONU', 'UNO', 'Naciones Unidas', 'Nations unies', 'Nations Unies', 'Vereinte Nationen', 'Vereinten Nationen', 'Nações Unidas', 'Consejo de Seguridad', 'Conseil de sécurité', 'UN-Sicherheitsrat', 'Sicherheitsrat', 'Conselho de Segurança'],
  eu: ['UE', 'Unión Europea', 'Union européenne', 'Europäische Union', 'Europäischen Union', 'União Europeia', 'Comisión Europea', 'Commission européenne', 'EU-Kommission', 'Comissão Europeia', 'Bruselas', 'Bruxelles', 'Brüssel', 'Parlamento Europeo', 'Parlement européen'],
  nato: ['OTAN', 'Otan'],
  au: ['Unión Africana', 'Union africaine', 'Afrikanische Union', 'Afrikanischen Union', 'União Africana'],
  ecowas: ['CEDEAO', 'Cedeao'],
  oas: ['OEA'],
  opec: ['OPEP', 'Opep'],
  iaea: ['AIEA', 'OIEA', 'IAEO'],
  wto: ['OMC'],
  imf: ['FMI', 'IWF'],
  'world-bank': ['Banco Mundial', 'Banque mondiale', 'Weltbank'],
  who: ['OMS'],
  icc: ['Corte Penal Internacional', 'Cour pénale internationale', 'Internationaler Strafgerichtshof', 'Tribunal Penal Internacional'],
  icj: ['Corte Internacional de Justicia', 'Cour internationale de justice', 'Internationaler Gerichtshof', 'Tribunal Internacional de Justiça'],
  'arab-league': ['Liga Árabe', 'Ligue arabe', 'Arabische Liga'],
  gcc: ['Consejo de Cooperación del Golfo', 'Conseil de coopération du Golfe', 'Golf-Kooperationsrat', 'CCG'],
  asean: ['Asean', 'ANASE'],
  sadc: ['Comunidad de Desarrollo de África Austral'],
  unhcr: ['ACNUR', 'HCR', 'UNHCR'],
  celac: ['Celac'],
};

/** Region names in the four languages (and places that carry a region but no country); `term=English name` names the same place. */
export const FOREIGN_REGION_TERMS: ReadonlyArray<{ region: RegionKey; terms: string[] }> = [
  { region: 'mena', terms: ['Oriente Medio=Middle East', 'Oriente Próximo=Middle East', 'Medio Oriente=Middle East', 'Moyen-Orient=Middle East', 'Proche-Orient=Middle East', 'Naher Osten=Middle East', 'Nahen Osten=Middle East', 'Nahost=Middle East', 'Mittlerer Osten=Middle East', 'Oriente Médio=Middle East', 'Mar Rojo=Red Sea', 'mer Rouge=Red Sea', 'Mer Rouge=Red Sea', 'Rotes Meer=Red Sea', 'Roten Meer=Red Sea', 'Mar Vermelho=Red Sea', 'Golfo Pérsico=Persian Gulf', 'golfe Persique=Persian Gulf', 'Persischer Golf=Persian Gulf', 'estrecho de Ormuz=Strait of Hormuz', 'détroit d’Ormuz=Strait of Hormuz', "détroit d'Ormuz=Strait of Hormuz", 'Straße von Hormus=Strait of Hormuz', 'Meerenge von Hormus=Strait of Hormuz', 'Ormuz=Strait of Hormuz', 'Hormus=Strait of Hormuz', 'Suezkanal=Suez', 'Sueskanal=Suez', 'Magreb', 'Maghreb'] },
  { region: 'sub-saharan-africa', terms: ['África', 'Afrique', 'Afrika', 'africano', 'africana', 'africanos', 'africanas', 'africain', 'africaine', 'africains', 'afrikanisch', 'afrikanische', 'afrikanischen', 'Sahel', 'Cuerno de África=Horn of Africa', "Corne de l'Afrique=Horn of Africa", 'Horn von Afrika', 'Chifre da África', 'África Occidental', "Afrique de l'Ouest=West Africa", 'Westafrika=West Africa', 'África Ocidental=West Africa', 'Grandes Lagos', 'Grands Lacs'] },
  { region: 'europe', terms: ['Europa', 'europeo', 'europea', 'europeos', 'europeas', 'européen', 'européenne', 'européens', 'européennes', 'europäisch', 'europäische', 'europäischen', 'europeu', 'europeia', 'Balcanes=Balkans', 'Balkan=Balkans', 'Bálcãs=Balkans', 'Cáucaso=Caucasus', 'Caucase=Caucasus', 'Kaukasus=Caucasus', 'mar Negro=Black Sea', 'mer Noire=Black Sea', 'Schwarzes Meer=Black Sea', 'Schwarzen Meer=Black Sea', 'mar Báltico=Baltic Sea', 'mer Baltique=Baltic Sea', 'Ostsee=Baltic Sea', 'Baltikum=Baltic', 'pays baltes=Baltic', 'États baltes=Baltic', 'países bálticos=Baltic', 'Estados bálticos=Baltic', 'baltische Staaten=Baltic', 'baltischen Staaten=Baltic', 'Países Bálticos=Baltic'] },
  { region: 'americas', terms: ['América Latina', 'Latinoamérica', 'Amérique latine', 'Lateinamerika', 'Caribe=Caribbean', 'Caraïbes=Caribbean', 'Karibik=Caribbean', 'Sudamérica', 'América del Sur', 'Amérique du Sud', 'Südamerika', 'América do Sul', 'Centroamérica', 'Amérique centrale', 'Mittelamerika'] },
  { region: 'east-asia-pacific', terms: ['mar de China Meridional=South China Sea', 'mer de Chine méridionale=South China Sea', 'Südchinesisches Meer=South China Sea', 'Südchinesischen Meer=South China Sea', 'Mar do Sul da China=South China Sea', 'Sudeste Asiático', 'Asie du Sud-Est', 'Südostasien', 'Indo-Pacífico', 'Indo-Pacifique', 'Indopazifik', 'estrecho de Taiwán=Taiwan Strait', 'détroit de Taïwan=Taiwan Strait', 'Taiwanstraße=Taiwan Strait'] },
  { region: 'south-central-asia', terms: ['Asia Central', 'Asie centrale', 'Zentralasien', 'Ásia Central', 'Cachemira=Kashmir', 'Cachemire=Kashmir', 'Kaschmir=Kashmir', 'Caxemira=Kashmir'] },
];

export interface ForeignCountryForms {
  code: string;
  names: string[];
  /** Lower-case adjectives with their inflections; matched in any case. */
  adjectives: string[];
  capitals: string[];
}

const split = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A few inflections that would collide with a common word in another language ("china" = porcelain). */
const NOT_ADJECTIVES = new Set(['china', 'india']);

/** The forms of an adjective (masculine singular or German stem) in one language. */
export function inflect(lang: Language, base: string): string[] {
  const b = base.toLowerCase();
  const stripAccent = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');
  const out = new Set<string>([b]);
  const add = (...xs: string[]): void => xs.forEach((x) => out.add(x));
  if (lang === 'de') {
    for (const e of ['e', 'en', 'er', 'es', 'em']) add(b + e);
  } else if (lang === 'es') {
    if (b.endsWith('o')) add(`${b.slice(0, -1)}a`, `${b}s`, `${b.slice(0, -1)}as`);
    else if (/és$/.test(b)) { const s = stripAccent(b); add(`${s}a`, `${s}es`, `${s}as`); }
    else if (/án$/.test(b)) { const s = stripAccent(b); add(`${s}a`, `${s}es`, `${s}as`); }
    else if (/ón$/.test(b)) { const s = stripAccent(b); add(`${s}a`, `${s}es`, `${s}as`); }
    else if (/í$/.test(b)) add(`${b}es`, `${b}s`);
    else if (/[ae]$/.test(b)) add(`${b}s`);
    else if (/l$/.test(b)) add(`${b}a`, `${b}es`, `${b}as`);
    else add(`${b}es`);
  } else if (lang === 'pt') {
    if (/ão$/.test(b)) add(`${b.slice(0, -2)}ã`, `${b.slice(0, -2)}ães`, `${b.slice(0, -2)}ãs`);
    else if (b.endsWith('o')) add(`${b.slice(0, -1)}a`, `${b}s`, `${b.slice(0, -1)}as`);
    else if (/ês$/.test(b)) { const s = stripAccent(b); add(`${s}a`, `${s}es`, `${s}as`); }
    else if (/[ae]$/.test(b)) add(`${b}s`);
    else if (/u$/.test(b)) add(`${b.slice(0, -1)}ia`, `${b}s`, `${b.slice(0, -1)}ias`);
    else if (/l$/.test(b)) add(`${b}a`, `${b}as`, `${b.slice(0, -1)}is`);
  } else {
    if (/ien$/.test(b)) add(`${b}ne`, `${b}s`, `${b}nes`);
    else if (/(?:ais|ois)$/.test(b)) add(`${b}e`, `${b}es`);
    else if (/(?:ain|in|an)$/.test(b)) add(`${b}e`, `${b}s`, `${b}es`);
    else if (/en$/.test(b)) add(`${b}ne`, `${b}s`, `${b}nes`);
    else if (/c$/.test(b)) add(`${b}s`, `${b.slice(0, -1)}que`, `${b.slice(0, -1)}ques`);
    else if (/e$/.test(b)) add(`${b}s`);
    else if (/é$/.test(b)) add(`${b}e`, `${b}s`, `${b}es`);
    else add(`${b}s`, `${b}e`, `${b}es`);
  }
  return [...out].filter((w) => !NOT_ADJECTIVES.has(w));
}

function parseRows(): ForeignCountryForms[] {
  const langs: Language[] = ['es', 'fr', 'de', 'pt'];
  return COUNTRY_ROWS.split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const cells = line.split('|');
      const code = cells[0] as string;
      const names: string[] = [];
      const adjectives: string[] = [];
      langs.forEach((lang, k) => {
        for (const name of split(cells[1 + k * 2])) {
          names.push(name);
          // German genitive: "Irans Vorrat", "im Osten Kongos", "Frankreichs Präsident".
          if (lang === 'de' && !/[sxzß]$/i.test(name)) names.push(`${name}s`);
        }
        for (const adj of split(cells[2 + k * 2])) adjectives.push(...inflect(lang, adj));
      });
      return { code, names: [...new Set(names)], adjectives: [...new Set(adjectives)], capitals: split(cells[9]) };
    });
}

export const FOREIGN_COUNTRY_FORMS: readonly ForeignCountryForms[] = parseRows();
