// The edition every bench uses: 30 stories with 300-character summaries
// (a little sanitized HTML in each), spread over five sections, every fifth
// story carrying two "also reported by" outlets. Sizes are those of a full
// real edition, so byte counts and render costs are honest.
import type { EditionModel, ItemView, RecipientView, SectionView } from '../src/shared/types.js';

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

const SECTIONS = ['Europe', 'Middle East', 'Asia-Pacific', 'Americas', 'Global'];

export const SUMMARY_CHARS = 300;
export const STORIES = 30;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Plain text of exactly `chars` characters. */
function plain(chars: number, seed: number): string {
  let text = '';
  for (let i = seed; text.length < chars; i++) text += (text ? ' ' : '') + SENTENCES[i % SENTENCES.length];
  return text.slice(0, chars);
}

function item(n: number): ItemView {
  const source = SOURCES[n % SOURCES.length] ?? 'Feed';
  const title = `${HEADLINES[n % HEADLINES.length]} (${n})`;
  const excerpt = plain(SUMMARY_CHARS, n);
  const url = `https://www.${slug(source)}.example/world/2026/11/25/${slug(title)}-${1000 + n}`;
  // What curate's sanitizer lets through: paragraphs, emphasis, plain links.
  // 300 characters of visible text; the markup comes on top.
  const cut = excerpt.indexOf(' ', 120);
  const summaryHtml =
    `<p><strong>${excerpt.slice(0, 40)}</strong>${excerpt.slice(40, cut)}</p>` +
    `<p>${excerpt.slice(cut + 1, 220)} <a href="${url}">${excerpt.slice(220, 260)}</a>${excerpt.slice(260)}</p>`;
  return {
    id: n,
    source,
    title,
    url,
    summaryHtml,
    excerpt,
    publishedAt: new Date(Date.UTC(2026, 10, 25, 6, 0) - n * 600_000).toISOString(),
    countries: ['UA'],
    regions: ['europe'],
    topics: ['diplomacy'],
  };
}

export function benchEditionModel(editionId: number | null = 42): EditionModel {
  let next = 1;
  let itemCount = 0;
  const sections: SectionView[] = SECTIONS.map((title) => ({ key: slug(title), title, stories: [] }));
  for (let i = 0; i < STORIES; i++) {
    const headline = item(next++);
    const alsoReportedBy = i % 5 === 0 ? [item(next++), item(next++)] : [];
    itemCount += 1 + alsoReportedBy.length;
    sections[Math.floor((i * SECTIONS.length) / STORIES)]?.stories.push({ id: `story-${i}`, headline, alsoReportedBy });
  }
  return {
    digest: { name: 'daily', title: 'Daily Foreign Policy Brief' },
    editionId,
    subject: 'Daily Foreign Policy Brief: ceasefire talks, treaty ratified',
    preheader: 'Ceasefire framework agreed; defence treaty ratified; minerals talks resume.',
    date: '2026-11-25T07:00:00.000Z',
    sections,
    itemCount,
  };
}

/** Recipient n: its own address and signed-token-length links. */
export function benchRecipient(n: number): RecipientView {
  const token = `${n}.${n.toString(36).padStart(27, 'k')}.${'s'.repeat(43)}`;
  return {
    email: `reader${n}@example.org`,
    name: `Reader ${n}`,
    unsubscribeUrl: `https://brief.example.org/unsubscribe?token=${token}`,
    preferencesUrl: `https://brief.example.org/preferences?token=${token}`,
    viewInBrowserUrl: 'https://brief.example.org/editions/42',
  };
}
