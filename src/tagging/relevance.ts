// The default foreign-policy relevance check, applied to every feed: sports
// results, celebrity news, weather reports and markets-only items stay out of
// an edition even when they name countries ("Spain beat Germany 2-1").
//
// How: each kind has cue phrases (English, Spanish, French, German,
// Portuguese). An item is off-topic when its cues of one kind outweigh its
// foreign-policy signals. Signals are phrases that make a story a
// foreign-policy story whatever else it mentions (sanctions, tariffs, troops,
// a ceasefire, an election, talks, refugees…): "World Cup boycott over
// human rights" or "markets fall as US imposes tariffs on China" stay in.
// Cues are matched as whole folded words; a trailing `*` is a stem.
import { tokenize, type Token } from './text-tokens.js';

export type OffTopicKind = 'sports' | 'celebrity' | 'weather' | 'markets';

export interface Relevance {
  relevant: boolean;
  /** Why an item is out; null when it is in. */
  offTopic: OffTopicKind | null;
}

const CUES: Record<OffTopicKind, string> = {
  sports: `football soccer rugby cricket tennis golf basketball baseball hockey cycling marathon athletics formula one grand prix
    world cup champions league premier league la liga bundesliga serie a ligue 1 nba nfl olympic* paralympic* wimbledon
    match* goal goals scored scorer striker midfielder goalkeeper coach* manager season title* tournament* qualifier* qualifying
    semi-final* semifinal* quarter-final* final league cup derby stadium kick-off fixture* squad* teammate* all blacks
    beat beats thrash* draw drew victory* defeat* win wins won
    futbol fútbol partido partidos gol goles liga campeonato selección torneo entrenador estadio
    but buts match victoire défaite coupe championnat entraîneur stade bleus xv
    fußball fussball spiel spiele tor tore mannschaft trainer meisterschaft bundesliga stadion
    futebol jogo jogos golo gols campeonato seleção treinador estádio`,
  celebrity: `celebrity celebrities actor actress singer rapper pop star popstar film star hollywood red carpet oscar* grammy* emmy*
    album tour concert* fans fan festival premiere divorce wedding engaged dating influencer kardashian* royal baby
    cantante actriz actor gira concierto álbum famoso famosa
    chanteuse chanteur actrice tournée concert vedette
    sängerin sänger schauspielerin schauspieler tournee konzert promi*
    cantora cantor atriz turnê digressão show shows álbum artista`,
  weather: `weather forecast forecasts forecaster* meteorolog* temperature* degrees celsius fahrenheit rain rainfall showers snow snowfall
    sleet frost icy ice heatwave sunshine sunny cloudy fog gusts wind chill met office
    tiempo pronóstico lluvia lluvias nieve nevada temperaturas ola de calor
    météo prévisions pluie neige verglas canicule températures
    wetter wetterdienst schnee neuschnee glätte regen gewitter hitzewelle wintereinbruch schneechaos
    previsão chuva chuvas neve temperaturas onda de calor`,
  markets: `stock stocks share shares equities index indices benchmark nikkei dow jones nasdaq s&p500 ftse dax cac hang seng sensex ibex
    bond yields yield treasuries futures rally rallied slump slumped record high record close points trader* investors earnings
    quarterly profit* dividend* ipo currency yen euro dollar sterling peso rupee yuan bitcoin crypto* exchange rate brent
    bolsa bolsas índice selectivo puntos acciones cierre subida caída
    bourse indice séance actions clôture hausse baisse
    börse aktien leitindex punkte kurs kurse
    bolsa ações índice pregão alta queda`,
};

/** Signals that make an item foreign-policy whatever else it says. */
const SIGNALS = `sanction* tariff* embargo* troops military army navy missile* drone* airstrike* strike strikes shelling artillery
  war wars ceasefire cease-fire truce invasion offensive rebel* militia* coup junta* insurgen* jihad* terror* hostage*
  talks summit* diplomat* ambassador* envoy* treaty negotiat* peace accord mediat* minister* president* government*
  parliament* election* vote referendum protest* refugee* migrant* asylum deport* border* nuclear uranium sovereign*
  boycott human rights genocide annex* blockade loan* corridor* railway* pipeline* aid deal agreement* accord* extradit*
  sanciones aranceles ejército tropas misil guerra tregua alto el fuego golpe negociaciones cumbre ministro presidente gobierno elecciones
  sanctions armée troupes guerre trêve cessez-le-feu pourparlers sommet gouvernement élections réfugiés
  sanktion* zölle armee truppen rakete krieg waffenruhe waffenstillstand gespräche gipfel regierung wahl* flüchtling*
  sanções tarifas exército tropas guerra trégua cessar-fogo negociações cúpula governo eleições refugiados`;

interface CompiledCues {
  words: Set<string>;
  stems: string[];
  phrases: string[][];
}

function compile(list: string): CompiledCues {
  const words = new Set<string>();
  const stems: string[] = [];
  const phrases: string[][] = [];
  // Multi-word cues are written with spaces inside one line; split on two
  // spaces or newlines would be fragile, so known phrases are listed here.
  const text = list.replace(/\s+/g, ' ').trim();
  const multi = /(formula one|grand prix|world cup|champions league|premier league|la liga|serie a|ligue 1|dow jones|hang seng|pop star|film star|red carpet|royal baby|record high|record close|exchange rate|met office|ola de calor|onda de calor|all blacks|kick-off|human rights|alto el fuego|degrees celsius|wind chill)/g;
  for (const m of text.matchAll(multi)) phrases.push(tokenize(m[0]).map((t) => t.norm));
  for (const raw of text.replace(multi, ' ').split(' ')) {
    if (raw === '') continue;
    // One-letter pieces ("s&p" → s, p) would match every "U.S." and "Angola's".
    if (raw.endsWith('*')) stems.push(...tokenize(raw.slice(0, -1)).map((t) => t.norm).filter((w) => w.length > 1));
    else for (const t of tokenize(raw)) if (t.norm.length > 1) words.add(t.norm);
  }
  return { words, stems, phrases };
}

const COMPILED_CUES = Object.fromEntries(Object.entries(CUES).map(([k, v]) => [k, compile(v)])) as Record<OffTopicKind, CompiledCues>;
const COMPILED_SIGNALS = compile(SIGNALS);

function count(c: CompiledCues, tokens: readonly Token[]): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const w = (tokens[i] as Token).norm;
    if (c.words.has(w) || c.stems.some((s) => w.startsWith(s))) {
      n += 1;
      continue;
    }
    for (const p of c.phrases) {
      if (p.every((pw, k) => tokens[i + k]?.norm === pw)) {
        n += 1;
        break;
      }
    }
  }
  return n;
}

/** A score like "2-1", "27-24" or "3:0": a sports result. */
const SCORE = /(?<![\d.,])\d{1,3}\s?[-–:]\s?\d{1,3}(?![\d.,%])/;

/**
 * Is the item foreign-policy news? Off-topic when the cues of one kind reach
 * two (a score counts as two sports cues) and outnumber the foreign-policy
 * signals. Titles count twice: a headline says what the item is.
 */
export function checkRelevance(input: { title: string; text: string }): Relevance {
  const title = tokenize(input.title);
  const text = tokenize(input.text);
  const signals = 2 * count(COMPILED_SIGNALS, title) + count(COMPILED_SIGNALS, text);
  let best: OffTopicKind | null = null;
  let bestScore = 0;
  for (const kind of Object.keys(COMPILED_CUES) as OffTopicKind[]) {
    let score = 2 * count(COMPILED_CUES[kind], title) + count(COMPILED_CUES[kind], text);
    if (kind === 'sports' && (SCORE.test(input.title) || SCORE.test(input.text))) score += 2;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  if (best !== null && bestScore >= 3 && bestScore > signals) return { relevant: false, offTopic: best };
  return { relevant: true, offTopic: null };
}
