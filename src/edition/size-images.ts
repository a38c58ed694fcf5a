// Outlook ignores CSS sizes on images and shows them at their natural size,
// which breaks a 600 px layout; it needs width (and height) attributes. The
// summary HTML was sanitized by curate, so its <img> tags are in
// sanitize-html's own regular form and a tag-level rewrite is safe. Pure.

/** Width of the story column: 600 px body minus 2 × 28 px padding. */
export const CONTENT_WIDTH = 544;

const IMG = /<img\b([^>]*?)\s*\/?>/g;

/** Every <img> gets width ≤ 544 and, when the height is known, a height scaled with it. */
export function sizeImages(html: string, maxWidth = CONTENT_WIDTH): string {
  if (!html.includes('<img')) return html;
  return html.replace(IMG, (_tag, attrs: string) => {
    const width = num(/\swidth="(\d+)"/.exec(attrs)?.[1]);
    const height = num(/\sheight="(\d+)"/.exec(attrs)?.[1]);
    const rest = attrs.replace(/\s(?:width|height|style)="[^"]*"/g, '');
    const w = width === null ? maxWidth : Math.min(width, maxWidth);
    const h = width !== null && height !== null ? Math.round((height * w) / width) : null;
    const sizes = ` width="${w}"${h !== null ? ` height="${h}"` : ''}`;
    // height:auto keeps the ratio where the height had to be left out.
    return `<img${rest}${sizes} style="display:block;width:100%;max-width:${w}px;height:auto;border:0;" />`;
  });
}

function num(s: string | undefined): number | null {
  const n = s === undefined ? NaN : Number(s);
  return Number.isFinite(n) && n > 0 ? n : null;
}
