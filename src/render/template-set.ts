/** One template file as loaded, with where it came from (for error messages). */
export interface TemplateFile {
  /** Name relative to the templates folder, with `/` separators: `partials/item.mjml`. */
  readonly name: string;
  /** The file actually read (override folder or built-in), as shown in errors. */
  readonly path: string;
  /** Contents with line endings normalised to `\n`. */
  readonly source: string;
}

/**
 * Every file a digest needs: the main MJML template, the files it includes
 * (transitively) and, when present, the text template.
 */
export interface TemplateSet {
  readonly files: ReadonlyMap<string, TemplateFile>;
}

/** The main MJML template; its partials come in through `<mj-include path="…" />`. */
export const MAIN_TEMPLATE = 'digest.mjml';
/** The plain-text part (Handlebars, no escaping). Optional: without it the text comes from the HTML. */
export const TEXT_TEMPLATE = 'digest.txt.hbs';
