import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrlsIn } from '../../src/shared/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['https://user:pa55@feeds.example.org/rss.xml?apikey=SECRET#x', 'https://feeds.example.org/rss.xml'],
    ['http://token@example.org/a', 'http://example.org/a'],
    ['https://example.org/feed', 'https://example.org/feed'],
    ['feeds/local.xml', 'feeds/local.xml'],
    ['ht!tp://us:pw@bad host/?key=1', 'ht!tp://bad host/'],
  ])('%s -> %s', (input, out) => {
    expect(redactUrl(input)).toBe(out);
  });

  it('redacts every URL inside a message', () => {
    expect(redactUrlsIn('redirect loop: https://u:p@a.example/x?k=1 redirects back to http://a.example/y?token=2')).toBe(
      'redirect loop: https://a.example/x redirects back to http://a.example/y',
    );
  });
});
