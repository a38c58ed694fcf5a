// Spanish, French, German and Portuguese words for clustering: function words
// to drop, and the content words of foreign-policy news mapped to the English
// word an English report of the same event would use ("aranceles", "droits de
// douane", "Zölle" → tariff), so a report in one language shares terms with its
// English twin. Not a translator: a few hundred words that decide whether two
// reports are one event (what happened: truce, sanctions, missile, loan; to
// what: steel, oil, border). Countries, people and places are matched
// separately, as entities, through the tagging gazetteer.
//
// Keys are lower case without accents (as story-terms folds words); values
// are English words, stemmed afterwards like any English word.

export const FOREIGN_STOP_WORDS = new Set(
  `el la los las un una unos unas de del al y o u e en con por para sobre sin entre tras desde hasta hacia que quien cuyo como
  cuando donde mas muy ya su sus se lo le les ha han habia era es son fue fueron ser sera seran esta este estos estas ese esa eso
  segun dijo afirmo anuncio tambien pero aunque mientras antes despues ante bajo contra durante mediante no si sus nuestro otro otra otros
  le la les un une des du de d l au aux et ou en dans par pour sur sans entre apres avant avec chez vers depuis que qui dont ou comme
  quand plus deja son sa ses leur leurs se s ce cet cette ces il elle ils elles est sont a ont ete etait sera selon dit
  a annonce aussi mais alors tandis ne pas n y lors
  der die das den dem des ein eine einen einem einer eines und oder in im ins am an auf aus bei mit nach von vom zu zum zur fur
  uber unter vor hinter neben zwischen gegen ohne um durch seit bis als wie wenn dass ob nicht auch noch schon sehr mehr
  sich sein seine seiner seinen ihr ihre ihren ist sind war waren wird werden wurde wurden hat haben hatte hatten laut sagte
  es er sie wir hier dort erneut weiterhin zuvor bereits rund etwa
  o a os as um uma uns umas do da dos das no na nos nas ao aos e ou em com por para sobre sem entre apos antes desde ate
  que quem cujo como quando onde mais muito ja seu sua seus suas se lhe lhes foi foram ser sera estao esta este esse essa isso
  segundo disse afirmou anunciou tambem mas enquanto nao
  lunes martes miercoles jueves viernes sabado domingo hoy ayer manana
  lundi mardi mercredi jeudi vendredi samedi dimanche aujourd hui hier demain
  montag dienstag mittwoch donnerstag freitag samstag sonntag heute gestern morgen
  segunda terca quarta quinta sexta sabado domingo hoje ontem amanha feira
  semana semanas mes meses ano anos dia dias semaine semaines mois an ans annee jour jours woche wochen monat monate jahr jahre tag tage
  nuevo nueva nuevos nuevas nouveau nouvelle nouveaux neue neuen neuer novo nova novos novas`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Multi-word foreign phrases, joined before single words are looked up. */
export const FOREIGN_PHRASES: ReadonlyArray<[string, string]> = [
  ['alto el fuego', 'ceasefire'],
  ['cessez le feu', 'ceasefire'],
  ['cessar fogo', 'ceasefire'],
  ['libre comercio', 'free trade'],
  ['libre echange', 'free trade'],
  ['livre comercio', 'free trade'],
  ['flota fantasma', 'shadow fleet'],
  ['flotte fantome', 'shadow fleet'],
  ['frota fantasma', 'shadow fleet'],
  ['gas natural licuado', 'lng'],
  ['gaz naturel liquefie', 'lng'],
  ['gas natural liquefeito', 'lng'],
  ['droits de douane', 'tariff'],
  ['golpe de estado', 'coup'],
  ['coup d etat', 'coup'],
  ['derechos humanos', 'human rights'],
  ['droits de l homme', 'human rights'],
  ['direitos humanos', 'human rights'],
  ['ministres des affaires etrangeres', 'foreign minister'],
  ['ministre des affaires etrangeres', 'foreign minister'],
  ['ministro de asuntos exteriores', 'foreign minister'],
  ['ministro de relaciones exteriores', 'foreign minister'],
  ['ministros de relaciones exteriores', 'foreign minister'],
  ['ministro das relacoes exteriores', 'foreign minister'],
  ['ministros de la defensa', 'defence minister'],
  ['ministres de la defense', 'defence minister'],
  ['ministre de la defense', 'defence minister'],
  ['ministro de defensa', 'defence minister'],
  ['consejo de seguridad', 'security council'],
  ['conseil de securite', 'security council'],
  ['conselho de seguranca', 'security council'],
  ['chemin de fer', 'rail'],
  ['plafonnement des prix', 'price cap'],
  ['tope de precios', 'price cap'],
  ['teto de precos', 'price cap'],
  ['ligne de controle', 'line of control'],
  ['linea de control', 'line of control'],
  ['uranio enriquecido', 'enriched uranium'],
  ['uranium enrichi', 'enriched uranium'],
  ['angereichertem uran', 'enriched uranium'],
  ['angereichertes uran', 'enriched uranium'],
  ['piratas informaticos', 'hackers'],
  ['primer ministro', 'prime minister'],
  ['premier ministre', 'prime minister'],
  ['primeiro ministro', 'prime minister'],
  ['productos del mar', 'seafood'],
  ['produits de la mer', 'seafood'],
  ['frutos do mar', 'seafood'],
  ['linea del frente', 'front line'],
  ['ligne de front', 'front line'],
  ['linha da frente', 'front line'],
  ['toque de queda', 'curfew'],
  ['couvre feu', 'curfew'],
  ['toque de recolher', 'curfew'],
  ['cascos azules', 'peacekeepers'],
  ['casques bleus', 'peacekeepers'],
  ['capacetes azuis', 'peacekeepers'],
  ['sortie des urnes', 'exit poll'],
  ['boca de urna', 'exit poll'],
  ['centro derecha', 'centre right'],
  ['centre droit', 'centre right'],
  ['tierras raras', 'rare earths'],
  ['terres rares', 'rare earths'],
  ['seltene erden', 'rare earths'],
  ['seltenen erden', 'rare earths'],
  ['terras raras', 'rare earths'],
  ['luz verde', 'approve'],
  ['feu vert', 'approve'],
  ['grunes licht', 'approve'],
  ['sinal verde', 'approve'],
  ['constructeurs automobiles', 'carmakers'],
  ['fabricantes de automoviles', 'carmakers'],
  ['pirates informatiques', 'hackers'],
  ['defensa aerea', 'air defence'],
  ['defense aerienne', 'air defence'],
  ['defesa aerea', 'air defence'],
  ['exceso de oferta', 'supply surplus'],
  ['excesso de oferta', 'supply surplus'],
];

/**
 * German words, kept apart because German writes compounds as one word
 * ("Kommunalwahlen", "Treibstoffschmuggel"): story-terms splits an unknown
 * long word into a known head from this table and a modifier. Spanish,
 * French and Portuguese keys are not used as heads: English words end in
 * them by chance ("surveillance" ends in French "lance").
 */
export const GERMAN_WORDS: Readonly<Record<string, string>> = {
  sanktionen: 'sanctions', sanktionspaket: 'sanctions package', strafmaßnahmen: 'sanctions', zolle: 'tariffs', zoll: 'tariff', stahl: 'steel',
  waffenruhe: 'truce', waffenstillstand: 'ceasefire', abkommen: 'agreement', friedensabkommen: 'peace agreement', frieden: 'peace', grenze: 'border',
  grenzubergange: 'border crossings', grenzubergang: 'border crossing', wahlen: 'election', parlamentswahlen: 'election', rakete: 'missile', raketen: 'missile',
  angriff: 'attack', schiff: 'ship', frachter: 'cargo ship', frachtschiff: 'cargo ship', ol: 'oil', flussiggas: 'lng', korridor: 'corridor', straße: 'road',
  bahn: 'rail', kredit: 'loan', freihandelsabkommen: 'free trade agreement', handelsabkommen: 'trade agreement', handel: 'trade', vertrag: 'treaty',
  gesprache: 'talks', verhandlungen: 'talks', vermittlung: 'mediation', truppen: 'troops', soldaten: 'soldiers', getotet: 'killed',
  prasident: 'president', prasidentin: 'president', regierung: 'government', tanker: 'tanker', schattenflotte: 'shadow fleet', gipfel: 'summit', uran: 'uranium',
  treibstoff: 'fuel', proteste: 'protest', demonstrieren: 'protest', geiseln: 'hostages', rebellen: 'rebels', kupfer: 'copper', hafen: 'port',
  exporte: 'exports', kampfjets: 'fighter jets', kampfflugzeuge: 'fighter jets', ballistische: 'ballistic', abgefeuert: 'fired', feuert: 'fires',
  einfuhrverbot: 'import ban', offnet: 'reopen', wieder: 'again', besiegeln: 'seal', unterzeichnet: 'signed', beschließt: 'adopt', zugang: 'access',
  vorrat: 'stockpile', geschoss: 'projectile', getroffen: 'struck', meerenge: 'strait', journalisten: 'journalist', begnadigt: 'pardon', atomenergiebehorde: 'iaea',
  // More, and the heads and modifiers German compounds are made of (see `splitCompound`
  // in story-terms.ts: "Luftverteidigung" = Luft + Verteidigung = air defence).
  beschlagnahmt: 'seize', beschlagnahmen: 'seize', festgesetzt: 'detain', schmuggel: 'smuggling', besatzung: 'crew', einnahmen: 'revenue',
  beibehalten: 'keep', halten: 'keep', fordermenge: 'output', forderung: 'output', produktion: 'output', quoten: 'quota',
  quartal: 'quarter', ersten: 'first', erste: 'first', angebot: 'supply', uberangebot: 'supply surplus', stabil: 'steady',
  kommunal: 'local', burgermeister: 'mayor', verteidigung: 'defence', luft: 'air', kanal: 'canal', hacker: 'hackers', diebstahl: 'theft',
  kryptowahrung: 'cryptocurrency', drohne: 'drone', drohnen: 'drone', fluge: 'flight', flugen: 'flight', schiffe: 'ship', wahl: 'election',
  minister: 'minister', ministerin: 'minister', außenminister: 'foreign minister', außenministerin: 'foreign minister', aussenminister: 'foreign minister',
  verteidigungsminister: 'defence minister', generalsekretar: 'secretarygeneral', niederlage: 'defeat', sieg: 'win', gewinnt: 'win',
  // Diplomacy, elections and conflict.
  kanzler: 'chancellor', kanzlerin: 'chancellor', bundeskanzler: 'chancellor', bundeskanzlerin: 'chancellor', beschrankungen: 'restrictions',
  beschrankung: 'restrictions', auszahlung: 'disbursement', programm: 'programme', uberprufung: 'review', autobauer: 'carmakers',
  autohersteller: 'carmakers', markt: 'market', wettbewerb: 'competition', verlangt: 'demand',
  botschafter: 'ambassador', diplomatisch: 'diplomatic', diplomaten: 'diplomat', beziehungen: 'relations', ruckkehr: 'return', zuruck: 'return',
  kehrt: 'return', krise: 'crisis', zusammenarbeit: 'cooperation', genehmigt: 'approve', genehmigen: 'approve', siedlungen: 'settlements',
  siedlung: 'settlements', siedler: 'settlers', wohnungen: 'homes', besetzten: 'occupied', besetzt: 'occupied', umfragen: 'polls',
  prognosen: 'polls', prognose: 'polls', vorgezogene: 'snap', vorgezogenen: 'snap', abstimmung: 'vote', wahlt: 'vote', partei: 'party',
  sitze: 'seats', koalition: 'coalition', abzug: 'withdrawal', entwaffnung: 'disarmament', stationierung: 'deployment',
  internationale: 'international', internationalen: 'international', delegationen: 'delegation', vermittler: 'mediator', unterhandler: 'negotiator',
  erobert: 'capture', eingenommen: 'capture', dorf: 'village', vormarsch: 'advance', reklamiert: 'claim', verletzte: 'wounded',
  zivilisten: 'civilians', gefechte: 'clashes', kampfe: 'fighting', treffen: 'meeting', besuch: 'visit', unterzeichnen: 'sign', schulden: 'debt',
  hilfe: 'aid', fluchtlinge: 'refugees', atomar: 'nuclear', waffen: 'weapons', militarisch: 'military', manover: 'drills', ubungen: 'drills',
  ausgewiesen: 'expel', ausweisung: 'expel', spionage: 'espionage', festgenommen: 'arrest', verurteilt: 'sentence', freigelassen: 'release',
  freilassung: 'release', gefangene: 'prisoners', gefangenen: 'prisoners', austausch: 'exchange', polizei: 'police', investitionen: 'investment',
  aussetzen: 'suspend', warnt: 'warn', wirft: 'accuse', beschuldigt: 'accuse', droht: 'threat', fordert: 'demand', einigen: 'agree',
  einigung: 'agreement', meeresfruchte: 'seafood', fischerei: 'fishing', inseln: 'islands', insel: 'island', riff: 'reef', meer: 'sea',
  linie: 'line', regierungschef: 'prime minister', ministerium: 'ministry', gruppe: 'group', mitglieder: 'members', importe: 'imports',
  einfuhren: 'imports', verbot: 'ban', wahlbeteiligung: 'turnout', krieg: 'war', sanktioniert: 'sanction',
};

export const FOREIGN_WORDS: Readonly<Record<string, string>> = {
  // Spanish
  sanciones: 'sanctions', sancion: 'sanction', sancionar: 'sanction', aranceles: 'tariffs', arancel: 'tariff', arancelaria: 'tariff', arancelario: 'tariff',
  acero: 'steel', aluminio: 'aluminium', tregua: 'truce', acuerdo: 'agreement', acuerdos: 'agreement', paz: 'peace', frontera: 'border', fronteras: 'border',
  fronterizo: 'border', fronterizos: 'border', elecciones: 'election', eleccion: 'election', misil: 'missile', misiles: 'missile', ataque: 'attack', ataques: 'attack',
  buque: 'ship', barco: 'ship', carguero: 'cargo ship', petroleo: 'oil', petroleros: 'tanker', petrolero: 'tanker', corredor: 'corridor', carretera: 'road', vial: 'road',
  ferrocarril: 'rail', prestamo: 'loan', comercio: 'trade', tratado: 'treaty', conversaciones: 'talks', negociaciones: 'talks', negociar: 'talks',
  mediacion: 'mediation', ejercito: 'army', tropas: 'troops', soldados: 'soldiers', muertos: 'killed', presidente: 'president', presidenta: 'president',
  gobierno: 'government', ministro: 'minister', ministra: 'minister', exministro: 'minister', extradita: 'extradite', extradicion: 'extradite',
  narcotrafico: 'drug trafficking', cocaina: 'cocaine', paquete: 'package', prorroga: 'delay', aplazara: 'delay', aplaza: 'delay', llamada: 'call',
  periodista: 'journalist', protestas: 'protest', manifestantes: 'protesters', bloqueo: 'blockade', combustible: 'fuel', convoy: 'convoy', uranio: 'uranium',
  inspectores: 'inspectors', cobre: 'copper', minas: 'mines', puerto: 'port', puertos: 'port', exportaciones: 'exports', envios: 'shipments',
  rebeldes: 'rebels', milicia: 'militia', yihadistas: 'jihadist', rehenes: 'hostages', cumbre: 'summit', canciller: 'foreign minister|chancellor', fuerzas: 'forces',
  tramo: 'stretch', inauguran: 'open', inaugura: 'open', bioceanico: 'bioceanic', soja: 'soy', carne: 'beef', veto: 'ban', vetar: 'ban', prohibicion: 'ban',
  importaciones: 'imports', aprueba: 'adopt|approve', aprobado: 'adopt|approve', huelga: 'strike', disparos: 'fire', artilleria: 'artillery', cruces: 'crossings',
  reabre: 'reopen', reapertura: 'reopen', cierre: 'closure', dron: 'drone', drones: 'drone', bombardeo: 'strike',
  // Spanish, more: seizures and smuggling, output and quotas, votes, cyber.
  incauta: 'seize', incautan: 'seize', incauto: 'seize', decomisa: 'seize', contrabando: 'smuggling', tripulacion: 'crew', tripulantes: 'crew',
  ingresos: 'revenue', mantiene: 'keep', mantener: 'keep', mantienen: 'keep', produccion: 'output', cuotas: 'quota', cuota: 'quota',
  trimestre: 'quarter', primer: 'first', primera: 'first', oferta: 'supply', exceso: 'surplus', estable: 'steady', oposicion: 'opposition',
  municipales: 'local', municipal: 'local', alcalde: 'mayor', alcaldias: 'mayor', defensa: 'defence', aerea: 'air', aereo: 'air', canal: 'canal', transito: 'transit',
  robo: 'theft', criptomonedas: 'cryptocurrency', impuso: 'impose', impone: 'impose', derrota: 'defeat',
  // Spanish: diplomacy, elections and conflict.
  desembolso: 'disbursement', programa: 'programme', revision: 'review', restricciones: 'restrictions', automoviles: 'cars', levante: 'lift',
  pidio: 'ask', pide: 'ask', llega: 'arrive', industria: 'industry', fabricantes: 'manufacturers', recaudacion: 'collection',
  embajador: 'ambassador', embajadores: 'ambassador', diplomatico: 'diplomatic', diplomatica: 'diplomatic', diplomaticas: 'diplomatic',
  diplomaticos: 'diplomat', relaciones: 'relations', regreso: 'return', retorno: 'return', restablecen: 'restore', restablecer: 'restore',
  restablece: 'restore', cooperacion: 'cooperation', migratoria: 'migration', migratorio: 'migration', migracion: 'migration', aprobo: 'approve',
  asentamientos: 'settlements', colonos: 'settlers', viviendas: 'homes', ocupada: 'occupied', ocupado: 'occupied', encuestas: 'polls',
  sondeos: 'polls', parlamentarias: 'parliamentary', legislativas: 'parliamentary', anticipadas: 'snap', votacion: 'vote', voto: 'vote',
  votos: 'vote', partido: 'party', lidera: 'lead', escanos: 'seats', coalicion: 'coalition', retirada: 'withdrawal', desarme: 'disarmament',
  despliegue: 'deployment', internacional: 'international', delegacion: 'delegation', delegaciones: 'delegation', mediadores: 'mediator',
  negociadores: 'negotiator', capturan: 'capture', toman: 'capture', pueblo: 'village', aldea: 'village', avance: 'advance', reivindica: 'claim',
  heridos: 'wounded', civiles: 'civilians', enfrentamientos: 'clashes', combates: 'fighting', reunion: 'meeting', visita: 'visit', firman: 'sign',
  firma: 'sign', firmo: 'sign', deuda: 'debt', ayuda: 'aid', refugiados: 'refugees', armas: 'weapons', militar: 'military', militares: 'military',
  armada: 'navy', maniobras: 'drills', ejercicios: 'drills', lanzamiento: 'launch', expulsa: 'expel', expulsion: 'expel', espionaje: 'espionage',
  detenido: 'arrest', detenidos: 'arrest', condenado: 'sentence', indulto: 'pardon', libera: 'release', liberacion: 'release', presos: 'prisoners',
  prisioneros: 'prisoners', canje: 'exchange', intercambio: 'exchange', policia: 'police', mision: 'mission', inversion: 'investment',
  inversiones: 'investment', gasoducto: 'pipeline', oleoducto: 'pipeline', energia: 'energy', suspende: 'suspend', reanuda: 'resume',
  reanudan: 'resume', advierte: 'warn', acusa: 'accuse', condena: 'condemn', amenaza: 'threat', exige: 'demand', acuerdan: 'agree',
  acordaron: 'agree', mariscos: 'seafood', pesca: 'fishing', pesquero: 'fishing', buques: 'ship', barcos: 'ship', guardacostas: 'coast guard',
  islas: 'islands', isla: 'island', arrecife: 'reef', estrecho: 'strait', mar: 'sea', frente: 'front', linea: 'line', presidenciales: 'presidential',
  alcaldes: 'mayor', ministerio: 'ministry', exteriores: 'foreign', sanciona: 'sanction', sancionan: 'sanction', grupo: 'group', miembros: 'members',
  // French
  acier: 'steel', treve: 'truce', paix: 'peace', frontiere: 'border', frontieres: 'border', elections: 'election', attaque: 'attack', navire: 'ship',
  cargo: 'cargo ship', petrole: 'oil', petroliers: 'tanker', route: 'road', pret: 'loan', commerce: 'trade', traite: 'treaty', pourparlers: 'talks',
  negociations: 'talks', mediation: 'mediation', armee: 'army', troupes: 'troops', soldats: 'soldiers', tues: 'killed', tuees: 'killed', gouvernement: 'government',
  ministre: 'minister', ministres: 'minister', gaz: 'gas', sommet: 'summit', enrichi: 'enriched', blocus: 'blockade', carburant: 'fuel', convoi: 'convoy',
  tirs: 'fire', artillerie: 'artillery', postes: 'posts', journaliste: 'journalist', manifestations: 'protest', manifestants: 'protesters', otages: 'hostages',
  rebelles: 'rebels', cuivre: 'copper', exportations: 'exports', dette: 'debt', arrieres: 'arrears', rouvre: 'reopen', rouvrent: 'reopen', reouverture: 'reopen',
  prolongent: 'extend', prolonge: 'extend', prolongation: 'extend', scellent: 'seal', sanctionne: 'sanction', gele: 'freeze', avoirs: 'assets', societes: 'companies',
  entreprises: 'companies', missile: 'missile', tir: 'launch', lance: 'launch', chasseurs: 'fighter jets', avions: 'aircraft', observateurs: 'observers',
  deploiement: 'deployment', prefinancement: 'loan', emprunt: 'loan', uranium: 'uranium', rapport: 'report', acces: 'access',
  // French, more.
  saisit: 'seize', saisi: 'seize', saisie: 'seize', arraisonne: 'board', contrebande: 'smuggling', equipage: 'crew', recettes: 'revenue',
  maintient: 'keep', maintenir: 'keep', maintiennent: 'keep', production: 'output', quotas: 'quota', offre: 'supply', excedent: 'surplus',
  stable: 'steady', maire: 'mayor', defense: 'defence', aerienne: 'air', aerien: 'air', cryptomonnaies: 'cryptocurrency', defaite: 'defeat',
  // French: diplomacy, elections and conflict.
  decaissement: 'disbursement', examen: 'review', voitures: 'cars', chancelier: 'chancellor', demande: 'ask|demand',
  ambassadeur: 'ambassador', ambassadeurs: 'ambassador', diplomatique: 'diplomatic', diplomatiques: 'diplomatic', diplomates: 'diplomat',
  retour: 'return', renouent: 'restore', retablissent: 'restore', retablir: 'restore', crise: 'crisis', migratoire: 'migration', approuve: 'approve|adopt',
  approuvent: 'approve|adopt', colonies: 'settlements', colons: 'settlers', logements: 'homes', occupee: 'occupied', occupe: 'occupied', sondage: 'polls',
  sondages: 'polls', legislatives: 'parliamentary', anticipees: 'snap', scrutin: 'vote', parti: 'party', sieges: 'seats', retrait: 'withdrawal',
  desarmement: 'disarmament', mediateurs: 'mediator', mediateur: 'mediator', negociateurs: 'negotiator', avancee: 'advance', revendique: 'claim',
  blesses: 'wounded', civils: 'civilians', affrontements: 'clashes', heurts: 'clashes', combats: 'fighting', visite: 'visit', signent: 'sign',
  signe: 'sign', aide: 'aid', refugies: 'refugees', nucleaire: 'nuclear', armes: 'weapons', militaire: 'military', militaires: 'military',
  exercices: 'drills', manoeuvres: 'drills', lancement: 'launch', expulse: 'expel', espionnage: 'espionage', arrete: 'arrest', interpelle: 'arrest',
  condamne: 'condemn', libere: 'release', prisonniers: 'prisoners', echange: 'exchange', investissement: 'investment', investissements: 'investment',
  gazoduc: 'pipeline', oleoduc: 'pipeline', energie: 'energy', reprend: 'resume', reprise: 'resume', avertit: 'warn', menace: 'threat',
  conviennent: 'agree', peche: 'fishing', iles: 'islands', ile: 'island', recif: 'reef', mer: 'sea', ligne: 'line', presidentielle: 'presidential',
  presidentielles: 'presidential', maires: 'mayor', ministere: 'ministry', etrangeres: 'foreign', sanctionnent: 'sanction', groupe: 'group',
  membres: 'members', importations: 'imports', interdiction: 'ban',
  // German
  ...GERMAN_WORDS,
  // Portuguese
  sancoes: 'sanctions', tarifas: 'tariffs', aco: 'steel', acordo: 'agreement', fronteira: 'border', eleicoes: 'election', missil: 'missile',
  navio: 'ship', gas: 'gas', estrada: 'road', rodovia: 'road', ferrovia: 'rail', ferroviario: 'rail', emprestimo: 'loan',
  financiamento: 'financing', negociacoes: 'talks', conversas: 'talks', mediacao: 'mediation', exercito: 'army', mortos: 'killed',
  governo: 'government', petroleiros: 'tanker', cupula: 'summit', bloqueio: 'blockade', combustivel: 'fuel', jornalista: 'journalist',
  protestos: 'protest', refens: 'hostages', porto: 'port', exportacoes: 'exports', insurgentes: 'insurgents', ramal: 'spur',
  trecho: 'stretch', inauguram: 'open', obras: 'works', projeto: 'project', liquefeito: 'lng',
  // Portuguese, more.
  apreende: 'seize', apreendeu: 'seize', tripulacao: 'crew', receitas: 'revenue', manter: 'keep', mantem: 'keep', producao: 'output', cotas: 'quota',
  primeiro: 'first', excesso: 'surplus', estavel: 'steady', oposicao: 'opposition', municipais: 'local', prefeito: 'mayor', defesa: 'defence',
  criptomoedas: 'cryptocurrency', impos: 'impose',
  // Portuguese: diplomacy, elections and conflict.
  montadoras: 'carmakers', chanceler: 'foreign minister|chancellor',
  embaixador: 'ambassador', embaixadores: 'ambassador', relacoes: 'relations', regresso: 'return', volta: 'return', restabelecem: 'restore',
  cooperacao: 'cooperation', aprova: 'approve|adopt', aprovou: 'approve|adopt', assentamentos: 'settlements', moradias: 'homes', pesquisas: 'polls',
  antecipadas: 'snap', votacao: 'vote', assentos: 'seats', cadeiras: 'seats', coligacao: 'coalition', desarmamento: 'disarmament',
  destacamento: 'deployment', delegacao: 'delegation', delegacoes: 'delegation', capturam: 'capture', aldeia: 'village', avanco: 'advance',
  feridos: 'wounded', civis: 'civilians', confrontos: 'clashes', reuniao: 'meeting', assinam: 'sign', assina: 'sign', assinaram: 'sign',
  divida: 'debt', ajuda: 'aid', marinha: 'navy', exercicios: 'drills', manobras: 'drills', lancamento: 'launch', espionagem: 'espionage',
  preso: 'arrest', detido: 'arrest', liberta: 'release', libertacao: 'release', prisioneiros: 'prisoners', troca: 'exchange',
  investimento: 'investment', investimentos: 'investment', gasoduto: 'pipeline', oleoduto: 'pipeline', retoma: 'resume', retomam: 'resume',
  adverte: 'warn', ameaca: 'threat', acordam: 'agree', ilhas: 'islands', ilha: 'island', estreito: 'strait', linha: 'line',
  presidenciais: 'presidential', membros: 'members', importacoes: 'imports', proibicao: 'ban',
  // Numbers written as words, and months: "three months" = "tres meses", "28 November" = "28 de noviembre".
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twelve: '12', dozen: '12',
  dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9', diez: '10', doce: '12', veinte: '20',
  deux: '2', trois: '3', quatre: '4', cinq: '5', sept: '7', huit: '8', neuf: '9', dix: '10', douze: '12', vingt: '20',
  zwei: '2', drei: '3', vier: '4', funf: '5', sechs: '6', sieben: '7', acht: '8', neun: '9', zehn: '10', zwolf: '12', zwanzig: '20',
  dois: '2', duas: '2', quatro: '4', sete: '7', oito: '8', nove: '9', dez: '10', doze: '12', vinte: '20',
  enero: 'january', febrero: 'february', marzo: 'march', abril: 'april', mayo: 'may', junio: 'june', julio: 'july', agosto: 'august',
  septiembre: 'september', octubre: 'october', noviembre: 'november', diciembre: 'december',
  janvier: 'january', fevrier: 'february', mars: 'march', avril: 'april', mai: 'may', juin: 'june', juillet: 'july', aout: 'august',
  septembre: 'september', octobre: 'october', novembre: 'november', decembre: 'december',
  januar: 'january', februar: 'february', marz: 'march', juni: 'june', juli: 'july', oktober: 'october', dezember: 'december',
  janeiro: 'january', fevereiro: 'february', marco: 'march', maio: 'may', junho: 'june', julho: 'july', setembro: 'september', outubro: 'october',
  novembro: 'november', dezembro: 'december',
  milliard: 'billion', milliards: 'billion', milliarden: 'billion', milliarde: 'billion', mil: 'thousand', millones: 'million', millions: 'million',
  millionen: 'million', milhoes: 'million', bilhoes: 'billion', bn: 'billion', m: 'million',
};
