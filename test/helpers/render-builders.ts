// Builders for the render stage: edition models and recipients with realistic
// sizes (long outlet names, tracking-free but long article URLs, signed tokens).
import type { EditionModel, ItemView, RecipientView, SectionView, StoryView } from '../../src/shared/types.js';

const SOURCES = [
  'Foreign Affairs Review',
  'The Diplomatic Courier',
  'Global Security Monitor',
  'Atlantic Council Wire',
  'Pacific Strategy Weekly',
  'Middle East Observer',
  'European Policy Desk',
  'Americas Quarterly Brief',
];

const HEADLINES = [
  'Foreign ministers agree on a framework for renewed ceasefire talks',
  'Parliament ratifies the defence cooperation treaty after a long debate',
  'Trade envoys resume negotiations on critical minerals supply chains',
  'Coalition partners split over sanctions relief proposal',
  'Summit communiqué commits to maritime security patrols in the strait',
  'Election observers report irregularities in the disputed northern provinces',
  'Central bank warns of capital flight as border tensions rise',
  'Humanitarian corridor reopens after weeks of stalled negotiations',
];

const SENTENCES = [
  'Officials said the agreement would be reviewed by both cabinets before the end of the month.',
  'Diplomats cautioned that the timetable remained fragile and depended on verification.',
  'The opposition called the deal premature and demanded a parliamentary hearing.',
  'Analysts noted that regional partners had pressed for a settlement since the spring.',
  'A joint monitoring mission is expected to report on compliance within six weeks.',
  'Negotiators described the talks as constructive but declined to give details.',
];

/** Plain text of exactly `chars` characters built from realistic sentences. */
export function summaryText(chars: number, seed = 0): string {
  let text = '';
  for (let i = seed; text.length < chars; i++) text += (text ? ' ' : '') + SENTENCES[i % SENTENCES.length];
  return text.slice(0, chars);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function makeItemView(overrides: Partial<ItemView> = {}, n = 1, summaryChars = 300): ItemView {
  const title = HEADLINES[n % HEADLINES.length] + ` (${n})`;
  const excerpt = summaryText(summaryChars, n);
  return {
    id: n,
    source: SOURCES[n % SOURCES.length] ?? 'Feed',
    title,
    url: `https://www.${slug(SOURCES[n % SOURCES.length] ?? 'feed')}.example/world/2026/11/25/${slug(title)}-${1000 + n}`,
    summaryHtml: `<p>${excerpt}</p>`,
    excerpt,
    publishedAt: new Date(Date.UTC(2026, 10, 25, 6, 0) - n * 600_000).toISOString(),
    countries: [],
    regions: [],
    topics: [],
    ...overrides,
  };
}

export interface EditionModelOptions {
  /** Stories, each with a headline item carrying a full summary. */
  items?: number;
  summaryChars?: number;
  sections?: number;
  /** Every n-th story also carries two "also reported by" items (0: none). */
  alsoReportedEvery?: number;
}

const SECTION_TITLES = ['Europe', 'Middle East', 'Asia-Pacific', 'Americas', 'Africa', 'Global'];

/**
 * An edition of `items` stories spread over sections. The counts are a
 * worst case for size: every story has a full summary, and every
 * `alsoReportedEvery`-th one has two extra outlets on top.
 */
export function makeEditionModel(options: EditionModelOptions = {}): EditionModel {
  const { items = 30, summaryChars = 300, sections = 4, alsoReportedEvery = 5 } = options;
  let nextId = 1;
  let itemCount = 0;
  const sectionViews: SectionView[] = Array.from({ length: sections }, (_, s) => ({
    key: slug(SECTION_TITLES[s % SECTION_TITLES.length] ?? `section-${s}`),
    title: SECTION_TITLES[s % SECTION_TITLES.length] ?? `Section ${s}`,
    stories: [],
  }));
  for (let i = 0; i < items; i++) {
    const headline = makeItemView({}, nextId++, summaryChars);
    const alsoReportedBy =
      alsoReportedEvery > 0 && i % alsoReportedEvery === 0
        ? [makeItemView({}, nextId++, summaryChars), makeItemView({}, nextId++, summaryChars)]
        : [];
    itemCount += 1 + alsoReportedBy.length;
    const story: StoryView = { id: `story-${i}`, headline, alsoReportedBy };
    sectionViews[Math.floor((i * sections) / items)]?.stories.push(story);
  }
  return {
    digest: { name: 'daily', title: 'Daily Foreign Policy Brief' },
    editionId: 42,
    subject: 'Daily Foreign Policy Brief: ceasefire talks, treaty ratified',
    preheader: 'Ceasefire framework agreed; defence treaty ratified; minerals talks resume.',
    date: '2026-11-25T07:00:00.000Z',
    sections: sectionViews.filter((s) => s.stories.length > 0),
    itemCount,
  };
}

/** Recipient n, with URLs as long as real signed-token links. */
export function makeRecipient(n = 0, overrides: Partial<RecipientView> = {}): RecipientView {
  const token = `${n}.${'k'.repeat(20)}${n.toString(36).padStart(8, '0')}.${'s'.repeat(43)}`;
  return {
    email: `reader${n}@example.org`,
    name: `Reader ${n}`,
    unsubscribeUrl: `https://brief.example.org/unsubscribe?token=${token}`,
    preferencesUrl: `https://brief.example.org/preferences?token=${token}`,
    viewInBrowserUrl: 'https://brief.example.org/editions/42',
    ...overrides,
  };
}

/** Every item of a model (headlines and "also reported by"). */
export function allItems(model: EditionModel): ItemView[] {
  return model.sections.flatMap((s) => s.stories.flatMap((st) => [st.headline, ...st.alsoReportedBy]));
}
