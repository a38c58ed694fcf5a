// Topic rules as data: a topic applies when one of its `include` phrases occurs
// in the item. Phrases are lower-case words matched on word boundaries, case
// and accents folded; a trailing `*` makes the last word a stem ("sanction*"
// matches sanction, sanctions, sanctioned). `exclude` phrases mask what they
// cover: "trade fire" does not count as trade, but a tariff elsewhere in the
// same item still does. Rules are compiled once into a first-token index.
import { tokenize, type Token } from './text-tokens.js';

export const DEFAULT_TOPIC_KEYS = [
  'security-defence',
  'diplomacy-summits',
  'trade-sanctions',
  'migration',
  'energy-climate',
  'human-rights-law',
  'elections-politics',
  'terrorism-crime',
] as const;

export type TopicKey = (typeof DEFAULT_TOPIC_KEYS)[number];

export interface TopicRule {
  key: string;
  title: string;
  include: string[];
  exclude?: string[];
}

export const DEFAULT_TOPIC_RULES: readonly TopicRule[] = [
  {
    key: 'security-defence',
    title: 'Security & Defence',
    include: [
      'military', 'militar*', 'troop*', 'soldier*', 'army', 'armies', 'navy', 'naval', 'air force', 'warship*', 'submarine*',
      'defence', 'defense', 'missile*', 'drone*', 'airstrike*', 'air strike*', 'strikes on', 'strike on', 'shelling', 'artillery',
      'ceasefire', 'cease-fire', 'truce', 'war', 'wars', 'warfare', 'invasion', 'invade*', 'offensive', 'airspace', 'air defence',
      'arms sale*', 'arms deal*', 'weapon*', 'nuclear warhead*', 'ballistic', 'rebel*', 'militia*', 'paramilitar*', 'coup', 'coups',
      'junta*', 'security pact', 'security dialogue', 'security treaty', 'security agreement', 'peacekeep*', 'fighting', 'clashes',
      'border clash*', 'coast guard', 'drills', 'naval exercise*', 'fighter jet*', 'fighters', 'nato', 'aukus', 'enrich* uranium',
      'nuclear watchdog', 'iaea', 'stronghold', 'seized', 'deploy*', 'annex*', 'sovereignty', 'disarm*', 'intercept*',
      'counterterror*', 'counter-terror*', 'strikes', 'clash', 'patrols', 'mobilis*', 'mobiliz*', 'reservists', 'shot down', 'hostage*',
    ],
    exclude: ['drug war', 'drug wars', 'price war', 'trade war', 'trade wars', 'war of words', 'hunger strike', 'hunger strikes', 'general strike', 'labour strikes', 'labor strikes', 'strikes by workers'],
  },
  {
    key: 'diplomacy-summits',
    title: 'Diplomacy & Summits',
    include: [
      'summit*', 'talks', 'diplomat*', 'envoy*', 'ambassador*', 'embassy', 'embassies', 'consul*', "charge d'affaires", 'foreign minister*',
      'foreign ministry', 'foreign ministries', 'secretary of state', 'state visit', 'visits', 'visited', 'bilateral', 'treaty', 'treaties',
      'accord', 'accords', 'peace deal', 'peace agreement', 'peace plan', 'peace process', 'negotiat*', 'mediat*', 'broker*', 'normalis*',
      'normaliz*', 'recognition', 'recognise*', 'recognize*', 'diplomatic', 'ties', 'relations', 'summon*', 'expel*', 'accession',
      'dialogue', 'general assembly', 'credentials', 'pact', 'rapprochement', 'thaw', 'g7', 'g20', 'forum', 'hosts', 'delegation*',
      'alliance', 'allies', 'partnership', 'meet', 'meets', 'met with',
    ],
    exclude: ['trade barbs'],
  },
  {
    key: 'trade-sanctions',
    title: 'Trade & Sanctions',
    include: [
      'sanction*', 'tariff*', 'trade', 'trading', 'export*', 'import*', 'embargo*', 'levies', 'levy', 'price cap', 'export controls',
      'customs', 'frozen assets', 'asset freeze', 'free trade', 'trade deal', 'trade accord', 'wto',
      'supply chain*', 'shadow fleet', 'blacklist*', 'corridor', 'rail link', 'investment*', 'divest*',
    ],
    // "Trade artillery fire", "traded gunfire": an exchange of fire, not commerce.
    exclude: [
      'trade fire', 'trade barbs', 'trade blows', 'trade accusations', 'trade insults', 'trade places', 'trading fire', 'traded fire',
      'trade artillery', 'traded artillery', 'trading artillery', 'trade gunfire', 'traded gunfire', 'trade shots', 'traded shots',
      'trade blame', 'traded blame', 'trading blame', 'trade threats', 'traded threats', 'trade rocket', 'traded rocket', 'trade missile', 'traded missile', 'trade strikes', 'traded strikes', 'trade shelling', 'traded shelling',
    ],
  },
  {
    key: 'migration',
    title: 'Migration',
    include: [
      'migrant*', 'migration', 'immigra*', 'emigra*', 'refugee*', 'asylum', 'deport*', 'displace*', 'displacement', 'border crossing*',
      'small boat*', 'family reunification', 'unhcr', 'iom', 'people smuggl*', 'human smuggl*', 'safe third country',
      'return hubs', 'undocumented',
    ],
  },
  {
    key: 'energy-climate',
    title: 'Energy & Climate',
    include: [
      'energy', 'oil', 'gas', 'lng', 'crude', 'pipeline*', 'refiner*', 'power plant*', 'power cuts', 'power grid', 'blackout*',
      'electricity', 'hydropower', 'hydroelectric', 'nuclear power', 'renewable*', 'solar', 'wind farm*', 'wind power', 'coal', 'emission*',
      'climate', 'cop28', 'cop29', 'cop30', 'cop31', 'deforestation', 'drought*', 'hurricane*', 'typhoon*', 'cyclone*', 'storm', 'storms',
      'flood*', 'sea-level', 'sea level', 'carbon', 'net zero', 'fuel', 'fuels', 'opec', 'dam', 'dams',
    ],
    // Weapons named after weather: the Eurofighter Typhoon, Storm Shadow missiles.
    exclude: ['internet blackout', 'media blackout', 'news blackout', 'power struggle', 'eurofighter typhoon*', 'typhoon fighter*', 'typhoon jet*', 'typhoon aircraft', 'storm shadow*', 'desert storm', 'jet fuel', 'fighter jet*'],
  },
  {
    key: 'human-rights-law',
    title: 'Human Rights & Law',
    include: [
      'human rights', 'rights group*', 'rights activist*', 'court', 'courts', 'judge*', 'judicial', 'judiciary', 'tribunal', 'trial', 'trials',
      'sentenc*', 'jail*', 'prison*', 'political prisoner*', 'detain*', 'detention', 'detainee*', 'arrest*', 'torture', 'execution*',
      'executed', 'executes', 'genocide', 'war crime*', 'crimes against humanity', 'icc', 'icj', 'international criminal court',
      'international court of justice', 'international law', 'humanitarian law', 'free speech', 'censor*', 'press freedom',
      'journalist*', 'correspondent*', 'crackdown', 'dissent', 'dissident*', 'abduct*', 'extrajudicial', 'stateless', 'citizenship',
      'treason', 'convict*', 'appeal', 'lawsuit', 'charges', 'charged', 'ruling', 'ruled', 'verdict',
    ],
  },
  {
    key: 'elections-politics',
    title: 'Elections & Politics',
    include: [
      'election*', 'elect', 'elects', 'elected', 're-elect*', 'vote', 'votes', 'voting', 'voter*', 'ballot*', 'poll', 'polls', 'polling',
      'referendum', 'parliament*', 'legislature', 'coalition', 'opposition', 'sworn in', 'no-confidence', 'confidence vote', 'campaign*',
      'candidate*', 'ruling party', 'political part*', 'protest*', 'demonstrator*', 'runoff', 'run-off', 'primary', 'primaries',
      'midterm*', 'coup', 'impeach*', 'resign*', 'cabinet', 'prime minister*', 'presidential', 'populist*', 'far right', 'far-right',
      'constitutional', 'dissolve*', 'ousted', 'majority', 'uprising',
    ],
  },
  {
    key: 'terrorism-crime',
    title: 'Terrorism & Organised Crime',
    include: [
      'terror*', 'jihad*', 'islamist*', 'militant*', 'insurgen*', 'al-shabaab', 'al shabaab', 'boko haram', 'islamic state', 'isis',
      'al-qaeda', 'al qaeda', 'cartel*', 'gang', 'gangs', 'drug*', 'traffick*', 'smuggl*', 'extortion', 'kidnap*', 'organised crime',
      'organized crime', 'money laundering', 'piracy', 'pirates', 'stolen', 'theft', 'fentanyl', 'counterterror*', 'counter-terror*',
      'criminal gang*', 'armed groups',
    ],
    exclude: ['drug war', 'drugs war'],
  },
];

interface CompiledPhrase {
  rule: number;
  exclude: boolean;
  words: string[];
  /** Last word is a stem (prefix match). */
  stem: boolean;
}

export interface TopicRules {
  readonly keys: readonly string[];
  readonly titles: ReadonlyMap<string, string>;
  /** Phrases by their first word (when that word is not a stem). */
  readonly byFirst: ReadonlyMap<string, readonly CompiledPhrase[]>;
  /** Single-word stems and phrases starting with a stem, by stem. */
  readonly byStem: ReadonlyMap<string, readonly CompiledPhrase[]>;
  readonly stemLengths: readonly number[];
}

export function compileTopicRules(rules: readonly TopicRule[]): TopicRules {
  const byFirst = new Map<string, CompiledPhrase[]>();
  const byStem = new Map<string, CompiledPhrase[]>();
  const keys: string[] = [];
  const titles = new Map<string, string>();
  const push = (map: Map<string, CompiledPhrase[]>, key: string, p: CompiledPhrase): void => {
    const list = map.get(key) ?? [];
    list.push(p);
    map.set(key, list);
  };
  rules.forEach((rule, index) => {
    if (titles.has(rule.key)) throw new Error(`topic rule "${rule.key}" is defined twice`);
    keys.push(rule.key);
    titles.set(rule.key, rule.title);
    const add = (phrase: string, exclude: boolean): void => {
      const stem = phrase.trimEnd().endsWith('*');
      const words = tokenize(phrase).map((t) => t.norm);
      if (words.length === 0) throw new Error(`topic rule "${rule.key}": empty phrase "${phrase}"`);
      const compiled: CompiledPhrase = { rule: index, exclude, words, stem };
      if (stem && words.length === 1) push(byStem, words[0] as string, compiled);
      else push(byFirst, words[0] as string, compiled);
    };
    for (const p of rule.include) add(p, false);
    for (const p of rule.exclude ?? []) add(p, true);
  });
  const stemLengths = [...new Set([...byStem.keys()].map((k) => k.length))].sort((a, b) => a - b);
  return { keys, titles, byFirst, byStem, stemLengths };
}

function phraseAt(p: CompiledPhrase, tokens: readonly Token[], i: number): number {
  const n = p.words.length;
  if (i + n > tokens.length) return -1;
  for (let k = 0; k < n; k++) {
    const word = p.words[k] as string;
    const tok = (tokens[i + k] as Token).norm;
    const last = k === n - 1;
    if (last && p.stem ? !tok.startsWith(word) : tok !== word) return -1;
  }
  return i + n - 1;
}

interface Span {
  rule: number;
  from: number;
  to: number;
}

function collect(list: readonly CompiledPhrase[] | undefined, tokens: readonly Token[], i: number, includes: Span[], excludes: Span[]): void {
  if (!list) return;
  for (const p of list) {
    const to = phraseAt(p, tokens, i);
    if (to >= 0) (p.exclude ? excludes : includes).push({ rule: p.rule, from: i, to });
  }
}

/** Topic keys (in rule order) whose phrases occur in the texts (or their tokens). */
export function matchTopics(rules: TopicRules, texts: ReadonlyArray<string | readonly Token[]>): string[] {
  const hits = new Set<number>();
  for (const text of texts) {
    const tokens = typeof text === 'string' ? tokenize(text) : text;
    const includes: Span[] = [];
    const excludes: Span[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const norm = (tokens[i] as Token).norm;
      collect(rules.byFirst.get(norm), tokens, i, includes, excludes);
      for (const len of rules.stemLengths) {
        if (len > norm.length) break;
        collect(rules.byStem.get(norm.slice(0, len)), tokens, i, includes, excludes);
      }
    }
    for (const inc of includes) {
      if (hits.has(inc.rule)) continue;
      const masked = excludes.some((ex) => ex.rule === inc.rule && ex.from <= inc.to && inc.from <= ex.to);
      if (!masked) hits.add(inc.rule);
    }
  }
  return [...hits].sort((a, b) => a - b).map((i) => rules.keys[i] as string);
}

export const TOPIC_TITLES: Readonly<Record<TopicKey, string>> = Object.fromEntries(
  DEFAULT_TOPIC_RULES.map((r) => [r.key, r.title]),
) as Record<TopicKey, string>;

let defaultRules: TopicRules | null = null;

/** The default rules, compiled on first use. */
export function getDefaultTopicRules(): TopicRules {
  defaultRules ??= compileTopicRules(DEFAULT_TOPIC_RULES);
  return defaultRules;
}
