// Feed URLs can carry credentials (`https://user:pass@host/…`) and API keys
// (`?apikey=…`). Wherever a URL is printed, logged or answered over HTTP it
// goes through redactUrl first: no userinfo, no query, no fragment.

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]+/gi;

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return url;
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    // Not a URL (a local path, or something malformed): still never show
    // what looks like userinfo or a query.
    return url.replace(/\/\/[^/?#\s]*@/g, '//').replace(/[?#].*$/s, '');
  }
}

/** Redacts every URL inside a free-text message (fetch errors quote redirect targets). */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, (m) => redactUrl(m));
}
