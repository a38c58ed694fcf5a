// mjml 5 ships no type declarations; this covers the part of its API we call.
declare module 'mjml' {
  export interface MjmlValidationError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }

  export interface MjmlOptions {
    validationLevel?: 'strict' | 'soft' | 'skip';
    keepComments?: boolean;
    /** Web fonts MJML may link when a font-family names them; `{}` links none. */
    fonts?: Record<string, string>;
    minify?: boolean;
    beautify?: boolean;
    ignoreIncludes?: boolean;
    filePath?: string;
  }

  export interface MjmlResult {
    html: string;
    json: unknown;
    errors: MjmlValidationError[];
  }

  export default function mjml2html(input: string, options?: MjmlOptions): Promise<MjmlResult>;
}
