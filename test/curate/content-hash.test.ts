import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/curate/index.js';

describe('contentHash', () => {
  it('is a sha256 hex digest', () => {
    expect(contentHash('Title', 'Body')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores case, punctuation, whitespace and a trailing ellipsis', () => {
    expect(contentHash('Talks RESUME in Geneva!', 'Envoys met,  on Monday…')).toBe(
      contentHash('talks resume in geneva', 'Envoys met on Monday'),
    );
  });

  it('differs when the words differ', () => {
    expect(contentHash('Talks resume', 'Envoys met')).not.toBe(contentHash('Talks stall', 'Envoys met'));
    expect(contentHash('Talks resume', 'Envoys met')).not.toBe(contentHash('Talks resume', 'Envoys left'));
  });

  it('does not let the title run into the excerpt', () => {
    expect(contentHash('a b', 'c')).not.toBe(contentHash('a', 'b c'));
  });

  it('mixes in the distinguisher only when the excerpt is blank', () => {
    expect(contentHash('Morning briefing', '', 'https://e.org/1')).not.toBe(contentHash('Morning briefing', '', 'https://e.org/2'));
    expect(contentHash('Morning briefing', 'Body', 'https://e.org/1')).toBe(contentHash('Morning briefing', 'Body', 'https://e.org/2'));
  });
});
