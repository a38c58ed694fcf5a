// The default foreign-policy relevance check, applied to every feed: sports
// results, celebrity news, weather reports and markets-only items stay out of
// an edition even when they name countries ("Spain beat Germany 2-1").
//
// How: each kind has cue phrases (English, Spanish, French, German,
// Portuguese), and foreign-policy signals are phrases that make a story a
// foreign-policy story whatever else it mentions. Both are weighed, the
// title twice (a headline says what the item is), and an item is off-topic
// when the cues of one kind reach OFF_TOPIC_MIN and outweigh the signals.
//
// Weights, and why:
// - A strong cue (2) names the kind outright: a sport ("biathlon", "cricket",
//   "grand prix"), a weather word no other story uses ("heatwave",
//   "meteorology"), a stock index ("Nikkei", "Ibovespa"). One in a headline
//   is enough. A weak cue (1) is a word the kind uses that other news uses too
//   ("win", "storm", "dollar", "final"): it takes several.
// - A decisive signal (3) is a measure or act between states: sanctions,
//   tariffs, a ceasefire, troops, a summit, a treaty. "EU sanctions Russian
//   football club owner", "Heatwave summit: Mediterranean ministers agree a
//   plan" stay in. Other signals (1) are the words of politics and diplomacy
//   (minister, election, aid, border), which sports and weather items rarely
//   carry: "Storm-hit Cuba asks Mexico for emergency aid" stays in.
// - Ties stay in: leaving out a real story costs more than letting a stray
//   item through, which an editor can drop.
//
// Rejected: a classifier trained on labelled items (no labelled corpus large
// enough in five languages, and the rules here can be read and argued with);
// country mentions as signals (sports and weather items name countries as
// often as foreign-policy ones do).
//
// Cues are matched as whole folded words (case and accents ignored); a
// trailing `*` is a stem; an entry with spaces is a phrase.
import { tokenize, type Token } from './text-tokens.js';

export type OffTopicKind = 'sports' | 'celebrity' | 'weather' | 'markets';

export interface Relevance {
  relevant: boolean;
  /** Why an item is out; null when it is in. */
  offTopic: OffTopicKind | null;
}

interface CueList {
  strong: string;
  weak: string;
}

// Lists are comma-separated entries (phrases may contain spaces).
const CUES: Record<OffTopicKind, CueList> = {
  sports: {
    strong: `football, soccer, rugby, cricket, cricketer*, tennis, golf, golfer*, basketball, baseball, ice hockey, volleyball, handball,
      cycling, cyclist*, marathon, athletics, biathlon*, biathlete*, ski, skiing, skier*, alpine skiing, ski alpin, ski jumping, slalom, super-g, downhill, snowboard*,
      bobsleigh, luge, curling, figure skating, speed skating, formula one, formula 1, f1, grand prix, motogp, nascar, indycar,
      pole position, world cup, champions league, europa league, premier league, la liga, bundesliga, serie a, ligue 1, nba, nfl, nhl,
      mlb, atp, wta, grand slam, wimbledon, us open, australian open, french open, roland garros, roland-garros, olympic*,
      paralympic*, wicket*, innings, test series, bowled out, test match, t20, odi, ipl, batsman, batter, bowler, goalkeeper*, striker, midfielder, quarterback,
      touchdown*, hat-trick, hat trick, penalty shootout, boxing, heavyweight, ufc, tour de france, peloton, clasico, sub-20, sub-17,
      under-20, under-21, u20, u21,
      futbol, tenis, tenista*, baloncesto, ciclismo, esqui, biatlon, automovilismo, formula uno, gran premio, goleada, golea, futbolista*,
      seleccion argentina, seleccion espanola, sudamericano, copa del mundo, copa america, copa libertadores,
      cyclisme, formule 1, coupe du monde, ligue des champions, championnat*, tournoi*, buteur, footballeur*, tennisman,
      fussball, fußball, radsport, skispringen, weltcup, formel 1, weltmeisterschaft, nationalmannschaft, olympia*, stadion,
      futebol, tenista, esqui, formula 1, copa do mundo, brasileirao, campeonato brasileiro, campeonato paulista, selecao, jogador*, artilheiro,
      laliga, liga mx, liga profesional, primera division, serie b, tabela de classificacao, tabla de posiciones`,
    weak: `match*, goal, goals, scored, scorer, scores, coach*, season, title, titles, tournament*, qualifier*, qualifying, semi-final*,
      semifinal*, quarter-final*, final, finals, league, cup, derby, stadium, kick-off, fixture*, squad*, teammate*, all blacks,
      beat, beats, thrash*, draw, drew, victory, defeat*, win, wins, won, champion*, medal*, podium, sprint, relay, lap, laps,
      player*, fans, club, clubs, unbeaten, century, chased, race, races, bowled, overs, series lead,
      partidos, gol, goles, liga, torneo, entrenador, estadio, campeon*, medalla*, semifinales, clasifico, carrera,
      buts, victoire, defaite, coupe, entraineur, stade, bleus, xv, double, triple, medaille*, relais, course, descente, joueur*, joueuse*,
      spiel, spiele, tor, tore, mannschaft, trainer, meisterschaft, sieg, medaille*, rennen,
      jogo, jogos, golo, golos, gols, campeonato, treinador, estadio, campeao, medalha*, corrida,
      rodada, jornada, vence, venceu, bateu, goleia, goleou, empata, empatou, gana, gano, empate, pontos, puntos, tricolor, rubro-negro`,
  },
  celebrity: {
    strong: `celebrity, celebrities, hollywood, red carpet, oscar*, grammy*, emmy*, golden globe*, popstar, pop star, film star, movie star,
      kardashian*, influencer*, box office, reality show, supermodel, publicist, royal baby, biopic`,
    weak: `actor, actress, singer, rapper, album, tour, concert*, fans, fan, festival, premiere, divorce, wedding, wed, weds, married,
      marries, couple, engaged, dating, guests,
      cantante, actriz, gira, concierto, album, famoso, famosa, boda,
      chanteuse, chanteur, actrice, tournee, vedette, mariage,
      sangerin, sanger, schauspielerin, schauspieler, tournee, konzert, promi*, hochzeit,
      cantora, cantor, atriz, turne, digressao, show, shows, artista, casamento`,
  },
  weather: {
    strong: `weather, forecast*, forecaster*, meteorolog*, heatwave*, heat wave*, celsius, fahrenheit, met office, snowfall*, blizzard*,
      hailstorm*, thunderstorm*, weather warning*, heat warning*, heat alert*, storm warning*, flood warning*, weather service,
      pronostico, ola de calor, aemet, alerta roja, granizada, nevadas,
      meteo, meteo-france, canicule, vigilance orange, vigilance rouge, previsions,
      wetter, wetterdienst, dwd, hitzewelle, unwetter*, schneechaos, wintereinbruch, neuschnee, glatte, glatteis,
      previsao do tempo, onda de calor, inmet`,
    weak: `temperature*, degrees, rain, rains, rainfall, showers, snow, sleet, frost, icy, ice, sunshine, sunny, cloudy, fog, gusts,
      wind, winds, storm, storms, hurricane*, typhoon*, cyclone*, tornado*, flood, floods, flooding, drought*, monsoon, downpour*,
      torrential, heat, hot, cold snap, bushfire*, wildfire*, beaches,
      lluvia*, nieve, tormenta*, huracan*, inundacion*, sequia, calor, torrenciales, litros por metro cuadrado,
      pluie*, neige, orage*, tempete*, inondation*, crue*, secheresse, chaleur,
      regen, schnee, gewitter, sturm*, hochwasser, uberschwemmung*, durre, hitze, zentimeter,
      chuva*, neve, tempestade*, enchente*, inundac*, seca`,
  },
  markets: {
    strong: `stock market*, stock exchange*, stocks, equities, nikkei, dow jones, nasdaq, s&p 500, s&p500, ftse, dax, cac 40, hang seng,
      sensex, ibex, ibovespa, kospi, stoxx, dollar index, treasuries, bond yields, share price*, record high, record close, record low,
      leitindex, borse, bourse, pregao, selectivo`,
    weak: `stock, shares, index, indices, benchmark, bond, bonds, yields, yield, futures, rally, rallied, slump*, points, trader*,
      investor*, earnings, quarterly, profit*, dividend*, ipo, currency, yen, euro, dollar, sterling, peso, rupee, yuan, bitcoin, crypto,
      gold, ounce, session, markets, exporters,
      bolsa, bolsas, indice, puntos, acciones, cierre, subida, caida, inversores, dolar, banca,
      seance, actions, cloture, hausse, baisse, investisseurs, luxe,
      aktien, punkte, kurs, kurse, anleger, zinssenkung,
      acoes, queda, investidores, bancos`,
  },
};

/** Measures and acts between states: a story with one is foreign-policy whatever else it says. */
const DECISIVE_SIGNALS = `sanction*, tariff*, embargo*, blacklist*, ceasefire*, cease-fire*, truce, troops, invasion, invade*, coup,
  airstrike*, air strike*, missile*, annex*, genocide, war crimes, peace talks, peace deal, treaty, summit*, ambassador*, envoy*, diplomat*,
  sanciones, sancion*, aranceles, tregua, alto el fuego, tropas, golpe de estado, cumbre, embajador*,
  treve, cessez-le-feu, troupes, coup d'etat, sommet, droits de douane, ambassadeur*,
  sanktion*, zolle, strafzoll*, waffenruhe, waffenstillstand*, truppen, gipfel*, botschafter*,
  sancoes, tarifas, cessar-fogo, cupula, embaixador*`;

/** The words of politics and diplomacy: they weigh against a weak off-topic reading. */
const SIGNALS = `military, army, navy, drone*, strike, strikes, shelling, artillery, war, wars, offensive, rebel*, militia*, junta*,
  insurgen*, jihad*, terror*, hostage*, talks, negotiat*, peace, accord*, mediat*, minister*, president*, government*, parliament*,
  election*, vote, votes, voter*, ballot*, referendum, opposition, coalition, party, protest*, refugee*, migrant*, asylum, deport*,
  border*, nuclear, uranium, sovereign*, boycott*, ban, bans, banned, barred, human rights, blockade, loan*, corridor*, railway*,
  pipeline*, aid, humanitarian, relief, assistance, appeal*, deal, agreement*, extradit*, espionage, spy, spies, hacker*, cyber*, fighter jet*, warship*, frigate*,
  submarine*, weapon*, arms, defence, defense, security council, united nations, nato, otan, iaea, imf, opec*, authorities,
  ejercito, armee, exercito, misil, guerra, guerre, krieg, negociaciones, pourparlers, gesprache, negociacoes, ministro*, ministre*,
  presidente, president, prasident*, gobierno, gouvernement, regierung, governo, elecciones, elections, wahl*, eleicoes, refugiados,
  refugies, fluchtling*, frontera, frontiere, grenze, fronteira, acuerdo, abkommen, acordo, ayuda, aide, ajuda, oposicion, oposicao`;

interface CompiledCues {
  /** Folded word → weight. */
  words: Map<string, number>;
  stems: Array<[string, number]>;
  /** By first word: the rest of each phrase and its weight, longest first. */
  phrases: Map<string, Array<{ rest: string[]; weight: number }>>;
}

function compile(lists: ReadonlyArray<[string, number]>): CompiledCues {
  const out: CompiledCues = { words: new Map(), stems: [], phrases: new Map() };
  for (const [list, weight] of lists) {
    for (const raw of list.split(',')) {
      const entry = raw.trim();
      if (entry === '') continue;
      const stem = entry.endsWith('*');
      const norms = tokenize(stem ? entry.slice(0, -1) : entry).map((t) => t.norm);
      // One-letter pieces ("s&p" → s, p) would match every "U.S." and "Angola's".
      if (norms.length === 0 || (norms.length === 1 && (norms[0] as string).length < 2)) continue;
      if (norms.length > 1) {
        const [first, ...rest] = norms as [string, ...string[]];
        const list2 = out.phrases.get(first) ?? [];
        list2.push({ rest, weight });
        list2.sort((a, b) => b.rest.length - a.rest.length);
        out.phrases.set(first, list2);
      } else if (stem) out.stems.push([norms[0] as string, weight]);
      else out.words.set(norms[0] as string, Math.max(weight, out.words.get(norms[0] as string) ?? 0));
    }
  }
  return out;
}

const COMPILED_CUES = Object.fromEntries(
  Object.entries(CUES).map(([k, v]) => [k, compile([[v.strong, 2], [v.weak, 1]])]),
) as Record<OffTopicKind, CompiledCues>;
const COMPILED_SIGNALS = compile([[DECISIVE_SIGNALS, 3], [SIGNALS, 1]]);

/** The weighed cues of one list in one field; a phrase's words count once, as the phrase. */
function weigh(c: CompiledCues, tokens: readonly Token[]): number {
  let total = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const w = (tokens[i] as Token).norm;
    const phrase = c.phrases.get(w)?.find((p) => p.rest.every((pw, k) => tokens[i + 1 + k]?.norm === pw));
    if (phrase) {
      total += phrase.weight;
      i += phrase.rest.length;
      continue;
    }
    let weight = c.words.get(w) ?? 0;
    for (const [s, sw] of c.stems) if (sw > weight && w.startsWith(s)) weight = sw;
    total += weight;
  }
  return total;
}

/**
 * A score like "2-1", "27-24" or "3:0", or as Spanish and Portuguese write
 * it, "por 2 a 0": a sports result (worth a strong cue).
 */
const SCORE = /(?<![\d.,])\d{1,3}\s?[-–:]\s?\d{1,3}(?![\d.,%])|\bpor \d{1,2} a \d{1,2}\b(?![\d.,%])/;
/** A temperature: "44C", "-5 °C", "104F" (worth a strong weather cue). */
const TEMPERATURE = /(?<![\p{L}\p{N}.,])-?\d{1,3}(?:[.,]\d)?\s?(?:°\s?[CF]?|º\s?[CF]?|[CF])(?![\p{L}\p{N}])/u;
/** Least cue weight for an item to be off-topic at all (one strong cue in the title, or several weak ones). */
const OFF_TOPIC_MIN = 3;

/**
 * Is the item foreign-policy news? Off-topic when the weighed cues of one
 * kind reach OFF_TOPIC_MIN and outweigh the foreign-policy signals (see the
 * weights above). Titles count twice.
 */
export function checkRelevance(input: { title: string; text: string }): Relevance {
  const title = tokenize(input.title);
  const text = tokenize(input.text);
  const signals = 2 * weigh(COMPILED_SIGNALS, title) + weigh(COMPILED_SIGNALS, text);
  let best: OffTopicKind | null = null;
  let bestScore = 0;
  for (const kind of Object.keys(COMPILED_CUES) as OffTopicKind[]) {
    let score = 2 * weigh(COMPILED_CUES[kind], title) + weigh(COMPILED_CUES[kind], text);
    if (kind === 'sports') score += pattern(SCORE, input);
    if (kind === 'weather') score += pattern(TEMPERATURE, input);
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  if (best !== null && bestScore >= OFF_TOPIC_MIN && bestScore > signals) return { relevant: false, offTopic: best };
  return { relevant: true, offTopic: null };
}

/** A pattern in the title counts as a strong cue there (4), in the text as one in the text (2). */
function pattern(re: RegExp, input: { title: string; text: string }): number {
  return re.test(input.title) ? 4 : re.test(input.text) ? 2 : 0;
}
