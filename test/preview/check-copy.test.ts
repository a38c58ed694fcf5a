import { describe, expect, it } from 'vitest';
import { checkCopy, type CopyCheck, type CopyToCheck } from '../../src/preview/index.js';
import { GMAIL_CLIP_BYTES } from '../../src/render/index.js';

const UNSUB = 'https://brief.example.org/unsubscribe?token=abc.def';

function copy(overrides: Partial<CopyToCheck> = {}): CopyToCheck {
  return {
    html: `<html><head><style>p{margin:0}</style></head><body>
      <a href="https://news.example.org/a">A</a>
      <img src="https://img.example.org/a.png" alt="A map">
      <a href="https://brief.example.org/unsubscribe?token&#x3D;abc.def">Unsubscribe</a></body></html>`,
    text: 'A\nUnsubscribe: ' + UNSUB,
    subject: 'Daily Brief: Ministers meet',
    preheader: 'Talks resume in Geneva · Sanctions widen · Elections called',
    headers: { 'list-unsubscribe': `<${UNSUB}>, <mailto:u@example.org?subject=unsubscribe>`, 'list-unsubscribe-post': 'List-Unsubscribe=One-Click' },
    unsubscribeUrl: UNSUB,
    ...overrides,
  };
}

function byId(checks: CopyCheck[], id: CopyCheck['id']): CopyCheck {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

describe('checkCopy', () => {
  it('passes a well-formed copy and counts its links and images', () => {
    const checks = checkCopy(copy());
    expect(checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(byId(checks, 'links').detail).toBe('2 links');
    expect(byId(checks, 'images').detail).toBe('1 image');
  });

  it('measures the HTML against Gmail’s clip: warn near it, fail above it', () => {
    const pad = (bytes: number) => copy({ html: copy().html + `<p>${'x'.repeat(bytes)}</p>` });
    expect(byId(checkCopy(pad(GMAIL_CLIP_BYTES * 0.5)), 'size').status).toBe('ok');
    expect(byId(checkCopy(pad(GMAIL_CLIP_BYTES * 0.85)), 'size').status).toBe('warn');
    const over = byId(checkCopy(pad(GMAIL_CLIP_BYTES)), 'size');
    expect(over.status).toBe('fail');
    expect(over.detail).toMatch(/clip/);
  });

  it('flags images without alt text but accepts an empty alt (decorative)', () => {
    const html = '<img src="https://x.example/a.png"><img src="https://x.example/b.png" alt=""><IMG SRC="c.png">' + copy().html;
    const alt = byId(checkCopy(copy({ html })), 'alt');
    expect(alt.status).toBe('warn');
    expect(alt.detail).toMatch(/^2 images without alt/);
    expect(byId(checkCopy(copy({ html })), 'images').detail).toBe('4 images');
  });

  it('flags links that are not https, ignoring mailto', () => {
    const html = copy().html + '<a href="http://plain.example.org/x">x</a><a href="mailto:a@example.org">m</a>';
    const https = byId(checkCopy(copy({ html })), 'https');
    expect(https.status).toBe('warn');
    expect(https.detail).toContain('1 of 3 links are not https, e.g. http://plain.example.org/x');
  });

  it('fails when the unsubscribe link is missing from the body or the headers', () => {
    const noBody = copy({ html: '<a href="https://news.example.org/a">A</a>' });
    const c1 = byId(checkCopy(noBody), 'unsubscribe');
    expect(c1.status).toBe('fail');
    expect(c1.detail).toContain('NO unsubscribe link in the body');

    const c2 = byId(checkCopy(copy({ headers: {} })), 'unsubscribe');
    expect(c2.status).toBe('fail');
    expect(c2.detail).toContain('NO List-Unsubscribe header');
    expect(c2.detail).toContain('NO List-Unsubscribe-Post');

    // Another subscriber's link does not count.
    const other = copy({ unsubscribeUrl: 'https://brief.example.org/unsubscribe?token=zzz' });
    expect(byId(checkCopy(other), 'unsubscribe').status).toBe('fail');
  });

  it('judges subject and preheader lengths', () => {
    expect(byId(checkCopy(copy({ subject: '' })), 'subject').status).toBe('fail');
    expect(byId(checkCopy(copy({ subject: 'x'.repeat(78) })), 'subject').status).toBe('ok');
    expect(byId(checkCopy(copy({ subject: 'x'.repeat(79) })), 'subject').status).toBe('warn');
    expect(byId(checkCopy(copy({ preheader: '' })), 'preheader').detail).toMatch(/no preheader/);
    expect(byId(checkCopy(copy({ preheader: 'Short one' })), 'preheader').status).toBe('warn');
    expect(byId(checkCopy(copy({ preheader: 'y'.repeat(141) })), 'preheader').status).toBe('warn');
    expect(byId(checkCopy(copy({ preheader: 'y'.repeat(140) })), 'preheader').status).toBe('ok');
  });

  it('fails an empty text part', () => {
    expect(byId(checkCopy(copy({ text: '  \n' })), 'text').status).toBe('fail');
  });
});
