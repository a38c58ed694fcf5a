// Recovers the XML sloppiness real feeds ship with, the way forgiving feed
// readers do: a bare `&` (in "AT&T" or an unescaped query string) becomes
// `&amp;`, and HTML named entities XML does not define (`&nbsp;`, `&eacute;` …)
// become numeric references. CDATA sections are left alone (their `&` is
// literal already). Used only to retry a document the strict parser rejected,
// so a well-formed feed is never rewritten.

// HTML entity names that turn up in feeds although XML does not define them.
export const HTML_ENTITIES: Record<string, number> = {
  nbsp: 160, iexcl: 161, cent: 162, pound: 163, curren: 164, yen: 165, sect: 167, uml: 168, copy: 169,
  ordf: 170, laquo: 171, not: 172, shy: 173, reg: 174, macr: 175, deg: 176, plusmn: 177, sup2: 178,
  sup3: 179, acute: 180, micro: 181, para: 182, middot: 183, cedil: 184, sup1: 185, ordm: 186, raquo: 187,
  frac14: 188, frac12: 189, frac34: 190, iquest: 191, Agrave: 192, Aacute: 193, Acirc: 194, Atilde: 195,
  Auml: 196, Aring: 197, AElig: 198, Ccedil: 199, Egrave: 200, Eacute: 201, Ecirc: 202, Euml: 203,
  Igrave: 204, Iacute: 205, Icirc: 206, Iuml: 207, ETH: 208, Ntilde: 209, Ograve: 210, Oacute: 211,
  Ocirc: 212, Otilde: 213, Ouml: 214, times: 215, Oslash: 216, Ugrave: 217, Uacute: 218, Ucirc: 219,
  Uuml: 220, Yacute: 221, THORN: 222, szlig: 223, agrave: 224, aacute: 225, acirc: 226, atilde: 227,
  auml: 228, aring: 229, aelig: 230, ccedil: 231, egrave: 232, eacute: 233, ecirc: 234, euml: 235,
  igrave: 236, iacute: 237, icirc: 238, iuml: 239, eth: 240, ntilde: 241, ograve: 242, oacute: 243,
  ocirc: 244, otilde: 245, ouml: 246, divide: 247, oslash: 248, ugrave: 249, uacute: 250, ucirc: 251,
  uuml: 252, yacute: 253, thorn: 254, yuml: 255, OElig: 338, oelig: 339, Scaron: 352, scaron: 353,
  Yuml: 376, fnof: 402, circ: 710, tilde: 732, ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204,
  zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218,
  ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230,
  permil: 8240, prime: 8242, Prime: 8243, lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482,
  larr: 8592, rarr: 8594, minus: 8722,
};

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** One ampersand and what follows it: a character reference, a named reference, or nothing valid. */
const AMPERSAND = /&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?/g;

function fixAmpersands(text: string): string {
  return text.replace(AMPERSAND, (whole, ref: string | undefined) => {
    if (!ref) return '&amp;';
    if (ref.startsWith('#')) return whole;
    const name = ref.slice(0, -1);
    if (XML_ENTITIES.has(name)) return whole;
    const code = HTML_ENTITIES[name];
    return code === undefined ? `&amp;${ref}` : `&#${code};`;
  });
}

export interface RecoveredXml {
  xml: string;
  /** True when anything had to be changed. */
  changed: boolean;
}

export function recoverXml(xml: string): RecoveredXml {
  let out = '';
  let rest = xml;
  for (;;) {
    const start = rest.indexOf('<![CDATA[');
    if (start < 0) {
      out += fixAmpersands(rest);
      break;
    }
    const end = rest.indexOf(']]>', start + 9);
    out += fixAmpersands(rest.slice(0, start));
    if (end < 0) {
      out += rest.slice(start);
      break;
    }
    out += rest.slice(start, end + 3);
    rest = rest.slice(end + 3);
  }
  return { xml: out, changed: out !== xml };
}
