// The one error type handlers throw. `message` is written for the person at
// the browser and never contains their raw input; the error handler renders it
// (escaped) in the error page.
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 410 | 413 | 415 | 429 | 500 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
