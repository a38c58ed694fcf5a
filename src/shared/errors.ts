// Named errors. The CLI is the one error boundary: it maps these to exit codes
// (ConfigError / UsageError → 2, everything else → 1).

export class DispatchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A bad config file or environment value; the message names the key and what was expected. */
export class ConfigError extends DispatchError {}

/** Bad command-line usage. */
export class UsageError extends DispatchError {}

/** A template that does not compile; names the template file and line. */
export class TemplateError extends DispatchError {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null,
    options?: { cause?: unknown },
  ) {
    super(`${file}${line != null ? `:${line}` : ''}: ${message}`, options);
  }
}

/** Bad input from a person (an email address, a CSV row…); safe to show. */
export class InputError extends DispatchError {}
