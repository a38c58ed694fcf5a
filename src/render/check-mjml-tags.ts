import { TemplateError } from '../shared/errors.js';
import { blankXmlComments, lineAt, type ExpandedSource } from './expand-includes.js';

const TAG_RE = /<(\/?)(mjml|mj-[\w-]+)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;

/**
 * MJML's parser is lenient: an unclosed `<mj-text>` silently swallows what
 * follows and no validation error says so. Check that mj-* tags nest properly
 * and name the file and line of the tag that does not.
 */
export function checkMjmlTags(source: ExpandedSource): void {
  const text = blankXmlComments(source.text);
  const open: Array<{ tag: string; index: number }> = [];
  const where = (index: number) => source.origin(lineAt(text, index));
  for (const m of text.matchAll(TAG_RE)) {
    const [, closing, tag = '', , selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) {
      open.push({ tag, index: m.index });
      continue;
    }
    const top = open.pop();
    if (!top) {
      const at = where(m.index);
      throw new TemplateError(`</${tag}> closes a tag that was never opened`, at.path, at.line);
    }
    if (top.tag !== tag) {
      const at = where(top.index);
      const closer = where(m.index);
      throw new TemplateError(
        `<${top.tag}> is not closed (found </${tag}> at ${closer.path}:${closer.line})`,
        at.path,
        at.line,
      );
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    const at = where(unclosed.index);
    throw new TemplateError(`<${unclosed.tag}> is never closed`, at.path, at.line);
  }
}
