import { describe, expect, it } from 'vitest';
import { toExcerpt, truncateText } from '../../src/curate/index.js';

describe('toExcerpt', () => {
  it('turns HTML into one line of plain text without link URLs or images', () => {
    const html =
      '<h2>Talks resume</h2><p>Envoys met in <a href="https://e.org/geneva">Geneva</a>&nbsp;on Monday.</p>' +
      '<img src="https://e.org/x.jpg" alt="photo"><ul><li>First</li><li>Second</li></ul>';
    expect(toExcerpt(html)).toBe('Talks resume Envoys met in Geneva on Monday. First Second');
  });

  it('decodes entities and drops script and style content', () => {
    expect(toExcerpt('<p>AT&amp;T &lt;3 &quot;q&quot;</p><script>var x = 1;</script><style>p{}</style>')).toBe('AT&T <3 "q"');
  });

  it('leaves plain text as it is, whitespace collapsed', () => {
    expect(toExcerpt('  line one\n\n  line\ttwo  ')).toBe('line one line two');
  });

  it('caps the length at a word boundary with an ellipsis', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const out = toExcerpt(`<p>${words}</p>`, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.endsWith('…')).toBe(true);
    expect(words.startsWith(out.slice(0, -1))).toBe(true);
    // Cut between words, not inside one.
    expect(words.charAt(out.length - 1)).toBe(' ');
  });

  it('does not cut text that fits', () => {
    expect(toExcerpt('<p>short</p>', 5)).toBe('short');
  });

  it('hard-cuts a single very long word', () => {
    const out = toExcerpt('x'.repeat(1000), 50);
    expect(out).toBe(`${'x'.repeat(49)}…`);
  });
});

describe('truncateText', () => {
  it('removes trailing punctuation before the ellipsis', () => {
    expect(truncateText('Talks, resumed, today in Geneva', 16)).toBe('Talks, resumed…');
  });

  it('never splits a surrogate pair', () => {
    const out = truncateText(`${'😀'.repeat(20)}`, 10);
    expect(out).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(out.length).toBeLessThanOrEqual(10);
  });
});
