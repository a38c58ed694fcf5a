// Bench 4: bytes of one recipient's copy of a full edition (30 stories,
// 300-character summaries) against Gmail's clip (102 KB; our target 80 KB),
// and how much of it is CSS: the <style> block and the inline style="" attributes.
import { builtinTemplatesDir, compileDigest, GMAIL_CLIP_BYTES, loadTemplates, measureHtml } from '../src/render/index.js';
import { benchEditionModel, benchRecipient } from './edition-fixture.js';
import { kb, verdict, type Row } from './report.js';

export const HTML_TARGET_BYTES = 80 * 1024;

export interface HtmlSize {
  htmlBytes: number;
  styleBlockBytes: number;
  inlineStyleBytes: number;
  textBytes: number;
  itemCount: number;
}

export async function measureEdition(): Promise<HtmlSize> {
  const model = benchEditionModel();
  const compiled = await compileDigest(await loadTemplates({ builtinDir: builtinTemplatesDir() }));
  const { html, text } = compiled.render(model, benchRecipient(1));
  const m = measureHtml(html);
  let inlineStyleBytes = 0;
  for (const a of html.matchAll(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi)) inlineStyleBytes += Buffer.byteLength(a[0], 'utf8');
  return {
    htmlBytes: m.bytes,
    styleBlockBytes: m.styleBytes,
    inlineStyleBytes,
    textBytes: Buffer.byteLength(text, 'utf8'),
    itemCount: model.itemCount,
  };
}

export async function htmlSizeBench(): Promise<Row[]> {
  const s = await measureEdition();
  console.log(`  30 stories (${s.itemCount} items incl. "also reported by"), 300-character summaries`);
  console.log(`  HTML ${s.htmlBytes} bytes (${kb(s.htmlBytes)}; Gmail clips at ${kb(GMAIL_CLIP_BYTES)})`);
  console.log(`  CSS: <style> blocks ${s.styleBlockBytes} bytes, inline style="" attributes ${s.inlineStyleBytes} bytes (${((100 * s.inlineStyleBytes) / s.htmlBytes).toFixed(0)} % of the HTML)`);
  console.log(`  text part ${s.textBytes} bytes`);
  return [
    { bench: 'html', measure: 'HTML bytes, 30-item edition', value: kb(s.htmlBytes), target: '< 80 KB', status: verdict(s.htmlBytes < HTML_TARGET_BYTES) },
    { bench: 'html', measure: '<style> block bytes', value: kb(s.styleBlockBytes), target: '< 16 KB', status: verdict(s.styleBlockBytes < 16 * 1024) },
    { bench: 'html', measure: 'inline style="" bytes', value: kb(s.inlineStyleBytes), target: '', status: '' },
  ];
}
