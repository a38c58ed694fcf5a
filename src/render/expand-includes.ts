import path from 'node:path';
import { TemplateError } from '../shared/errors.js';
import type { TemplateFile, TemplateSet } from './template-set.js';

/** Where a line of an expanded template came from. */
export interface SourceOrigin {
  path: string;
  line: number;
}

/** A template with its includes pasted in, and a map from its lines back to the files. */
export interface ExpandedSource {
  text: string;
  /** Origin of a 1-based line of `text` (lines past the end map to the last one). */
  origin(line: number): SourceOrigin;
}

export interface IncludeTag {
  /** Resolved name of the included file within the templates folder. */
  name: string;
  index: number;
  length: number;
  /** 1-based line of the tag in the including file. */
  line: number;
}

// MJML's own include syntax, so templates read like ordinary MJML. We resolve
// it ourselves (MJML runs with ignoreIncludes) because an override folder can
// replace any single file and errors must name the file that was really used.
const INCLUDE_RE = /<mj-include\b((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*\/?>(?:\s*<\/mj-include\s*>)?/g;
const ATTR_RE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * `<mj-include path="…" />` tags of a file. Paths are relative to the
 * including file (as in MJML) and may not leave the templates folder.
 */
export function findIncludes(file: Pick<TemplateFile, 'name' | 'path' | 'source'>): IncludeTag[] {
  const tags: IncludeTag[] = [];
  // Commented-out includes are not includes (offsets are kept by the blanking).
  for (const m of blankXmlComments(file.source).matchAll(INCLUDE_RE)) {
    const line = lineAt(file.source, m.index);
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTR_RE)) {
      if (a[1] !== undefined) attrs.set(a[1], a[2] ?? a[3] ?? '');
    }
    const target = attrs.get('path');
    if (!target) throw new TemplateError('<mj-include> needs a path attribute', file.path, line);
    const type = attrs.get('type');
    if (type !== undefined && type !== 'mjml') {
      throw new TemplateError(`<mj-include type="${type}"> is not supported; include MJML files only`, file.path, line);
    }
    const name = path.posix.normalize(path.posix.join(path.posix.dirname(file.name), target.replaceAll('\\', '/')));
    if (path.posix.isAbsolute(target) || name === '..' || name.startsWith('../')) {
      throw new TemplateError(`<mj-include path="${target}"> points outside the templates folder`, file.path, line);
    }
    tags.push({ name, index: m.index, length: m[0].length, line });
  }
  return tags;
}

/** Builds text while remembering, for each output line, the file and line its first character came from. */
class MappedText {
  text = '';
  private readonly origins: SourceOrigin[] = [];
  private lineOpen = false;
  private last: SourceOrigin = { path: '', line: 1 };

  append(chunk: string, filePath: string, startLine: number): void {
    const segments = chunk.split('\n');
    segments.forEach((segment, i) => {
      if (i > 0) {
        // A line that ends before getting any text of its own belongs here.
        if (!this.lineOpen) this.origins.push({ path: filePath, line: startLine + i - 1 });
        this.text += '\n';
        this.lineOpen = false;
      }
      if (segment.length > 0 && !this.lineOpen) {
        this.origins.push({ path: filePath, line: startLine + i });
        this.lineOpen = true;
      }
      this.text += segment;
    });
    this.last = { path: filePath, line: startLine + segments.length - 1 };
  }

  finish(): ExpandedSource {
    const origins = [...this.origins];
    if (!this.lineOpen) origins.push(this.last);
    const fallback = this.last;
    return {
      text: this.text,
      origin: (line) => origins[Math.min(Math.max(line, 1), origins.length) - 1] ?? fallback,
    };
  }
}

/** Pastes every `<mj-include>` of `file` (recursively) so MJML sees one document. */
export function expandIncludes(templates: TemplateSet, file: TemplateFile): ExpandedSource {
  const out = new MappedText();
  expandInto(out, templates, file, [file.name]);
  return out.finish();
}

function expandInto(out: MappedText, templates: TemplateSet, file: TemplateFile, stack: string[]): void {
  let last = 0;
  for (const tag of findIncludes(file)) {
    out.append(file.source.slice(last, tag.index), file.path, lineAt(file.source, last));
    if (stack.includes(tag.name)) {
      throw new TemplateError(`<mj-include> cycle: ${[...stack, tag.name].join(' → ')}`, file.path, tag.line);
    }
    const included = templates.files.get(tag.name);
    if (!included) throw new TemplateError(`included file ${tag.name} not found`, file.path, tag.line);
    // A trailing newline in a partial would add a blank line per include; drop it.
    const body = included.source.endsWith('\n') ? { ...included, source: included.source.slice(0, -1) } : included;
    expandInto(out, templates, body, [...stack, tag.name]);
    last = tag.index + tag.length;
  }
  out.append(file.source.slice(last), file.path, lineAt(file.source, last));
}

/**
 * Replaces XML comments with spaces, keeping newlines so offsets and line
 * numbers stay put. MJML drops comments (keepComments: false), so checks of
 * the source must not see what they contain either.
 */
export function blankXmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
}
