import { describe, expect, it } from 'vitest';
import { GMAIL_CLIP_BYTES, GMAIL_STYLE_BYTES, measureHtml } from '../../src/render/index.js';

describe('measureHtml', () => {
  it('counts UTF-8 bytes and the bytes inside <style> elements', () => {
    const html = '<html><head><style type="text/css">p{margin:0}</style><STYLE>a{}</STYLE></head><body>é</body></html>';
    const m = measureHtml(html);
    expect(m.bytes).toBe(html.length + 1); // é is two bytes
    expect(m.styleBytes).toBe('p{margin:0}'.length + 'a{}'.length);
    expect(m.warnings).toEqual([]);
  });

  it("warns above Gmail's 102 KB clip", () => {
    const under = measureHtml('x'.repeat(GMAIL_CLIP_BYTES));
    expect(under.warnings).toEqual([]);
    const over = measureHtml('x'.repeat(GMAIL_CLIP_BYTES + 1));
    expect(over.warnings).toHaveLength(1);
    expect(over.warnings[0]).toMatch(/102 KB.*clip/);
  });

  it("warns when <style> content passes Gmail's 16 KB", () => {
    const style = (n: number) => `<style>${'a{}'.repeat(n)}</style>`;
    expect(measureHtml(style(GMAIL_STYLE_BYTES / 4)).warnings).toEqual([]);
    const over = measureHtml(style(GMAIL_STYLE_BYTES / 3 + 1));
    expect(over.styleBytes).toBeGreaterThan(GMAIL_STYLE_BYTES);
    expect(over.warnings).toHaveLength(1);
    expect(over.warnings[0]).toMatch(/16 KB/);
  });
});
