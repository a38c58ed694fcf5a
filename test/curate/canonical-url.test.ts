import { describe, expect, it } from 'vitest';
import { canonicalUrl, cleanLinkUrl, safeHttpUrl } from '../../src/curate/index.js';

describe('canonicalUrl', () => {
  it('drops utm_* and other tracking parameters, the fragment, and sorts what is left', () => {
    expect(
      canonicalUrl('https://News.Example.ORG/world/a?utm_source=rss&b=2&fbclid=x&a=1&UTM_Medium=feed&gclid=y#comments'),
    ).toBe('https://news.example.org/world/a?a=1&b=2');
  });

  it.each(['mc_cid', 'mc_eid', 'igshid', 'ref', 'ref_src', 'cmpid', 'ocid', '_ga', 'msclkid', 'CMP', 'smid'])(
    'drops %s',
    (param) => {
      expect(canonicalUrl(`https://e.org/x?id=7&${param}=abc`)).toBe('https://e.org/x?id=7');
    },
  );

  it('drops a trailing "?", default ports and credentials', () => {
    expect(canonicalUrl('https://e.org:443/x?utm_campaign=z')).toBe('https://e.org/x');
    expect(canonicalUrl('http://e.org:80/x?')).toBe('http://e.org/x');
    expect(canonicalUrl('https://bank.example@evil.example/x')).toBe('https://evil.example/x');
    expect(canonicalUrl('https://e.org:8443/x')).toBe('https://e.org:8443/x');
  });

  it('keeps the raw encoding and value-less parameters of the query', () => {
    expect(canonicalUrl('https://e.org/x?q=a%20b&flag')).toBe('https://e.org/x?flag&q=a%20b');
  });

  it('keeps repeated parameters in their order', () => {
    expect(canonicalUrl('https://e.org/x?t=2&a=1&t=1')).toBe('https://e.org/x?a=1&t=2&t=1');
  });

  it('resolves relative links against the base', () => {
    expect(canonicalUrl('../b?utm_source=x#top', 'https://e.org/world/a/index.html')).toBe('https://e.org/world/b');
    expect(canonicalUrl('//cdn.e.org/p', 'https://e.org/')).toBe('https://cdn.e.org/p');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\nscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'mailto:a@b.org',
    'ftp://e.org/file',
    'file:///etc/passwd',
    '/relative/without/base',
    '',
    'http://',
    `https://e.org/${'a'.repeat(5000)}`,
  ])('returns null for %j', (url) => {
    expect(canonicalUrl(url)).toBeNull();
  });

  it('returns null for a relative link when the base is a local path', () => {
    expect(canonicalUrl('story.html', 'feeds/sample/world.xml')).toBeNull();
  });
});

describe('safeHttpUrl', () => {
  it('keeps the link as given (tracking and fragment) but absolute', () => {
    expect(safeHttpUrl('/a?utm_source=x#f', 'https://e.org/feed')).toBe('https://e.org/a?utm_source=x#f');
  });

  it('refuses anything but http(s)', () => {
    expect(safeHttpUrl('javascript:alert(1)', 'https://e.org/')).toBeNull();
    expect(safeHttpUrl('data:,x')).toBeNull();
  });
});

describe('cleanLinkUrl', () => {
  it('drops tracking parameters but keeps the fragment and parameter order', () => {
    expect(cleanLinkUrl('https://e.org/a?z=1&utm_source=x&a=2#section-3')).toBe('https://e.org/a?z=1&a=2#section-3');
  });
});

describe('absolute links from a local feed file', () => {
  it('keeps an absolute link when the base is a file path', () => {
    expect(canonicalUrl('https://news.example.org/a?utm_source=x#top', '/srv/feeds/desk.xml')).toBe('https://news.example.org/a');
    expect(canonicalUrl('/relative', '/srv/feeds/desk.xml')).toBeNull();
  });
});
