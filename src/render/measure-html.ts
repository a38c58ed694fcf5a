/** Gmail clips a message body above this many bytes ("[Message clipped]"). */
export const GMAIL_CLIP_BYTES = 102 * 1024;
/** Gmail drops a <style> block whose content exceeds this many bytes. */
export const GMAIL_STYLE_BYTES = 16 * 1024;

export interface HtmlMeasure {
  bytes: number;
  /** Bytes inside <style> elements. */
  styleBytes: number;
  warnings: string[];
}

const STYLE_RE = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;

/** Size of a filled HTML mail against Gmail's limits. */
export function measureHtml(html: string): HtmlMeasure {
  const bytes = Buffer.byteLength(html, 'utf8');
  let styleBytes = 0;
  for (const m of html.matchAll(STYLE_RE)) styleBytes += Buffer.byteLength(m[1] ?? '', 'utf8');
  const warnings: string[] = [];
  if (bytes > GMAIL_CLIP_BYTES) {
    warnings.push(`HTML is ${kb(bytes)} KB, above Gmail's 102 KB limit: Gmail will clip this message`);
  }
  if (styleBytes > GMAIL_STYLE_BYTES) {
    warnings.push(`<style> content is ${kb(styleBytes)} KB, above Gmail's 16 KB limit: Gmail will drop the styles`);
  }
  return { bytes, styleBytes, warnings };
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
