// Render stage: MJML → one HTML Handlebars template per edition (compileDigest),
// then one Handlebars fill per recipient (CompiledDigest.render), of the
// edition as that subscriber's preferences cut it (personaliseEdition).
export { builtinTemplatesDir } from './builtin-templates-dir.js';
export { loadTemplates, type LoadTemplatesOptions } from './load-templates.js';
export { MAIN_TEMPLATE, TEXT_TEMPLATE, type TemplateFile, type TemplateSet } from './template-set.js';
export { compileDigest, type CompiledDigest, type RenderedDigest, type TemplateData } from './compile-digest.js';
export { personaliseEdition, preferenceKey } from './personalise-edition.js';
export { measureHtml, GMAIL_CLIP_BYTES, GMAIL_STYLE_BYTES, type HtmlMeasure } from './measure-html.js';
export { renderText } from './render-text.js';
export { compileMail, loadMailTemplates, type CompiledMail } from './compile-mail.js';
